'use client';

import { useActionState } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';

/** Asks the signed-in person to confirm their address, with a way to get the link again. */
export function VerifyEmailBanner({ email, action }: { email: string; action: () => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const message = formMessage(state);
  return (
    <div
      className="border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 sm:px-8"
      role="status"
      data-testid="verify-email-banner"
    >
      <form action={formAction} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          Confirm your email address: we sent a link to <span className="font-medium">{email}</span>.
        </span>
        <button type="submit" className="font-semibold underline underline-offset-2 hover:text-amber-700">
          Send the link again
        </button>
        {message ? <span className={state.ok ? 'text-emerald-800' : 'text-red-700'}>{message}</span> : null}
      </form>
    </div>
  );
}
