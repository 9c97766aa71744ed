'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input } from '@/components/ui/field';

/** The application form's fields; they keep what was typed after a refused send. */
export function ApplyFields({ currency }: { currency: string }) {
  const state = useActionFormState();
  return (
    <>
      <FormField name="pitch" label="Pitch" htmlFor="pitch" hint="Why you and your audience fit, in a few sentences">
        <textarea
          id="pitch"
          name="pitch"
          rows={6}
          maxLength={2000}
          required
          defaultValue={state.values?.pitch ?? ''}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </FormField>
      <FormField name="fee" label={`Your fee (${currency})`} htmlFor="fee" hint="For everything the brief asks; 0 for product only">
        <Input id="fee" name="fee" inputMode="decimal" required placeholder="1,200" defaultValue={state.values?.fee ?? ''} />
      </FormField>
    </>
  );
}
