'use client';

import { useActionState } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Field, Input } from '../ui/field';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/submit-button';

export function ForgotPasswordForm({ action }: { action: (prev: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-5">
      {formMessage(state, ['email']) ? (
        <Notice tone={state.ok ? 'success' : 'error'} testId="forgot-result">
          {formMessage(state, ['email'])}
        </Notice>
      ) : null}
      <Field label="Email" htmlFor="email" error={state.fieldErrors?.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
    </form>
  );
}
