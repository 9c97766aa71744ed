'use client';

import { useActionState, useState } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';

/** "every 6 hours" … "every week". */
export function intervalLabel(hours: number): string {
  if (hours === 168) return 'every week';
  if (hours % 24 === 0) return hours === 24 ? 'every day' : `every ${hours / 24} days`;
  return `every ${hours} hours`;
}

/** Chooses how often a tracked account refreshes; saves as soon as it changes. */
export function RefreshIntervalSelect({
  hours,
  options,
  action,
  handle,
}: {
  hours: number;
  options: readonly number[];
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  handle: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  // Controlled, so React's reset of the form after the action does not show the old value again.
  const [value, setValue] = useState(hours);
  const message = formMessage(state);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <label className="sr-only" htmlFor={`interval-${handle}`}>
        Refresh @{handle}
      </label>
      <select
        id={`interval-${handle}`}
        name="hours"
        value={value}
        disabled={pending}
        onChange={(e) => {
          setValue(Number(e.currentTarget.value));
          e.currentTarget.form?.requestSubmit();
        }}
        className="rounded-md border-0 py-0.5 pl-2 pr-7 text-xs text-gray-700 ring-1 ring-inset ring-gray-300"
        data-testid="refresh-interval"
      >
        {(options.includes(hours) ? options : [...options, hours].sort((a, b) => a - b)).map((h) => (
          <option key={h} value={h}>
            Refresh {intervalLabel(h)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-xs font-medium text-indigo-600">
          Save
        </button>
      </noscript>
      {message ? <span className={state.ok ? 'text-xs text-emerald-700' : 'text-xs text-red-700'}>{message}</span> : null}
    </form>
  );
}
