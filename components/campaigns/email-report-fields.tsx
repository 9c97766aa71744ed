'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input } from '@/components/ui/field';

/** The recipients field of "Email this report to…"; keeps what was typed after a refusal. */
export function EmailReportFields() {
  const state = useActionFormState();
  return (
    <FormField name="to" label="Recipients (up to 10, comma-separated)" htmlFor="report-to">
      <Input
        id="report-to"
        name="to"
        required
        placeholder="cfo@client.com, team@agency.com"
        defaultValue={state.ok ? '' : (state.values?.to ?? '')}
      />
    </FormField>
  );
}
