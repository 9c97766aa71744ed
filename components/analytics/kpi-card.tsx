import type { MetricKey } from '@/lib/metrics/definitions';
import type { Metric } from '@/lib/metrics/metric';
import { cn } from '../ui/cn';
import { MetricLabel } from './metric-label';

type WithCoverage = Metric & { coverage?: { known: number; total: number } };

/** Change of `current` vs `previous` as a fraction; null when either is unknown or previous is 0. */
function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/**
 * A KPI tile: the value for the period, its change vs the previous period, and on hover the
 * formula plus what the value is made of (coverage, missing inputs) or why it is unknown.
 */
export function KpiCard({
  metric,
  label,
  current,
  previous,
  format,
  testId,
  lowerIsBetter = false,
  align = 'left',
}: {
  metric: MetricKey;
  label?: string;
  current: WithCoverage;
  previous: WithCoverage;
  format: (v: number | null) => string;
  testId?: string;
  lowerIsBetter?: boolean;
  /** Which edge the hover text aligns to: "right" for cards at the right edge of a grid. */
  align?: 'left' | 'right';
}) {
  const delta = change(current.value, previous.value);
  const good = delta === null ? null : lowerIsBetter ? delta < 0 : delta > 0;
  const detail =
    current.value === null
      ? `Unknown: ${current.reason ?? 'no data'}.`
      : [
          current.coverage && current.coverage.known < current.coverage.total
            ? `Known for ${current.coverage.known.toLocaleString('en-US')} of ${current.coverage.total.toLocaleString('en-US')}.`
            : null,
          current.missing.length ? `Left out as unknown: ${current.missing.join(', ')}.` : null,
          `Previous period: ${format(previous.value)}.`,
        ]
          .filter(Boolean)
          .join(' ');
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" data-testid={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-gray-500">
        <MetricLabel metric={metric} label={label} detail={detail} align={align} />
      </p>
      <p
        className="mt-2 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums"
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {format(current.value)}
      </p>
      <p className="mt-1 text-xs text-gray-500">
        {current.value === null ? (
          <span title={current.reason}>{current.reason ?? 'Unknown'}</span>
        ) : delta === null ? (
          <span>No comparison: previous period {previous.value === null ? 'unknown' : 'was 0'}</span>
        ) : (
          <>
            <span className={cn('font-medium', good ? 'text-emerald-600' : 'text-red-600')}>
              {delta > 0 ? '▲' : delta < 0 ? '▼' : '•'} {Math.abs(delta * 100).toFixed(1)}%
            </span>{' '}
            vs previous period
          </>
        )}
      </p>
    </div>
  );
}
