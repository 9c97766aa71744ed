import { InvalidQuery } from '@/components/analytics/invalid-query';
import Link from 'next/link';
import { Chart } from '@/components/analytics/chart';
import { ENGAGEMENT_BASIS_LABEL } from '@/components/analytics/engagement-basis';
import { MetricLabel } from '@/components/analytics/metric-label';
import { ValueCell } from '@/components/analytics/unknown';
import { Badge } from '@/components/ui/badge';
import { formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { compareInfluencers } from '@/lib/analytics/compare-influencers';
import { listRoster } from '@/lib/analytics/list-roster';
import { getRequestCtx } from '@/lib/auth/request-context';
import { ValidationError } from '@/lib/errors';
import type { MetricKey } from '@/lib/metrics/definitions';
import { loadPage } from '@/lib/pages';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Compare influencers' };

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const search = await searchParams;
  const ids = [search.ids ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  const q = typeof search.q === 'string' ? search.q : '';
  const ctx = await getRequestCtx();
  const path = `/o/${slug}/influencers/compare`;
  const hrefWith = (list: string[]) => `${path}?${new URLSearchParams(list.map((id) => ['ids', id])).toString()}`;
  if (ids.length === 0)
    return (
      <>
        <PageHeader title="Compare influencers" />
        <Notice tone="info" title="Choose influencers">
          Tick 2 to 4 influencers on the <Link href={`/o/${slug}/influencers`}>roster</Link> and press “Compare selected”.
        </Notice>
      </>
    );
  let comparison;
  try {
    comparison = await loadPage(() => compareInfluencers({ ctx, input: { orgSlug: slug, ids } }), path);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <InvalidQuery
        page="Compare influencers"
        problem="These influencers cannot be compared"
        message={error.message}
        back={{ href: `/o/${slug}/influencers`, label: 'Back to the roster' }}
      />
    );
  }
  const list = comparison.influencers;
  const candidates =
    list.length < 4 && q
      ? (await listRoster({ ctx, input: { orgSlug: slug, query: { q } } })).rows.filter((r) => !ids.includes(r.influencerId)).slice(0, 8)
      : [];
  const rows: { metric: MetricKey; label: string; cell: (i: (typeof list)[number]) => React.ReactNode }[] = [
    {
      metric: 'followers',
      label: 'Followers',
      cell: (i) => <ValueCell value={i.followers} format={(v) => formatNumber(v, { compact: true })} reason="No follower count imported" />,
    },
    {
      metric: 'followerGrowth',
      label: 'Growth 30d',
      cell: (i) => <ValueCell value={i.growth30d} format={(v) => formatPercent(v, 1)} reason="Needs counts 30 days apart" />,
    },
    {
      metric: 'engagementRate',
      label: 'Engagement rate',
      cell: (i) => (
        <>
          <ValueCell value={i.engagementRate} format={(v) => formatPercent(v)} />
          {i.engagementRateBasis ? (
            <span className="ml-1 text-xs text-gray-500">{ENGAGEMENT_BASIS_LABEL[i.engagementRateBasis]}</span>
          ) : null}
        </>
      ),
    },
    {
      metric: 'medianViews',
      label: 'Median views',
      cell: (i) => <ValueCell value={i.medianViews} format={(v) => formatNumber(v, { compact: true })} reason="No posts with views" />,
    },
    {
      metric: 'postingFrequency',
      label: 'Posts per week',
      cell: (i) => <ValueCell value={i.postsPerWeek} format={(v) => formatNumber(v, { digits: 1 })} reason="No posts tracked" />,
    },
    {
      metric: 'cpv',
      label: 'Cost per 1,000 views',
      cell: (i) => (
        <>
          <ValueCell
            value={i.costPerThousandViews.value}
            format={(v) => formatMoney(v === null ? null : Math.round(v), i.fee!.currency)}
            reason={i.fee ? i.costPerThousandViews.reason : 'No fee known: no agreed fee and no rate card'}
          />
          {i.fee ? (
            <span className="ml-1 text-xs text-gray-500">{i.fee.source === 'agreed' ? 'agreed fee' : 'rate card (estimate)'}</span>
          ) : null}
        </>
      ),
    },
    {
      metric: 'cpe',
      label: 'Cost per engagement',
      cell: (i) => (
        <ValueCell
          value={i.costPerEngagement.value}
          format={(v) => formatMoney(v === null ? null : Math.round(v), i.fee!.currency)}
          reason={i.fee ? i.costPerEngagement.reason : 'No fee known: no agreed fee and no rate card'}
        />
      ),
    },
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/influencers`} className="text-gray-500 hover:text-gray-900">
          ← Influencers
        </Link>
      </p>
      <PageHeader title="Compare influencers" description="Figures from your organization's data; hover a label for its formula" />
      {list.length < 2 ? (
        <div className="mb-6">
          <Notice tone="info" title="Add at least one more influencer">
            Search your roster below and add up to {4 - list.length} more.
          </Notice>
        </div>
      ) : null}
      <Panel padded={false} className="mb-6">
        <Table data-testid="compare-table">
          <thead>
            <tr className="text-left">
              <th className="w-48 px-5 py-3 text-xs font-medium uppercase tracking-wide text-gray-500">Metric</th>
              {list.map((i) => (
                <th key={i.influencerId} className="px-5 py-3">
                  <Link href={`/o/${slug}/influencers/${i.influencerId}`} className="font-semibold text-gray-900 hover:text-indigo-600">
                    {i.name}
                  </Link>
                  <div className="mt-0.5 flex flex-wrap gap-1 text-xs font-normal text-gray-500">
                    {i.tier ? <Badge tone="indigo">{i.tier}</Badge> : null}
                    {i.accounts.map((a) => `${a.platform} @${a.handle}`).join(', ')}
                  </div>
                  {list.length > 1 ? (
                    <Link
                      href={hrefWith(ids.filter((x) => x !== i.influencerId))}
                      className="text-xs font-normal text-gray-500 hover:text-red-600"
                    >
                      Remove
                    </Link>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((r) => (
              <tr key={r.label}>
                <th className="px-5 py-3 text-left text-xs font-medium text-gray-600">
                  <MetricLabel metric={r.metric} label={r.label} />
                </th>
                {list.map((i) => (
                  <td key={i.influencerId} className="px-5 py-3 tabular-nums text-gray-900">
                    {r.cell(i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
      {list.length < 4 ? (
        <Panel title="Add an influencer" className="mb-6">
          <form method="get" action={path} className="flex gap-2">
            {ids.map((id) => (
              <input key={id} type="hidden" name="ids" value={id} />
            ))}
            <input
              name="q"
              defaultValue={q}
              placeholder="Name or handle"
              aria-label="Search the roster"
              className="block w-72 rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
            />
            <button
              type="submit"
              className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
            >
              Search
            </button>
          </form>
          {candidates.length ? (
            <ul className="mt-3 divide-y divide-gray-100 text-sm">
              {candidates.map((c) => (
                <li key={c.influencerId} className="flex items-center justify-between py-2">
                  <span>
                    {c.name} <span className="text-xs text-gray-500">{c.accounts.map((a) => `${a.platform} @${a.handle}`).join(', ')}</span>
                  </span>
                  <Link href={hrefWith([...ids, c.influencerId])} className="font-medium text-indigo-600 hover:text-indigo-500">
                    Add
                  </Link>
                </li>
              ))}
            </ul>
          ) : q ? (
            <p className="mt-3 text-sm text-gray-500">No other influencer on your roster matches “{q}”.</p>
          ) : null}
        </Panel>
      ) : null}
      {list.length >= 2 ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Panel title="Followers over time" description="Σ over each influencer's accounts, days with a capture">
            <Chart
              kind="line"
              data={comparison.followerTrend}
              index="day"
              categories={list.map((i) => i.name)}
              connectNulls
              testId="compare-followers"
            />
          </Panel>
          <Panel title="Median views per week" description="Posts dated each week">
            <Chart
              kind="line"
              data={comparison.viewsTrend}
              index="week"
              categories={list.map((i) => i.name)}
              connectNulls
              testId="compare-views"
            />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
