import type { MetricKey } from '@/lib/metrics/definitions';
import type { Metric } from '@/lib/metrics/metric';
import { MetricLabel } from './metric-label';

/** A metric value with its self-explaining label; an unknown value shows "—" and why. */
export function MetricTile({
  metric,
  label,
  value,
  format,
  sub,
  detail,
  testId,
}: {
  metric: MetricKey;
  label?: string;
  value: Metric;
  format: (v: number | null) => string;
  sub?: string;
  detail?: string;
  testId?: string;
}) {
  const explain = [
    detail,
    value.value === null
      ? `Unknown: ${value.reason ?? 'no data'}.`
      : value.missing.length
        ? `Left out as unknown: ${value.missing.join(', ')}.`
        : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" data-testid={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-gray-500">
        <MetricLabel metric={metric} label={label} detail={explain || undefined} />
      </p>
      <p className="mt-2 text-xl font-semibold tabular-nums text-gray-900" data-testid={testId ? `${testId}-value` : undefined}>
        {format(value.value)}
      </p>
      <p className="mt-1 text-xs text-gray-500">{value.value === null ? (value.reason ?? 'Unknown') : (sub ?? ' ')}</p>
    </div>
  );
}
