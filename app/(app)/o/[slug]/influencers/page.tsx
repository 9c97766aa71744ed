import { ConcentrationCell } from '@/components/analytics/concentration-cell';
import { InvalidQuery } from '@/components/analytics/invalid-query';
import Link from 'next/link';
import { Pager } from '@/components/ui/pager';
import { hasRosterFilters } from '@/lib/analytics/list-roster';
import { ExportButtons } from '@/components/exports/export-buttons';
import { EXPORT_BACKGROUND_ROWS } from '@/lib/exports/background-export';
import { requestExportAction } from '../export-actions';
import { ENGAGEMENT_BASIS_LABEL } from '@/components/analytics/engagement-basis';
import { RosterFiltersForm } from '@/components/analytics/roster-filters-form';
import { MetricLabel } from '@/components/analytics/metric-label';
import { flatSearch, withParams } from '@/components/analytics/search-params';
import { ValueCell } from '@/components/analytics/unknown';
import { CreatorStatusBadge } from '@/components/creators/creator-status-badge';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatNumber, formatPercent } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { listRoster, ROSTER_SORTS, type RosterFilters } from '@/lib/analytics/list-roster';
import { getRequestCtx } from '@/lib/auth/request-context';
import { ValidationError } from '@/lib/errors';
import type { MetricKey } from '@/lib/metrics/definitions';
import { loadPage } from '@/lib/pages';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Influencers' };

function SortHeader({
  label,
  sort,
  metric,
  filters,
  current,
  path,
  align = 'right',
}: {
  label: string;
  sort: (typeof ROSTER_SORTS)[number];
  metric?: MetricKey;
  filters: RosterFilters;
  current: Record<string, string>;
  path: string;
  align?: 'left' | 'right';
}) {
  const active = filters.sort === sort;
  const dir = active && filters.dir === 'desc' ? 'asc' : 'desc';
  return (
    <th
      className={cn('px-4 py-3', align === 'right' && 'text-right')}
      aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <span className="inline-flex items-center gap-1">
        {metric ? <MetricLabel metric={metric} label={label} align={align} /> : null}
        <Link
          href={withParams(path, current, { sort, dir, page: undefined })}
          className={cn('hover:text-gray-900', active && 'text-indigo-600')}
          aria-label={`Sort by ${label}`}
        >
          {metric ? '' : label} {active ? (filters.dir === 'asc' ? '↑' : '↓') : '↕'}
        </Link>
      </span>
    </th>
  );
}

