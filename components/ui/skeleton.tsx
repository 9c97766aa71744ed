import { cn } from './cn';

/** A grey placeholder block that pulses while a page loads (hidden from assistive technology). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded-md bg-gray-200/80', className)} />;
}

/**
 * What a page looks like while its data loads: a title, optional KPI cards and a chart, then a
 * table's rows. `label` is announced to screen readers.
 */
export function PageSkeleton({
  label,
  kpis = 0,
  chart = false,
  rows = 8,
}: {
  label: string;
  kpis?: number;
  chart?: boolean;
  rows?: number;
}) {
  return (
    <div role="status" aria-live="polite" data-testid="page-skeleton">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="mt-3 h-4 w-96 max-w-full" />
      {kpis ? (
        <div className="mt-8 grid grid-cols-2 gap-4 lg:grid-cols-4">
          {Array.from({ length: kpis }, (_, i) => (
            <div key={i} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="mt-3 h-7 w-20" />
            </div>
          ))}
        </div>
      ) : null}
      {chart ? (
        <div className="mt-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
          <Skeleton className="h-64 w-full" />
        </div>
      ) : null}
      <div className="mt-6 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
