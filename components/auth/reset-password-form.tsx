'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Field, Input } from '../ui/field';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/submit-button';

type State = FormState & { email?: string };

export function ResetPasswordForm({ token, action }: { token: string; action: (prev: State, data: FormData) => Promise<State> }) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, initialFormState as State);
  useEffect(() => {
    if (state.ok && state.email) router.replace(`/sign-in?reset=1&email=${encodeURIComponent(state.email)}`);
  }, [state, router]);
  return (
    <form action={formAction} className="space-y-5">
      {!state.ok && formMessage(state, ['password']) ? (
        <Notice tone="error" testId="reset-error">
          {formMessage(state, ['password'])}
        </Notice>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Field label="New password" htmlFor="password" error={state.fieldErrors?.password} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
