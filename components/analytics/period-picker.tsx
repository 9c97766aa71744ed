import Link from 'next/link';
import { PERIOD_PRESETS, type Period } from '@/lib/analytics/period';
import { cn } from '../ui/cn';
import { formatDate } from '../ui/format';

/**
 * Period presets as links and a custom range as a GET form, so every view is a shareable URL.
 * `keep` carries the page's other search parameters along.
 */
export function PeriodPicker({ period, basePath, keep = {} }: { period: Period; basePath: string; keep?: Record<string, string> }) {
  const href = (params: Record<string, string>) => `${basePath}?${new URLSearchParams({ ...keep, ...params }).toString()}`;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav className="inline-flex rounded-md shadow-sm ring-1 ring-gray-200" aria-label="Period">
        {Object.keys(PERIOD_PRESETS).map((p, i) => (
          <Link
            key={p}
            href={href({ period: p, to: period.to })}
            className={cn(
              'px-3 py-1.5 text-sm font-medium',
              i === 0 && 'rounded-l-md',
              i === Object.keys(PERIOD_PRESETS).length - 1 && 'rounded-r-md',
              period.preset === p ? 'bg-indigo-600 text-white' : 'bg-white text-gray-700 hover:bg-gray-50',
            )}
            aria-current={period.preset === p ? 'true' : undefined}
          >
            {p.replace('d', ' days')}
          </Link>
        ))}
      </nav>
      <form method="get" action={basePath} className="flex flex-wrap items-center gap-2 text-sm">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label className="sr-only" htmlFor="period-from">
          From
        </label>
        <input
          id="period-from"
          type="date"
          name="from"
          defaultValue={period.from}
          className="rounded-md border-gray-300 py-1 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
        />
        <span className="text-gray-500">–</span>
        <label className="sr-only" htmlFor="period-to">
          To
        </label>
        <input
          id="period-to"
          type="date"
          name="to"
          defaultValue={period.to}
          className="rounded-md border-gray-300 py-1 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
        />
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-1.5 font-medium text-gray-700 shadow-sm ring-1 ring-gray-200 hover:bg-gray-50"
        >
          Apply
        </button>
      </form>
      <p className="text-xs text-gray-500">
        {formatDate(period.from)} – {formatDate(period.to)} · compared with {formatDate(period.previous.from)} –{' '}
        {formatDate(period.previous.to)}
      </p>
    </div>
  );
}
