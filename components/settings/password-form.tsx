'use client';

import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Field, Input } from '../ui/field';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/submit-button';

/** Change-password form; on success every session ends, so it signs out to the sign-in page. */
export function PasswordForm({ action, email }: { action: (prev: FormState, data: FormData) => Promise<FormState>; email: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  useEffect(() => {
    if (state.ok) void signOut({ callbackUrl: `/sign-in?reset=1&email=${encodeURIComponent(email)}` });
  }, [state.ok, email]);
  return (
    <form action={formAction} className="space-y-4">
      <Field label="Current password" htmlFor="currentPassword" error={state.fieldErrors?.currentPassword}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field label="New password" htmlFor="newPassword" error={state.fieldErrors?.newPassword} hint="At least 10 characters.">
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      </Field>
      {formMessage(state, ['currentPassword', 'newPassword']) ? (
        <Notice tone={state.ok ? 'success' : 'error'}>{formMessage(state, ['currentPassword', 'newPassword'])}</Notice>
      ) : null}
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
