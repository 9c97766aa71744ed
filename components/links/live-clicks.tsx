'use client';

import { useEffect, useState } from 'react';
import type { CampaignClickStats } from '@/lib/links/get-campaign-click-stats';
import { numberFormat } from '@/lib/text/formatters';
import { Chart } from '../analytics/chart';

/** How often the page asks for fresh counts while it is visible. */
const POLL_MS = 2_000;

/**
 * The campaign's link clicks as they arrive: totals and a clicks-by-day chart, refreshed every two
 * seconds while the tab is visible (short polling of the stats route; clicks reach the database
 * within about a second of the visit, so a click shows within about three).
 */
export function LiveClicks({ url, initial }: { url: string; initial: CampaignClickStats }) {
  const [stats, setStats] = useState(initial);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const response = await fetch(url, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as CampaignClickStats;
        if (!stopped) {
          setStats(next);
          setFailed(false);
        }
      } catch {
        if (!stopped) setFailed(true);
      }
    };
    const timer = setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [url]);
  const n = (v: number) => numberFormat({ maximumFractionDigits: 0 }).format(v);
  return (
    <div>
      <dl className="mb-4 flex flex-wrap gap-x-8 gap-y-2" aria-live="polite">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-gray-500">Clicks</dt>
          <dd className="text-2xl font-semibold tabular-nums text-gray-900" data-testid="live-clicks">
            {n(stats.clicks)}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-gray-500">Unique</dt>
          <dd className="text-2xl font-semibold tabular-nums text-gray-900">{n(stats.uniqueClicks)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-gray-500">Bots (not counted)</dt>
          <dd className="text-2xl font-semibold tabular-nums text-gray-500">{n(stats.botClicks)}</dd>
        </div>
        <p className="self-end text-xs text-gray-500">
          {failed ? 'Not updating: the server did not answer. Retrying…' : 'Live: updates every 2 seconds'}
        </p>
      </dl>
      <Chart
        kind="bar"
        data={stats.byDay.map((d) => ({ day: d.day.slice(5), Clicks: d.clicks, Unique: d.uniqueClicks }))}
        index="day"
        categories={['Clicks', 'Unique']}
        format="number"
        height="h-48"
        testId="clicks-by-day"
      />
    </div>
  );
}
