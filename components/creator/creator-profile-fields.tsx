'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input, Select } from '@/components/ui/field';
import { PLATFORM_OPTIONS } from '@/lib/platforms';

/** The influencer's public profile fields; after a refused save they show what was typed. */
export function CreatorProfileFields({ defaults }: { defaults: Record<'category' | 'country' | 'bio' | 'rate' | 'rateCurrency', string> }) {
  const state = useActionFormState();
  const v = (k: keyof typeof defaults) => state.values?.[k] ?? defaults[k];
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField name="category" label="Niche" htmlFor="category" hint="What brands search for, e.g. Outdoors, Beauty, Gaming">
          <Input id="category" name="category" defaultValue={v('category')} maxLength={60} />
        </FormField>
        <FormField name="country" label="Country" htmlFor="country">
          <Input id="country" name="country" defaultValue={v('country')} maxLength={60} />
        </FormField>
      </div>
      <FormField name="bio" label="Bio" htmlFor="bio">
        <textarea
          id="bio"
          name="bio"
          rows={4}
          maxLength={1000}
          defaultValue={v('bio')}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </FormField>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField name="rate" label="Rate per deliverable" htmlFor="rate" hint="Your typical fee; leave blank to show no rate card">
          <Input id="rate" name="rate" inputMode="decimal" defaultValue={v('rate')} />
        </FormField>
        <FormField name="rateCurrency" label="Currency" htmlFor="rateCurrency">
          <Input id="rateCurrency" name="rateCurrency" defaultValue={v('rateCurrency')} placeholder="USD" maxLength={3} />
        </FormField>
      </div>
    </div>
  );
}

/** Platform and handle of a social account to add. */
export function AddAccountFields() {
  const state = useActionFormState();
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-[10rem_1fr]">
      <FormField name="platform" label="Platform" htmlFor="platform">
        <Select id="platform" name="platform" defaultValue={state.values?.platform ?? 'instagram'}>
          {PLATFORM_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField name="handle" label="Handle" htmlFor="handle">
        <Input id="handle" name="handle" placeholder="@yourname" defaultValue={state.values?.handle ?? ''} required />
      </FormField>
    </div>
  );
}
