'use client';

import { useActionState } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';

const button =
  'h-fit whitespace-nowrap rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-60';

/**
 * A CSV export's actions: "Export CSV" downloads now; "Email me the file" builds it in the
 * background and sends a signed link (in-app and by email). A large export (`background`) offers
 * only the second, with the row count that makes it large.
 */
export function ExportButtons({
  href,
  label = 'Export CSV',
  background,
  rows,
  action,
  testId,
}: {
  href: string;
  label?: string;
  background: boolean;
  rows?: number;
  action: () => Promise<FormState>;
  testId: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const message = formMessage(state);
  return (
    <div className="flex flex-col items-end gap-1">
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        {background ? null : (
          <a href={href} className={button} data-testid={testId}>
            {label}
          </a>
        )}
        <button type="submit" className={button} disabled={pending} data-testid={`${testId}-email`}>
          {pending ? 'Starting…' : background ? `${label} by email` : 'Email me the file'}
        </button>
      </form>
      {background && rows !== undefined && !message ? (
        <p className="text-xs text-gray-500">{rows.toLocaleString('en-US')} rows: built in the background, link sent by email</p>
      ) : null}
      {message ? (
        <p className={state.ok ? 'text-xs text-emerald-700' : 'text-xs text-red-700'} role="status" data-testid={`${testId}-message`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
