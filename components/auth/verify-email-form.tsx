'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/submit-button';

/** One button that confirms the address of the emailed link; then a way into the app. */
export function VerifyEmailForm({ token, action }: { token: string; action: (prev: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, initialFormState);
  if (state.ok)
    return (
      <div className="space-y-5">
        <Notice tone="success" testId="verify-email-message">
          {state.message}
        </Notice>
        <Link
          href={state.values?.next ?? '/home'}
          className="block w-full rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          {state.values?.nextLabel ?? 'Continue to Reachboard'}
        </Link>
      </div>
    );
  return (
    <form action={formAction} className="space-y-5">
      <p className="text-sm text-gray-600">Confirm that this address is yours to finish setting up your account.</p>
      {formMessage(state) ? (
        <Notice tone="error" testId="verify-email-message">
          {formMessage(state)}
        </Notice>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full" pendingLabel="Confirming…">
        Confirm my email address
      </SubmitButton>
    </form>
  );
}
