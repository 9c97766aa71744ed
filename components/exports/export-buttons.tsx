'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useActionState, useRef } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';

const button =
  'h-fit whitespace-nowrap rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-60';
const item =
  'block cursor-pointer select-none rounded px-3 py-2 text-sm text-gray-900 outline-none data-[highlighted]:bg-gray-100 data-[disabled]:opacity-60';

/**
 * A CSV export's actions in one "Export" menu (Radix: keyboard, focus and edge-aware): "Download
 * CSV" now, or "Email me the file", built in the background with a signed link sent in-app and by
 * email. A large export (`background`) offers only the second, as a plain button with the row
 * count that makes it large.
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
  const form = useRef<HTMLFormElement>(null);
  const message = formMessage(state);
  return (
    <div className="flex flex-col items-end gap-1">
      <form ref={form} action={formAction}>
        {background ? (
          <button type="submit" className={button} disabled={pending} data-testid={`${testId}-email`}>
            {pending ? 'Starting…' : `${label} by email`}
          </button>
        ) : (
          <DropdownMenu.Root modal={false}>
            <DropdownMenu.Trigger asChild>
              <button type="button" className={button} disabled={pending} data-testid={`${testId}-menu`}>
                {pending ? 'Starting…' : label} <span aria-hidden>▾</span>
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content
                align="end"
                sideOffset={4}
                collisionPadding={8}
                className="z-50 min-w-[13rem] rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200"
              >
                <DropdownMenu.Item asChild className={item}>
                  <a href={href} data-testid={testId}>
                    Download CSV
                  </a>
                </DropdownMenu.Item>
                <DropdownMenu.Item className={item} onSelect={() => form.current?.requestSubmit()} data-testid={`${testId}-email`}>
                  Email me the file
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        )}
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