export default async function RosterPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const current = flatSearch(await searchParams);
  const ctx = await getRequestCtx();
  const path = `/o/${slug}/influencers`;
  let roster;
  try {
    roster = await loadPage(() => listRoster({ ctx, input: { orgSlug: slug, query: current } }), path);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <InvalidQuery
        page="Influencers"
        problem="These filters cannot be applied"
        message={error.message}
        back={{ href: path, label: 'Clear the filters' }}
      />
    );
  }
  const f = roster.filters;
  const exportHref = withParams(`/api/orgs/${slug}/exports/roster.csv`, current, { page: undefined });
  const exportQuery = Object.fromEntries(
    Object.entries(current).filter((e): e is [string, string] => e[0] !== 'page' && typeof e[1] === 'string' && e[1] !== ''),
  );
  const filtered = hasRosterFilters(current);
  return (
    <>
      <PageHeader
        title="Influencers"
        description={`${roster.total.toLocaleString('en-US')} ${filtered ? 'matching' : 'on your roster'} · figures from your organization's data`}
        actions={
          <ExportButtons
            href={exportHref}
            background={roster.total > EXPORT_BACKGROUND_ROWS}
            rows={roster.total}
            action={requestExportAction.bind(null, slug, { kind: 'roster', query: exportQuery })}
            testId="export-roster"
          />
        }
      />
      <Panel className="mb-6">
        <RosterFiltersForm path={path} filters={f} options={roster.options} filtered={filtered} />
      </Panel>
      {roster.rows.length === 0 ? (
        <EmptyState title={filtered ? 'No influencer matches these filters' : 'No influencers yet'}>
          {filtered ? (
            'Widen or clear the filters.'
          ) : (
            <>
              Import a platform export on the <Link href={`/o/${slug}/imports`}>Imports</Link> page.
            </>
          )}
        </EmptyState>
      ) : (
        <form method="get" action={`${path}/compare`}>
          <Panel padded={false}>
            <div className="flex items-center justify-between border-b border-gray-100 px-4 py-3 text-sm">
              <p className="text-gray-500">Tick 2 to 4 influencers to compare them side by side.</p>
              <button
                type="submit"
                className="rounded-md bg-white px-3 py-1.5 font-medium text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
                data-testid="compare-selected"
              >
                Compare selected
              </button>
            </div>
            <Table data-testid="roster-table">
              <thead>
                <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                  <th className="w-10 px-4 py-3">
                    <span className="sr-only">Compare</span>
                  </th>
                  <SortHeader label="Influencer" sort="name" filters={f} current={current} path={path} align="left" />
                  <th className="px-4 py-3">Accounts</th>
                  <th className="px-4 py-3">Niche · country</th>
                  <SortHeader label="Followers" sort="followers" metric="followers" filters={f} current={current} path={path} />
                  <SortHeader label="Eng. rate" sort="engagementRate" metric="engagementRate" filters={f} current={current} path={path} />
                  <SortHeader label="Growth 30d" sort="growth" metric="followerGrowth" filters={f} current={current} path={path} />
                  <SortHeader label="Median views" sort="medianViews" metric="medianViews" filters={f} current={current} path={path} />
                  <SortHeader label="Posts / wk" sort="postsPerWeek" metric="postingFrequency" filters={f} current={current} path={path} />
                  <th className="px-4 py-3 text-right">Concentration</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {roster.rows.map((r) => (
                  <tr key={r.influencerId} className="hover:bg-gray-50">
                    <td className="px-4 py-3">
                      <input
                        type="checkbox"
                        name="ids"
                        value={r.influencerId}
                        aria-label={`Compare ${r.name}`}
                        className="rounded border-gray-300 text-indigo-600"
                      />
                    </td>
                    <td className="px-4 py-3">
                      <Link href={`${path}/${r.influencerId}`} className="font-medium text-gray-900 hover:text-indigo-600">
                        {r.name}
                      </Link>
                      <div className="mt-0.5 flex gap-1">
                        {r.tier ? <Badge tone="indigo">{r.tier}</Badge> : null}
                        <CreatorStatusBadge claimed={r.claimed} verified={r.verified} />
                      </div>
                    </td>
                    <td className="px-4 py-3 text-xs text-gray-600">
                      {r.accounts.map((a) => (
                        <div key={`${a.platform}:${a.handle}`}>
                          <span className="text-gray-500">{a.platform}</span> @{a.handle}
                        </div>
                      ))}
                    </td>
                    <td className="px-4 py-3 text-gray-600">
                      {r.category ?? <span className="text-gray-500">—</span>}
                      <div className="text-xs text-gray-500">{r.country ?? '—'}</div>
                    </td>
                    <td
                      className="px-4 py-3 text-right tabular-nums"
                      title={r.capturedAt ? `Captured ${r.capturedAt.slice(0, 10)}` : 'No follower count imported'}
                    >
                      <ValueCell
                        value={r.followers}
                        format={(v) => formatNumber(v, { compact: true })}
                        reason="No follower count imported"
                      />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell
                        value={r.engagementRate}
                        format={(v) => formatPercent(v)}
                        reason="No posts with views, no followers and no reported rate"
                      />
                      {r.engagementRateBasis ? (
                        <div className="text-[11px] text-gray-500">{ENGAGEMENT_BASIS_LABEL[r.engagementRateBasis]}</div>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={r.growth30d} format={(v) => formatPercent(v, 1)} reason="Needs follower counts 30 days apart" />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={r.medianViews} format={(v) => formatNumber(v, { compact: true })} reason="No posts with views" />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={r.postsPerWeek} format={(v) => formatNumber(v, { digits: 1 })} reason="No posts tracked" />
                    </td>
                    <td className="px-4 py-3 text-right">
                      <ConcentrationCell concentration={r.concentration} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pager
              page={roster.page}
              pageCount={roster.pageCount}
              href={(n) => withParams(path, current, { page: String(n) })}
              testId="roster-pager"
            />
          </Panel>
        </form>
      )}
    </>
  );
}
