import Link from 'next/link';
import { ExportButtons } from '@/components/exports/export-buttons';
import { EXPORT_BACKGROUND_ROWS } from '@/lib/exports/background-export';
import { requestExportAction } from '../../export-actions';
import { MetricLabel } from '@/components/analytics/metric-label';
import { MetricTile } from '@/components/analytics/metric-tile';
import { ValueCell } from '@/components/analytics/unknown';
import { CampaignStatusBadge } from '@/components/home/campaign-status-badge';
import { CampaignPostRows } from '@/components/campaigns/campaign-post-rows';
import { ActionForm } from '@/components/ui/action-form';
import { Pager, sliceOf } from '@/components/ui/pager';
import { flatSearch, withParams } from '@/components/analytics/search-params';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { EmailReportFields } from '@/components/campaigns/email-report-fields';
import { Ga4Panel } from '@/components/campaigns/ga4-panel';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getCampaignReport, type GoalKey } from '@/lib/campaigns/get-campaign-report';
import { loadPage } from '@/lib/pages';
import { listShortlist } from '@/lib/campaigns/list-shortlist';
import { listCampaignCollaborations } from '@/lib/collaborations/list-collaborations';
import { listCampaignOffers } from '@/lib/offers/list-offers';
import { RecommendationsSection } from '../../recommendations-section';
import { CollaborationsPanel, OffersPanel, ProgressPanel, ShortlistPanel } from './collaboration-panels';
import { CAMPAIGN_TRANSITIONS } from '@/lib/campaigns/internal';
import { numberFormat } from '@/lib/text/formatters';
import {
  campaignStatusAction,
  deleteCampaignAction,
  duplicateCampaignAction,
  emailReportAction,
  linkPostAction,
  scanKeywordsAction,
  unlinkPostAction,
} from '../actions';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Campaign report' };

const STATUS_ACTION = { draft: 'Back to draft', active: 'Activate', completed: 'Mark completed', cancelled: 'Cancel campaign' } as const;

const GOAL_LABEL: Record<GoalKey, string> = {
  impressions: 'Impressions',
  views: 'Views',
  engagements: 'Engagements',
  clicks: 'Clicks',
  conversions: 'Conversions',
  revenueMinor: 'Revenue',
};

