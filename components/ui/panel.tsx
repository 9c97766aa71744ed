import type { ReactNode } from 'react';
import { cn } from './cn';

/** A white card with an optional title row. */
export function Panel({
  title,
  description,
  actions,
  children,
  className,
  padded = true,
}: {
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  padded?: boolean;
}) {
  return (
    <section className={cn('min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-gray-200', className)}>
      {title ? (
        <div className="flex items-start justify-between gap-4 border-b border-gray-100 px-5 py-4">
          <div>
            <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
            {description ? <p className="mt-0.5 text-xs text-gray-500">{description}</p> : null}
          </div>
          {actions}
        </div>
      ) : null}
      <div className={padded ? 'p-5' : undefined}>{children}</div>
    </section>
  );
}

/** A KPI tile: label, value and an optional line under it. `value` null renders "—". */
export function Stat({ label, value, sub, testId }: { label: string; value: number | string | null; sub?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid={testId}>
      <p className="text-sm font-medium text-gray-500">{label}</p>
      <p className="mt-2 text-3xl font-semibold tracking-tight text-gray-900" data-testid={testId ? `${testId}-value` : undefined}>
        {value === null ? '—' : typeof value === 'number' ? value.toLocaleString('en-US') : value}
      </p>
      {sub ? <p className="mt-1 text-xs text-gray-500">{sub}</p> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 px-6 py-10 text-center">
      <p className="text-sm font-semibold text-gray-900">{title}</p>
      {children ? <div className="mx-auto mt-1 max-w-md text-sm text-gray-500">{children}</div> : null}
    </div>
  );
}
