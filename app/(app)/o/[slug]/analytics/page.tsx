import { InvalidQuery } from '@/components/analytics/invalid-query';
import { flatSearch } from '@/components/analytics/search-params';
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { Chart } from '@/components/analytics/chart';
import { KpiCard } from '@/components/analytics/kpi-card';
import { MetricLabel } from '@/components/analytics/metric-label';
import { PeriodPicker } from '@/components/analytics/period-picker';
import { ValueCell } from '@/components/analytics/unknown';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { getOverview } from '@/lib/analytics/get-overview';
import { periodQuerySchema } from '@/lib/analytics/period';
import { getRequestCtx } from '@/lib/auth/request-context';
import { ValidationError } from '@/lib/errors';
import { loadPage } from '@/lib/pages';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Analytics' };

type Search = Record<string, string | string[] | undefined>;

export default async function AnalyticsOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const basePath = `/o/${slug}/analytics`;
  const parsed = periodQuerySchema.safeParse(flatSearch(await searchParams));
  let overview;
  try {
    overview = await loadPage(() => getOverview({ ctx, input: { orgSlug: slug, period: parsed.success ? parsed.data : {} } }), basePath);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <InvalidQuery
        page="Analytics"
        problem="This period cannot be shown"
        message={error.message}
        back={{ href: basePath, label: 'Show the last 30 days of data' }}
      />
    );
  }
  const { period, current, previous, currency } = overview;
  // A creator workspace runs no campaigns: spend and ROI are a brand's figures.
  const brand = overview.access.org.kind === 'brand';
  const money = (v: number | null) => formatMoney(v === null ? null : Math.round(v), currency);
  const compact = (v: number | null) => formatNumber(v, { compact: true });
  const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v, { compact: true })}`);
  return (
    <>
      <PageHeader
        title="Analytics"
        description={
          overview.latestDataDay
            ? `${brand ? 'Posts' : 'Your own accounts’ posts'} dated in the period (publish time, else first capture) with their latest metrics. Latest data: ${formatDate(overview.latestDataDay)}.`
            : 'No metrics yet.'
        }
        actions={
          <Link
            href={`/o/${slug}/analytics/cohorts`}
            className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
          >
            Cohorts
          </Link>
        }
      />
      {!parsed.success ? (
        <div className="mb-4">
          <Notice tone="warning" title="Period not understood">
            The dates in the address were not valid dates (YYYY-MM-DD); showing the default period instead.
          </Notice>
        </div>
      ) : null}
      <div className="mb-6">
        <PeriodPicker period={period} basePath={basePath} />
      </div>
      {overview.latestDataDay === null ? (
        <EmptyState title="No metrics yet">
          Import a platform export on the <Link href={`/o/${slug}/imports`}>Imports</Link> page and this overview fills in.
        </EmptyState>
      ) : (
        <>
          <div className={`grid grid-cols-2 gap-4 md:grid-cols-3 ${brand ? 'xl:grid-cols-6' : 'xl:grid-cols-4'}`} data-testid="kpis">
            <KpiCard
              metric="posts"
              current={{ value: current.posts, missing: [] }}
              previous={{ value: previous.posts, missing: [] }}
              format={(v) => formatNumber(v)}
              testId="kpi-posts"
            />
            <KpiCard metric="views" current={current.views} previous={previous.views} format={compact} testId="kpi-views" />
            <KpiCard metric="reach" current={current.reach} previous={previous.reach} format={compact} testId="kpi-reach" />
            <KpiCard
              metric="engagements"
              current={current.engagements}
              previous={previous.engagements}
              format={compact}
              testId="kpi-engagements"
            />
            <KpiCard
              metric="engagementRateByViews"
              current={current.engagementRate}
              previous={previous.engagementRate}
              format={(v) => formatPercent(v)}
              align="right"
              testId="kpi-engagement-rate"
            />
            <KpiCard
              metric="netFollowerGrowth"
              current={current.followerGrowth}
              previous={previous.followerGrowth}
              format={signed}
              testId="kpi-follower-growth"
            />
            {brand ? (
              <KpiCard
                metric="overviewSpend"
                current={current.spend}
                previous={previous.spend}
                format={money}
                testId="kpi-spend"
                lowerIsBetter
              />
            ) : null}
            {brand ? (
              <KpiCard
                metric="linkClicks"
                current={current.linkClicks}
                previous={previous.linkClicks}
                format={(v) => formatNumber(v)}
                testId="kpi-link-clicks"
              />
            ) : null}
            <KpiCard
              metric="conversions"
              current={current.conversions}
              previous={previous.conversions}
              format={(v) => formatNumber(v)}
              testId="kpi-conversions"
            />
            <KpiCard metric="revenue" current={current.revenue} previous={previous.revenue} format={money} testId="kpi-revenue" />
            {brand ? (
              <KpiCard
                metric="roi"
                current={current.roi}
                previous={previous.roi}
                format={(v) => formatPercent(v, 1)}
                align="right"
                testId="kpi-roi"
              />
            ) : null}
            {brand ? (
              <KpiCard
                metric="roas"
                current={current.roas}
                previous={previous.roas}
                format={(v) => (v === null ? '—' : `${v.toFixed(2)}×`)}
                align="right"
                testId="kpi-roas"
              />
            ) : null}
          </div>
          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <Panel
              title="Views and engagements by post date"
              description="Daily totals of the posts dated each day"
              className="lg:col-span-2"
            >
              <Chart
                kind="area"
                data={overview.trend.map((t) => ({ day: formatDate(t.day), Views: t.views, Engagements: t.engagements }))}
                index="day"
                categories={['Views', 'Engagements']}
                testId="trend-chart"
              />
            </Panel>
            <Panel title="Posts per day" description="Posts dated each day of the period">
              <Chart
                kind="bar"
                data={overview.trend.map((t) => ({ day: formatDate(t.day), Posts: t.posts }))}
                index="day"
                categories={['Posts']}
                format="number"
              />
            </Panel>
          </div>
          <div className={cn('mt-6 grid gap-6', brand && '2xl:grid-cols-2')}>
            {/* A creator workspace covers the creator's own accounts: no ranking of influencers. */}
            {brand ? (
              <Panel title="Top influencers" description="By engagements on posts dated in the period" padded={false}>
                <Table data-testid="top-influencers">
                  <thead>
                    <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                      <th className="px-5 py-3">Influencer</th>
                      <th className="px-5 py-3 text-right">Posts</th>
                      <th className="px-5 py-3 text-right">
                        <MetricLabel metric="views" align="right" />
                      </th>
                      <th className="px-5 py-3 text-right">
                        <MetricLabel metric="engagements" align="right" />
                      </th>
                      <th className="px-5 py-3 text-right">
                        <MetricLabel metric="engagementRateByViews" label="Eng. rate" align="right" />
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-gray-100">
                    {overview.topInfluencers.map((i) => (
                      <tr key={i.influencerId}>
                        <td className="px-5 py-3 font-medium text-gray-900">
                          <Link href={`/o/${slug}/influencers/${i.influencerId}`} className="hover:text-indigo-600">
                            {i.name}
                          </Link>
                        </td>
                        <td className="px-5 py-3 text-right tabular-nums">{formatNumber(i.posts)}</td>
                        <td className="px-5 py-3 text-right tabular-nums">
                          <ValueCell value={i.views} format={compact} />
                        </td>
                        <td className="px-5 py-3 text-right tabular-nums">
                          <ValueCell value={i.engagements} format={compact} />
                        </td>
                        <td className="px-5 py-3 text-right tabular-nums">
                          <ValueCell value={i.engagementRate} format={(v) => formatPercent(v)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {overview.topInfluencers.length === 0 ? (
                  <p className="px-5 py-6 text-sm text-gray-500">No posts dated in this period.</p>
                ) : null}
              </Panel>
            ) : null}
            <Panel title="Top posts" description="By engagements; latest snapshot of each" padded={false}>
              <Table data-testid="top-posts">
                <thead>
                  <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                    <th className="px-5 py-3">Post</th>
                    <th className="px-5 py-3 text-right">
                      <MetricLabel metric="views" align="right" />
                    </th>
                    <th className="px-5 py-3 text-right">
                      <MetricLabel metric="engagements" align="right" />
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {overview.topPosts.map((p) => (
                    <tr key={p.postId}>
                      <td className="max-w-md px-5 py-3">
                        <Link
                          href={`/o/${slug}/posts/${p.postId}`}
                          className="line-clamp-1 font-medium text-gray-900 hover:text-indigo-600"
                        >
                          {p.title ?? 'Untitled post'}
                        </Link>
                        <p className="mt-0.5 flex items-center gap-2 text-xs text-gray-500">
                          <Badge>{p.platform}</Badge> @{p.handle} ·{' '}
                          <span title={p.dateIsPublishTime ? 'Publish time' : 'Publish time unknown: date of the first capture'}>
                            {formatDate(p.postDate)}
                            {p.dateIsPublishTime ? '' : ' (first seen)'}
                          </span>
                        </p>
                      </td>
                      <td className="px-5 py-3 text-right tabular-nums">
                        <ValueCell value={p.views} format={compact} />
                      </td>
                      <td className="px-5 py-3 text-right tabular-nums">
                        <ValueCell value={p.engagements} format={compact} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {overview.topPosts.length === 0 ? <p className="px-5 py-6 text-sm text-gray-500">No posts dated in this period.</p> : null}
            </Panel>
          </div>
        </>
      )}
    </>
  );
}
