import type { ReactNode } from 'react';
import { cn } from './cn';

const tones = {
  info: 'bg-indigo-50 text-indigo-900 ring-indigo-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  error: 'bg-red-50 text-red-800 ring-red-200',
};

/** A message box; children are rendered as React text, never as HTML. */
export function Notice({
  tone = 'info',
  title,
  children,
  testId,
}: {
  tone?: keyof typeof tones;
  title?: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-md px-4 py-3 text-sm ring-1 ring-inset', tones[tone])}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : undefined}>{children}</div> : null}
    </div>
  );
}