/** Rows per page of the linked-posts and keyword-match tables (the totals above cover every row). */
const POSTS_PER_PAGE = 25;

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, campaignId } = await params;
  const current = flatSearch(await searchParams);
  const ctx = await getRequestCtx();
  const input = { orgSlug: slug, campaignId };
  const [r, shortlist, offers, collaborations] = await loadPage(
    () =>
      Promise.all([
        getCampaignReport({ ctx, input }),
        listShortlist({ ctx, input }),
        listCampaignOffers({ ctx, input }),
        listCampaignCollaborations({ ctx, input }),
      ]),
    `/o/${slug}/campaigns/${campaignId}`,
  );
  const { campaign, totals, metrics } = r;
  const canEdit = hasOrgRole(r.access.role, 'manager');
  const path = `/o/${slug}/campaigns/${campaign.id}`;
  const posts = sliceOf(r.posts, current.posts, POSTS_PER_PAGE);
  const proposed = sliceOf(r.proposed, current.proposed, POSTS_PER_PAGE);
  // Bound once, so the page carries one reference to each action, not one per row.
  const linkPost = linkPostAction.bind(null, slug);
  const unlinkPost = unlinkPostAction.bind(null, slug);
  const money = (v: number | null) => formatMoney(v === null ? null : Math.round(v), campaign.currency);
  const cents = (v: number | null) =>
    v === null
      ? '—'
      : // A cost per unit can be a fraction of a cent: below one unit of currency, three significant digits.
        numberFormat({
          style: 'currency',
          currency: campaign.currency,
          ...(v < 100 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 }),
        }).format(v / 100);
  const compact = (v: number | null) => formatNumber(v, { compact: true });
  const known = (value: number | null, name: string) => ({
    value,
    missing: [],
    reason: value === null ? `no linked post has ${name}` : undefined,
  });
  const postHead = (
    <thead>
      <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
        <th className="px-4 py-3">Post</th>
        <th className="px-4 py-3 text-right">Views</th>
        <th className="px-4 py-3 text-right">Reach</th>
        <th className="px-4 py-3 text-right">Engagements</th>
        <th className="px-4 py-3 text-right">Conversions</th>
        <th className="px-4 py-3 text-right">Revenue</th>
        <th className="px-4 py-3">
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
  const linkedTable = (
    <Table data-testid="campaign-posts">
      {postHead}
      <CampaignPostRows rows={posts.rows} slug={slug} currency={campaign.currency} actions={canEdit ? { kind: 'remove' } : null} />
    </Table>
  );
  // One form for the linked posts: each row's button sends its post id.
  const linkedPosts = canEdit ? (
    <ActionForm action={unlinkPost} testId="campaign-posts-form">
      <input type="hidden" name="campaignId" value={campaign.id} />
      {linkedTable}
    </ActionForm>
  ) : (
    linkedTable
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/campaigns`} className="text-gray-500 hover:text-gray-900">
          ← Campaigns
        </Link>
      </p>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CampaignStatusBadge status={campaign.status} /> {formatDate(campaign.startsOn)} – {formatDate(campaign.endsOn)} · Budget{' '}
            {formatMoney(campaign.budgetMinor, campaign.currency)}
            {campaign.trackingKeywords.length ? <span>· Tracks {campaign.trackingKeywords.join(', ')}</span> : null}
          </span>
        }
        actions={
          <>
            {canEdit && campaign.trackingKeywords.length ? (
              <ActionForm action={scanKeywordsAction.bind(null, slug, campaign.id)} testId="scan-keywords">
                <SubmitButton variant="secondary" pendingLabel="Scanning…">
                  Scan for keyword matches
                </SubmitButton>
              </ActionForm>
            ) : null}
            <ButtonLink href={`/o/${slug}/campaigns/${campaign.id}/links`} variant="secondary" data-testid="campaign-links">
              Links &amp; conversions
            </ButtonLink>
            <ButtonLink href={`/o/${slug}/analytics/cohorts?campaign=${campaign.id}`} variant="secondary">
              Cohorts
            </ButtonLink>
            <ExportButtons
              href={`/api/orgs/${slug}/exports/campaigns/${campaign.id}.csv`}
              background={r.posts.length > EXPORT_BACKGROUND_ROWS}
              rows={r.posts.length}
              action={requestExportAction.bind(null, slug, { kind: 'campaign', campaignId: campaign.id })}
              testId="export-campaign"
            />
          </>
        }
      />
      {canEdit ? (
        <div className="-mt-2 mb-6 flex flex-wrap items-start gap-2" data-testid="campaign-manage">
          {campaign.status === 'draft' || campaign.status === 'active' ? (
            <ButtonLink href={`/o/${slug}/campaigns/${campaign.id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
          ) : null}
          {CAMPAIGN_TRANSITIONS[campaign.status].map((next) => (
            <ActionForm
              key={next}
              action={campaignStatusAction.bind(null, slug, campaign.id)}
              confirm={next === 'cancelled' ? 'Cancel this campaign? It cannot be reopened.' : undefined}
              testId={`campaign-${next}`}
            >
              <input type="hidden" name="status" value={next} />
              <SubmitButton variant={next === 'cancelled' ? 'danger' : next === 'active' ? 'primary' : 'secondary'}>
                {STATUS_ACTION[next]}
              </SubmitButton>
            </ActionForm>
          ))}
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md px-3.5 py-2 text-sm font-semibold text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50">
              Email this report to…
            </summary>
            <ActionForm
              action={emailReportAction.bind(null, slug, campaign.id)}
              className="absolute left-0 z-10 mt-1 w-[min(24rem,calc(100vw-2rem))] space-y-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-gray-200"
              testId="email-report"
            >
              <EmailReportFields />
              <SubmitButton pendingLabel="Sending…">Send report</SubmitButton>
            </ActionForm>
          </details>
          <ActionForm action={duplicateCampaignAction.bind(null, slug, campaign.id)} testId="campaign-duplicate">
            <SubmitButton variant="ghost">Duplicate</SubmitButton>
          </ActionForm>
          {r.collaborations === 0 ? (
            <ActionForm
              action={deleteCampaignAction.bind(null, slug, campaign.id)}
              confirm="Delete this campaign, its shortlist and post links?"
              testId="campaign-delete"
            >
              <SubmitButton variant="ghost">Delete</SubmitButton>
            </ActionForm>
          ) : null}
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-6" data-testid="campaign-kpis">
        <MetricTile
          metric="spend"
          label="Spend"
          value={known(r.spendMinor, 'a fee')}
          format={money}
          sub={`${r.collaborations} collaborations`}
          detail="Σ agreed fees of this campaign's collaborations."
          testId="kpi-spend"
        />
        <MetricTile metric="budgetUsed" value={r.budgetUsed} format={(v) => formatPercent(v, 0)} testId="kpi-budget-used" />
        <MetricTile
          metric="reach"
          value={known(totals.reach, 'reach')}
          format={compact}
          sub={`${totals.posts} linked posts${totals.firstPartyPosts ? ` · ${totals.firstPartyPosts} first-party` : ''}`}
          testId="kpi-reach"
        />
        <MetricTile metric="impressions" value={known(totals.impressions, 'impressions')} format={compact} testId="kpi-impressions" />
        <MetricTile metric="views" value={known(totals.views, 'views')} format={compact} testId="kpi-views" />
        <MetricTile metric="engagements" value={known(totals.engagements, 'engagements')} format={compact} testId="kpi-engagements" />
        <MetricTile
          metric="conversions"
          value={known(totals.conversions, 'conversions')}
          format={(v) => formatNumber(v)}
          sub={
            r.tracked.conversions || r.tracked.outsideWindow
              ? `${r.tracked.conversions} attributed${r.tracked.outsideWindow ? ` · ${r.tracked.outsideWindow} outside window` : ''}`
              : undefined
          }
          testId="kpi-conversions"
        />
        <MetricTile metric="revenue" value={known(totals.revenueMinor, 'revenue')} format={money} testId="kpi-revenue" />
        <MetricTile
          metric="linkClicks"
          value={{ value: r.tracked.clicks || null, missing: [], reason: 'no tracking link was clicked yet' }}
          format={(v) => formatNumber(v)}
          sub={`${formatNumber(r.tracked.uniqueClicks)} unique${r.tracked.leads ? ` · ${formatNumber(r.tracked.leads)} ${r.tracked.leads === 1 ? 'lead' : 'leads'}` : ''}`}
          testId="kpi-link-clicks"
        />
        <MetricTile metric="ctr" value={metrics.ctr} format={(v) => formatPercent(v, 2)} testId="kpi-ctr" />
        <MetricTile
          metric="conversionRate"
          value={metrics.conversionRate}
          format={(v) => formatPercent(v, 1)}
          testId="kpi-conversion-rate"
        />
        <MetricTile metric="cpm" value={metrics.cpm} format={cents} testId="kpi-cpm" />
        <MetricTile metric="cpe" value={metrics.cpe} format={cents} testId="kpi-cpe" />
        <MetricTile metric="cpa" value={metrics.cpa} format={cents} testId="kpi-cpa" />
        <MetricTile metric="roi" value={metrics.roi} format={(v) => formatPercent(v, 1)} testId="kpi-roi" />
        <MetricTile metric="roas" value={metrics.roas} format={(v) => (v === null ? '—' : `${v.toFixed(2)}×`)} testId="kpi-roas" />
        <MetricTile
          metric="emv"
          value={metrics.emv}
          format={money}
          sub={r.emvSettings.custom ? 'Your EMV values' : 'Default EMV values'}
          detail={`Values per action (minor units): ${Object.entries(r.emvSettings.values)
            .map(([a, v]) => `${a} ${v}`)
            .join(', ')}${r.emvSettings.custom ? ', set in Metric settings' : ' — Reachboard’s defaults; change them in Metric settings'}.`}
          testId="kpi-emv"
        />
      </div>
      <div className="mt-6">
        <ProgressPanel progress={r.progress} deliverables={r.deliverables} />
      </div>
      {r.ga4 ? (
        <div className="mt-6">
          <Ga4Panel ga4={r.ga4} currency={campaign.currency} slug={slug} />
        </div>
      ) : null}
      <div className="mt-6 grid gap-6">
        <Panel title="Goals" description="Actual ÷ target from the linked posts and tracked conversions">
          {r.goals.length === 0 ? (
            <p className="text-sm text-gray-500">This campaign has no goals set.</p>
          ) : (
            <ul className="grid grid-cols-1 gap-x-8 gap-y-4 md:grid-cols-2 xl:grid-cols-4" data-testid="goals">
              {r.goals.map((g) => (
                <li key={g.key}>
                  <div className="flex justify-between text-sm">
                    <span className="font-medium text-gray-900">{GOAL_LABEL[g.key]}</span>
                    <span className="tabular-nums text-gray-600">
                      {g.key === 'revenueMinor' ? money(g.actual) : formatNumber(g.actual)} /{' '}
                      {g.key === 'revenueMinor' ? money(g.target) : formatNumber(g.target)}
                    </span>
                  </div>
                  <div className="mt-1 h-2 rounded bg-gray-100">
                    <div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.min(1, g.progress ?? 0) * 100}%` }} />
                  </div>
                  <p className="mt-0.5 text-xs text-gray-500">
                    {g.progress === null ? 'Unknown: no linked post has this metric' : `${formatPercent(g.progress, 0)} of target`}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel
          title="Influencer contribution"
          description="Share of the campaign's totals; ROI on each fee"

          padded={false}
        >
          {r.influencers.length === 0 ? (
            <p className="px-5 py-6 text-sm text-gray-500">No collaborations or linked posts yet.</p>
          ) : (
            <Table data-testid="contribution-table">
              <thead>
                <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                  <th className="px-4 py-3">Influencer</th>
                  <th className="px-4 py-3 text-right">Fee</th>
                  <th className="px-4 py-3 text-right">Posts</th>
                  <th className="px-4 py-3 text-right">Reach share</th>
                  <th className="px-4 py-3 text-right">Engagements (share)</th>
                  <th className="px-4 py-3 text-right">Conversions (share)</th>
                  <th className="px-4 py-3 text-right">Revenue (share)</th>
                  <th className="px-4 py-3 text-right">
                    <MetricLabel metric="roi" align="right" detail="Per influencer: (their revenue − their fee) ÷ their fee." />
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {r.influencers.map((i) => (
                  <tr key={i.influencerId}>
                    <td className="px-4 py-3 font-medium">
                      <Link href={`/o/${slug}/influencers/${i.influencerId}`} className="hover:text-indigo-600">
                        {i.name}
                      </Link>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{money(i.feeMinor)}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{i.totals.posts}</td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={i.share.reach} format={(v) => formatPercent(v, 1)} />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={i.totals.engagements} format={compact} />{' '}
                      <span className="text-xs text-gray-500">{formatPercent(i.share.engagements, 1)}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={i.totals.conversions} format={(v) => formatNumber(v)} />{' '}
                      <span className="text-xs text-gray-500">{formatPercent(i.share.conversions, 1)}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={i.totals.revenueMinor} format={money} />{' '}
                      <span className="text-xs text-gray-500">{formatPercent(i.share.revenue, 1)}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <ValueCell value={i.roi.value} format={(v) => formatPercent(v, 1)} reason={i.roi.reason} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Panel>
      </div>
      <div className="mt-6">
        <RecommendationsSection ctx={ctx} slug={slug} campaignId={campaign.id} canShortlist={canEdit} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <ShortlistPanel
          slug={slug}
          campaignId={campaign.id}
          currency={campaign.currency}
          rows={shortlist}
          canEdit={canEdit && campaign.status !== 'completed' && campaign.status !== 'cancelled'}
        />
        <OffersPanel offers={offers} />
      </div>
      <div className="mt-6">
        <CollaborationsPanel slug={slug} collaborations={collaborations} canEdit={canEdit} />
      </div>
      {r.proposed.length ? (
        <Panel
          title="Keyword matches to review"
          description={`Posts dated within the campaign whose title or tags contain ${campaign.trackingKeywords.join(', ')}`}
          className="mt-6"
          padded={false}
        >
          <Table data-testid="proposed-posts">
            {postHead}
            <CampaignPostRows
              rows={proposed.rows}
              slug={slug}
              currency={campaign.currency}
              actions={canEdit ? { kind: 'review', campaignId: campaign.id, confirm: linkPost, reject: unlinkPost } : null}
            />
          </Table>
          <Pager {...proposed} href={(n) => withParams(path, current, { proposed: String(n) })} noun="matches" />
        </Panel>
      ) : null}
      <Panel title="Linked posts" description="Their latest metrics count in this report" className="mt-6" padded={false}>
        {r.posts.length === 0 ? (
          <div className="p-5">
            <EmptyState title="No posts linked yet">Link a post from its page, or add a tracking keyword and scan for matches.</EmptyState>
          </div>
        ) : (
          linkedPosts
        )}
        <Pager {...posts} href={(n) => withParams(path, current, { posts: String(n) })} noun="posts" testId="campaign-posts-pager" />
      </Panel>
    </>
  );
}
