import { InvalidQuery } from '@/components/analytics/invalid-query';
import Link from 'next/link';
import { Pager } from '@/components/ui/pager';
import { hasRosterFilters } from '@/lib/analytics/list-roster';
import { ExportButtons } from '@/components/exports/export-buttons';
import { EXPORT_BACKGROUND_ROWS } from '@/lib/exports/background-export';
import { requestExportAction } from '../export-actions';
import { RosterRows } from '@/components/analytics/roster-rows';
import { RosterFiltersForm } from '@/components/analytics/roster-filters-form';
import { MetricLabel } from '@/components/analytics/metric-label';
import { flatSearch, withParams } from '@/components/analytics/search-params';
import { cn } from '@/components/ui/cn';
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
              <RosterRows rows={roster.rows} path={path} />
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
