import Link from 'next/link';
import { MetricTile } from '@/components/analytics/metric-tile';
import { formatDate, formatEstimatedCount, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Pager, sliceOf } from '@/components/ui/pager';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Tooltip } from '@/components/ui/tooltip';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getForecastAccuracy } from '@/lib/forecasts/get-forecast-accuracy';
import { known, unknown } from '@/lib/metrics/metric';
import { loadPage } from '@/lib/pages';
import { PLATFORM_NAMES } from '@/lib/platforms';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Forecast accuracy' };

const pct = (v: number | null) => formatPercent(v, 0);
const metricOf = (v: number | null, n: number) =>
  v === null ? unknown([], n ? 'no outcome above 0 yet' : 'no 30-day outcome yet') : known(v);

function Outcome({ point, p10, p90, actual }: { point: number | null; p10: number | null; p90: number | null; actual: number | null }) {
  if (point === null) return <span className="text-gray-500">—</span>;
  const inside = actual !== null && p10 !== null && p90 !== null && actual >= p10 && actual <= p90;
  return (
    <span className="tabular-nums">
      {formatEstimatedCount(point)}
      <span className="block text-[11px] text-gray-500">
        {formatEstimatedCount(p10)}–{formatEstimatedCount(p90)}
      </span>
      {actual !== null ? (
        <span className={`block text-[11px] ${inside ? 'text-emerald-700' : 'text-amber-700'}`}>
          actual {formatNumber(actual, { compact: true })} · {inside ? 'inside' : 'outside'}
        </span>
      ) : null}
    </span>
  );
}

/** Forecasts listed per page under the accuracy figures. */
const PAGE_SIZE = 25;

export default async function ForecastAccuracyPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { page } = await searchParams;
  const ctx = await getRequestCtx();
  const path = `/o/${slug}/forecasts`;
  const { perPlatform, forecasts } = await loadPage(() => getForecastAccuracy({ ctx, input: { orgSlug: slug } }), path);
  const shown = sliceOf(forecasts, typeof page === 'string' ? page : undefined, PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="Forecast accuracy"
        description="Every forecast of a sent offer is kept; once its post is 30 days old, the outcome shows how far to trust the next one"
      />
      {perPlatform.length === 0 ? (
        <Notice>No forecast yet. Forecasts are made when you write an offer (each deliverable gets one) and stored when it is sent.</Notice>
      ) : (
        <div className="space-y-6">
          {perPlatform.map((p) => (
            <section key={p.platform} data-testid={`accuracy-${p.platform}`}>
              <h2 className="mb-2 text-sm font-semibold text-gray-900">
                {PLATFORM_NAMES[p.platform] ?? p.platform} · {p.forecasts} forecast{p.forecasts === 1 ? '' : 's'}, {p.views.n} with a 30-day
                outcome
              </h2>
              <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
                <MetricTile
                  metric="forecastError"
                  label="Views error (MdAPE)"
                  value={metricOf(p.views.mdape, p.views.n)}
                  format={pct}
                  sub={`median over ${p.views.n}`}
                  testId={`mdape-views-${p.platform}`}
                />
                <MetricTile
                  metric="forecastCoverage"
                  label="Views inside p10–p90"
                  value={metricOf(p.views.coverage, p.views.n)}
                  format={pct}
                  sub="80% when calibrated"
                  testId={`coverage-views-${p.platform}`}
                />
                <MetricTile
                  metric="forecastError"
                  label="Engagements error (MdAPE)"
                  value={metricOf(p.engagements.mdape, p.engagements.n)}
                  format={pct}
                  sub={`median over ${p.engagements.n}`}
                  testId={`mdape-engagements-${p.platform}`}
                />
                <MetricTile
                  metric="forecastCoverage"
                  label="Engagements inside p10–p90"
                  value={metricOf(p.engagements.coverage, p.engagements.n)}
                  format={pct}
                  sub="80% when calibrated"
                  testId={`coverage-engagements-${p.platform}`}
                />
              </div>
            </section>
          ))}
          <Panel
            title="Forecasts"
            description="Newest first: point (median) and 80% range at 30 days; the outcome once recorded"
            padded={false}
          >
            <Table data-testid="forecasts-table">
              <TableHead>
                <Th>Made</Th>
                <Th>Creator</Th>
                <Th>Campaign</Th>
                <Th numeric>Fee share</Th>
                <Th numeric>Views</Th>
                <Th numeric>Engagements</Th>
                <Th numeric>At 7 days</Th>
                <Th numeric>Completion</Th>
              </TableHead>
              <TableBody>
                {shown.rows.map((r) => (
                  <tr key={r.id}>
                    <Td>{formatDate(r.createdAt)}</Td>
                    <Td>
                      <Link href={`/o/${slug}/influencers/${r.influencerId}`} className="font-medium text-gray-900 hover:text-indigo-600">
                        {r.influencerName}
                      </Link>
                      <span className="block text-[11px] text-gray-500">{PLATFORM_NAMES[r.platform] ?? r.platform}</span>
                    </Td>
                    <Td>{r.campaignName ?? '—'}</Td>
                    <Td numeric>{r.feeMinor === null || !r.currency ? '—' : formatMoney(r.feeMinor, r.currency)}</Td>
                    <Td numeric>
                      <Outcome {...r.views} actual={r.views.at30d} />
                    </Td>
                    <Td numeric>
                      <Outcome {...r.engagements} actual={r.engagements.at30d} />
                    </Td>
                    <Td numeric>
                      {r.outcome7dAt ? (
                        <Tooltip content="Views and engagements of the latest capture within 7 days of posting">
                          <span className="tabular-nums">
                            {formatNumber(r.views.at7d, { compact: true })} / {formatNumber(r.engagements.at7d, { compact: true })}
                          </span>
                        </Tooltip>
                      ) : (
                        <span className="text-gray-500">—</span>
                      )}
                    </Td>
                    <Td numeric>{pct(r.completionProbability)}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pager {...shown} href={(n) => `${path}?page=${n}`} noun="forecasts" testId="forecasts-pager" />
          </Panel>
        </div>
      )}
    </>
  );
}
