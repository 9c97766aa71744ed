import Link from 'next/link';
import { Chart } from '@/components/analytics/chart';
import { CohortTable } from '@/components/analytics/cohort-table';
import { Select } from '@/components/ui/field';
import { formatDate, formatPercent } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Button } from '@/components/ui/button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getCohorts } from '@/lib/cohorts/get-cohorts';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Cohorts' };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CohortsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const sp = await searchParams;
  const ctx = await getRequestCtx();
  const query = {
    by: one(sp.by),
    metric: one(sp.metric),
    days: one(sp.days),
    influencer: one(sp.influencer),
    campaign: one(sp.campaign),
  };
  const r = await loadPage(() => getCohorts({ ctx, input: { orgSlug: slug, query } }), `/o/${slug}/analytics/cohorts`);
  const { content } = r;
  const metricName = r.query.metric === 'views' ? 'views' : 'engagements';
  return (
    <>
      <PageHeader
        title="Cohorts"
        description={`${r.scope.kind === 'organization' ? 'All your posts' : r.scope.name}: how ${metricName} build up day by day after posting, and which creators come back`}
        actions={
          r.scope.kind === 'organization' ? null : (
            <Link href={`/o/${slug}/analytics/cohorts`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              All posts
            </Link>
          )
        }
      />
      <form className="mb-6 flex flex-wrap items-end gap-3" method="get">
        {r.query.influencer ? <input type="hidden" name="influencer" value={r.query.influencer} /> : null}
        {r.query.campaign ? <input type="hidden" name="campaign" value={r.query.campaign} /> : null}
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-900">Group posts by</span>
          <Select name="by" defaultValue={r.query.by} className="w-36">
            <option value="week">Week</option>
            <option value="month">Month</option>
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-900">Measure</span>
          <Select name="metric" defaultValue={r.query.metric} className="w-40">
            <option value="views">Views</option>
            <option value="engagements">Engagements</option>
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-900">Days after posting</span>
          <Select name="days" defaultValue={String(r.query.days)} className="w-32">
            {[7, 14, 30].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
      <Panel
        title={`Mean ${metricName} per post, by day after posting`}
        description={
          content.posts
            ? `${content.posts} posts dated ${formatDate(content.from)} – ${formatDate(content.to)}; ${content.excluded} with a single capture left out (a curve needs two). A cell averages the posts captured on or after that day; — where none was.`
            : 'No post in this scope yet.'
        }
        padded={content.cohorts.length === 0}
      >
        {content.cohorts.length === 0 ? (
          <EmptyState title="No cohort yet">
            Cohorts need posts captured at least twice: import daily exports or track the accounts so Reachboard snapshots them.
          </EmptyState>
        ) : (
          <CohortTable cohorts={content.cohorts} byWeek={r.query.by === 'week'} />
        )}
      </Panel>
      {content.curve.some((c) => c.medianShareOfLatest !== null) ? (
        <Panel
          title="When a post has finished"
          description={`Median over posts of ${metricName} at day N ÷ ${metricName} at the post’s last capture: where it flattens, posts have stopped growing`}
          className="mt-6"
        >
          <Chart
            kind="line"
            data={content.curve.map((c) => ({ day: `Day ${c.day}`, 'Share of latest': c.medianShareOfLatest }))}
            index="day"
            categories={['Share of latest']}
            format="percent"
            height="h-56"
            testId="decay-curve"
          />
        </Panel>
      ) : null}
      <Panel
        title="Creator cohorts"
        description="Creators by the month of their first collaboration with you, and the share who worked with you again within 3, 6 and 12 months (judged once the window has passed or they came back)"
        className="mt-6"
        padded={r.creators.length === 0}
      >
        {r.creators.length === 0 ? (
          <Notice>No collaboration yet: accepted offers start one.</Notice>
        ) : (
          <Table data-testid="creator-cohorts">
            <TableHead>
              <Th>First collaboration</Th>
              <Th numeric>Creators</Th>
              <Th numeric>Again within 3 months</Th>
              <Th numeric>6 months</Th>
              <Th numeric>12 months</Th>
            </TableHead>
            <TableBody>
              {r.creators.map((c) => (
                <tr key={c.month}>
                  <Td className="font-medium">{c.month}</Td>
                  <Td numeric>{c.creators}</Td>
                  {([3, 6, 12] as const).map((n) => (
                    <Td key={n} numeric>
                      {c.again[n].share === null ? (
                        <span className="text-gray-500" title="Too recent to judge">
                          —
                        </span>
                      ) : (
                        <>
                          {formatPercent(c.again[n].share, 0)}
                          <span className="block text-[11px] text-gray-500">
                            {c.again[n].again} of {c.again[n].judged}
                          </span>
                        </>
                      )}
                    </Td>
                  ))}
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </Panel>
    </>
  );
}
