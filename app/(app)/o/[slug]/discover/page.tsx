import { ConcentrationCell } from '@/components/analytics/concentration-cell';
import { InvalidQuery } from '@/components/analytics/invalid-query';
import Link from 'next/link';
import { Pager } from '@/components/ui/pager';
import { hasRosterFilters } from '@/lib/analytics/list-roster';
import { ENGAGEMENT_BASIS_LABEL } from '@/components/analytics/engagement-basis';
import { MetricLabel } from '@/components/analytics/metric-label';
import { RosterFiltersForm } from '@/components/analytics/roster-filters-form';
import { flatSearch, withParams } from '@/components/analytics/search-params';
import { ValueCell } from '@/components/analytics/unknown';
import { FitScoreBadge } from '@/components/discovery/fit-score-badge';
import { CampaignForecastCell } from '@/components/forecasts/campaign-forecast-cell';
import { ActionForm } from '@/components/ui/action-form';
import { CreatorStatusBadge } from '@/components/creators/creator-status-badge';
import { Badge } from '@/components/ui/badge';
import { formatNumber, formatPercent } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { discoverInfluencers } from '@/lib/discovery/discover-influencers';
import { ValidationError } from '@/lib/errors';
import { loadPage } from '@/lib/pages';
import { shortlistAction } from '../campaigns/actions';
import { startConversationAction } from '../../../inbox/actions';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Discover' };

const SORTS = [
  ['fit', 'Fit score (choose a campaign)'],
  ['followers', 'Followers'],
  ['engagementRate', 'Engagement rate'],
  ['growth', 'Growth (30 days)'],
  ['name', 'Name'],
] as const;

export default async function DiscoverPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const current = flatSearch(await searchParams);
  const ctx = await getRequestCtx();
  const path = `/o/${slug}/discover`;
  let d;
  try {
    d = await loadPage(() => discoverInfluencers({ ctx, input: { orgSlug: slug, query: current } }), path);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <InvalidQuery
        page="Discover"
        problem="These filters cannot be applied"
        message={error.message}
        back={{ href: path, label: 'Clear the filters' }}
      />
    );
  }
  const f = d.filters;
  const canEdit = hasOrgRole(d.access.role, 'manager');
  const filtered = hasRosterFilters(current);
  return (
    <>
      <PageHeader
        title="Discover"
        description={`${d.total.toLocaleString('en-US')} influencers: your data plus every creator on Reachboard. Figures come from your organization's data; "—" means you have not measured it.`}
      />
      <Panel className="mb-6">
        <RosterFiltersForm path={path} filters={{ ...f, sort: f.sort }} options={d.options} filtered={filtered} sortField>
          <label className="col-span-2 text-xs font-medium text-gray-600">
            For campaign
            <select
              name="campaign"
              defaultValue={f.campaign}
              className="block w-full rounded-md border-gray-300 py-1.5 text-sm shadow-sm"
              data-testid="discover-campaign"
            >
              <option value="">No campaign (no fit score)</option>
              {d.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="col-span-2 text-xs font-medium text-gray-600">
            Sort by
            <select name="sort" defaultValue={f.sort} className="block w-full rounded-md border-gray-300 py-1.5 text-sm shadow-sm">
              {SORTS.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </RosterFiltersForm>
      </Panel>
      {d.rows.length === 0 ? (
        <EmptyState title="No influencer matches these filters">Widen or clear the filters.</EmptyState>
      ) : (
        <Panel padded={false}>
          <Table data-testid="discover-table">
            <thead>
              <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                <th className="px-3 py-3">Influencer</th>
                <th className="px-3 py-3 text-right">
                  <MetricLabel metric="followers" align="right" />
                </th>
                <th className="px-3 py-3 text-right">
                  <MetricLabel metric="engagementRate" align="right" />
                </th>
                <th className="px-3 py-3 text-right">Growth 30d</th>
                <th className="px-3 py-3 text-right">Concentration</th>
                <th className="px-3 py-3 text-right">Fit</th>
                {d.campaign ? <th className="px-3 py-3 text-right">Forecast</th> : null}
                <th className="px-3 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {d.rows.map((r) => (
                <tr key={r.influencerId} className="hover:bg-gray-50" data-testid="discover-row">
                  <td className="px-3 py-3">
                    <Link
                      href={r.followers !== null ? `/o/${slug}/influencers/${r.influencerId}` : `/creators/${r.influencerId}`}
                      className="font-medium text-gray-900 hover:text-indigo-600"
                    >
                      {r.name}
                    </Link>
                    <p className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-gray-500">
                      {r.category ?? 'No niche'}
                      {r.country ? ` · ${r.country}` : ''}
                      <CreatorStatusBadge claimed={r.hasAccount} verified={r.verified} />
                      {r.tier ? <Badge>{r.tier}</Badge> : null}
                    </p>
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">
                    <ValueCell value={r.followers} format={(v) => formatNumber(v, { compact: true })} />
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">
                    <ValueCell value={r.engagementRate} format={(v) => formatPercent(v, 2)} />
                    {r.engagementRateBasis ? (
                      <p className="text-[11px] text-gray-500">{ENGAGEMENT_BASIS_LABEL[r.engagementRateBasis]}</p>
                    ) : null}
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">
                    <ValueCell value={r.growth30d} format={(v) => formatPercent(v, 1)} />
                  </td>
                  <td className="px-3 py-3 text-right">
                    <ConcentrationCell concentration={r.concentration} />
                  </td>
                  <td className="px-3 py-3 text-right">
                    {r.fit ? <FitScoreBadge fit={r.fit} /> : <span className="text-xs text-gray-500">choose a campaign</span>}
                  </td>
                  {d.campaign ? (
                    <td className="px-3 py-3 text-right">
                      <CampaignForecastCell forecast={r.forecast} currency={d.campaign.currency} />
                    </td>
                  ) : null}
                  <td className="px-3 py-3">
                    {/* Stacked, so the row's actions stay within a 1440 px screen beside the forecast. */}
                    <div className="flex flex-col items-end gap-1">
                      {canEdit && d.campaign ? (
                        <ActionForm
                          action={shortlistAction.bind(null, slug, d.campaign.id, r.influencerId, !r.shortlisted)}
                          testId={r.shortlisted ? 'unshortlist' : 'shortlist'}
                        >
                          <SubmitButton variant={r.shortlisted ? 'secondary' : 'primary'} pendingLabel="…" className="py-1.5">
                            {r.shortlisted ? 'Shortlisted ✓' : 'Shortlist'}
                          </SubmitButton>
                        </ActionForm>
                      ) : null}
                      {canEdit && r.hasAccount ? (
                        <ActionForm action={startConversationAction.bind(null, slug, r.influencerId)}>
                          <SubmitButton variant="ghost" pendingLabel="…" className="py-1.5">
                            Message
                          </SubmitButton>
                        </ActionForm>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Panel>
      )}
      <Pager page={d.page} pageCount={d.pageCount} href={(n) => withParams(path, current, { page: String(n) })} />
    </>
  );
}
