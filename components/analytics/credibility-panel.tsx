'use client';

import { Chart } from '@/components/analytics/chart';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatNumber, formatPercent } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import type { ConcentrationSignal, GrowthSignal, PeerSignal, Severity } from '@/lib/metrics/credibility';
import { PLATFORM_NAMES } from '@/lib/platforms';

const TONE: Record<Severity, 'amber' | 'red'> = { low: 'amber', medium: 'amber', high: 'red' };

function SeverityBadge({ severity }: { severity: Severity | null }) {
  return severity ? <Badge tone={TONE[severity]}>{severity}</Badge> : <Badge tone="green">nothing stands out</Badge>;
}

export type AccountSignals = {
  socialAccountId: string;
  platform: string;
  handle: string;
  signals: {
    growth: GrowthSignal;
    dailyChanges: { day: string; change: number }[];
    concentration: ConcentrationSignal;
    engagementsByPost: number[];
    band: { platform: string; tier: string; min: number; max: number | null } | null;
    engagementRate: PeerSignal;
    commentsPerLike: PeerSignal;
  };
};

function Growth({ growth, dailyChanges }: { growth: GrowthSignal; dailyChanges: { day: string; change: number }[] }) {
  if (growth.status === 'insufficient')
    return (
      <p className="text-sm text-gray-600">
        Not judged: needs {growth.needed}; this organization has {growth.have}.
      </p>
    );
  const flagged = new Map(growth.flags.map((f) => [f.day, f]));
  return (
    <>
      <p className="text-sm text-gray-700">
        {growth.flags.length === 0
          ? `No day stands out in ${growth.changes} daily changes (${formatDate(growth.window.from)} – ${formatDate(growth.window.to)}).`
          : `${growth.flags.length} of ${growth.changes} daily changes stand out (${formatDate(growth.window.from)} – ${formatDate(growth.window.to)}).`}
      </p>
      {growth.flags.length ? (
        <ul className="mt-2 space-y-1 text-xs text-gray-700" data-testid="growth-flags">
          {growth.flags.map((f) => (
            <li key={f.day} className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={f.explained ? null : f.severity} />
              <span>
                {formatDate(f.day)}: {f.kind === 'spike' ? '+' : '−'}
                {formatNumber(Math.abs(Math.round(f.change)))} followers a day (modified z {f.z.toFixed(1)})
                {f.kind === 'spike'
                  ? f.explained
                    ? ' — a post went out in the 48 hours before'
                    : ' — no post in the 48 hours before'
                  : ' — a drop'}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3">
        <Chart
          kind="bar"
          data={dailyChanges.map((d) => ({
            day: formatDate(d.day),
            'Daily change': flagged.has(d.day) ? null : Math.round(d.change),
            'Stands out': flagged.has(d.day) ? Math.round(d.change) : null,
          }))}
          index="day"
          categories={['Daily change', 'Stands out']}
          colors={['indigo', 'rose']}
          format="number"
          height="h-36"
          testId="growth-evidence"
        />
      </div>
    </>
  );
}

function Concentration({ c, engagementsByPost }: { c: ConcentrationSignal; engagementsByPost: number[] }) {
  if (c.status === 'insufficient')
    return (
      <p className="text-sm text-gray-600">
        Not judged: needs {c.needed}; this organization has {c.have}.
      </p>
    );
  // The outliers are the largest values: the first `outliers.length` posts of the sorted list.
  const far = c.outliers.length;
  return (
    <>
      <p className="text-sm text-gray-700" data-testid="concentration">
        Over {c.posts} posts: coefficient of variation {c.coefficientOfVariation.toFixed(2)}; the top 10 % of posts hold{' '}
        {formatPercent(c.topShare, 0)} of the engagements
        {far ? `; ${far} post${far === 1 ? '' : 's'} far above the rest` : ''}.
      </p>
      <div className="mt-3">
        <Chart
          kind="bar"
          data={engagementsByPost.map((v, i) => ({
            post: `#${i + 1}`,
            Engagements: i < far ? null : v,
            'Far above the rest': i < far ? v : null,
          }))}
          index="post"
          categories={['Engagements', 'Far above the rest']}
          colors={['indigo', 'rose']}
          format="number"
          height="h-36"
          testId="concentration-evidence"
        />
      </div>
    </>
  );
}

/** A value against its peer band, in words: where it sits, the band and its size. */
function Peers({
  signal,
  format,
  band,
  testId,
}: {
  signal: PeerSignal;
  format: (v: number) => string;
  band: AccountSignals['signals']['band'];
  testId: string;
}) {
  if (signal.status === 'insufficient')
    return (
      <p className="text-sm text-gray-600" data-testid={testId}>
        Not judged: needs {signal.needed}; this organization has {signal.have}.
      </p>
    );
  const where = signal.direction === null ? 'inside' : signal.direction === 'above' ? 'above' : 'below';
  return (
    <p className="text-sm text-gray-700" data-testid={testId}>
      {format(signal.value)} — {where} the band of {signal.band.peers} {band?.tier} accounts (
      {formatNumber(band?.min ?? 0, { compact: true })}
      {band?.max ? `–${formatNumber(band.max, { compact: true })}` : '+'} followers): median {format(signal.band.median)}, band{' '}
      {format(signal.band.low)} – {format(signal.band.high)} (modified z {signal.z.toFixed(1)}).
    </p>
  );
}

/**
 * Credibility signals per account (lib/metrics/credibility): follower-growth anomalies with the
 * daily changes as evidence, and engagement concentration — each with its severity, window, and
 * what it needs when the data is too thin. Never a "fake followers" percentage. A client component
 * given the signals as data: rendered on the server as markup, its flags and evidence were ~15
 * separately streamed segments of the influencer page (docs/benchmarks.md, "Dashboards").
 */
export function CredibilityPanel({ accounts }: { accounts: AccountSignals[] }) {
  return (
    <Panel
      title="Credibility signals"
      description="Modified z-scores (median and MAD, Iglewicz & Hoaglin): a value is flagged past 3.5; rates against peers on a log scale. Evidence from your organization’s data; docs/metrics.md."
      className="mt-6"
    >
      <div className="space-y-6" data-testid="credibility">
        {accounts.map((a) => (
          <section key={a.socialAccountId} className="grid gap-4 lg:grid-cols-2">
            <div>
              <h3 className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                Follower growth · {PLATFORM_NAMES[a.platform as keyof typeof PLATFORM_NAMES] ?? a.platform} @{a.handle}
                {a.signals.growth.status === 'ok' ? <SeverityBadge severity={a.signals.growth.severity} /> : null}
              </h3>
              <div className="mt-2">
                <Growth growth={a.signals.growth} dailyChanges={a.signals.dailyChanges} />
              </div>
            </div>
            <div>
              <h3 className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                Engagement concentration
                {a.signals.concentration.status === 'ok' ? <SeverityBadge severity={a.signals.concentration.severity} /> : null}
              </h3>
              <div className="mt-2">
                <Concentration c={a.signals.concentration} engagementsByPost={a.signals.engagementsByPost} />
              </div>
              <h3 className="mt-4 flex items-center gap-2 text-sm font-semibold text-gray-900">
                Engagement rate against peers
                {a.signals.engagementRate.status === 'ok' ? <SeverityBadge severity={a.signals.engagementRate.severity} /> : null}
              </h3>
              <div className="mt-2">
                <Peers signal={a.signals.engagementRate} band={a.signals.band} format={(v) => formatPercent(v, 2)} testId="peer-er" />
              </div>
              <h3 className="mt-4 flex items-center gap-2 text-sm font-semibold text-gray-900">
                Comments per like against peers
                {a.signals.commentsPerLike.status === 'ok' ? <SeverityBadge severity={a.signals.commentsPerLike.severity} /> : null}
              </h3>
              <div className="mt-2">
                <Peers signal={a.signals.commentsPerLike} band={a.signals.band} format={(v) => v.toFixed(3)} testId="peer-cpl" />
              </div>
            </div>
          </section>
        ))}
      </div>
    </Panel>
  );
}
