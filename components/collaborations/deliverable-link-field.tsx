'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input } from '@/components/ui/field';

/**
 * The link box of a deliverable's submission form: keeps what the creator typed when the server
 * refuses it, and shows why next to it.
 */
export function DeliverableLinkField({ deliverableId, platformName }: { deliverableId: string; platformName: string }) {
  const state = useActionFormState();
  const id = `post-url-${deliverableId}`;
  return (
    <FormField name="postUrl" label={`Link of the published ${platformName} post`} htmlFor={id}>
      <Input
        id={id}
        name="postUrl"
        placeholder={`https://… link of your ${platformName} post`}
        defaultValue={state.ok ? '' : (state.values?.postUrl ?? '')}
        required
      />
    </FormField>
  );
}
