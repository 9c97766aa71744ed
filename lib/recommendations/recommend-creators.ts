import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { campaigns, type Campaign } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { discoverInfluencers } from '../discovery/discover-influencers';
import { NotFoundError } from '../errors';
import { campaignForecasts } from '../forecasts/internal';
import { cpe, roi } from '../metrics/cost';
import { median } from '../metrics/engagement';
import { metricSettingsOf } from '../metrics/settings';
import { formatMoney } from '../money';
import { reader } from '../transaction';
import { isUuid } from '../validation';

/** One recommended creator and why. */
export type Recommendation = {
  influencerId: string;
  name: string;
  reasons: string[];
  /** Whether the creator is on the campaign's shortlist already (try list only). */
  shortlisted?: boolean;
};

export type Recommendations = {
  /** The campaign "try" looks for creators for: the one asked for, else the newest draft or active campaign. */
  campaign: Pick<Campaign, 'id' | 'name' | 'currency'> | null;
  again: Recommendation[];
  try: Recommendation[];
  avoid: Recommendation[];
  currency: string;
};

const LIST = 5;
/** Lowest fit score a creator to try needs: above what unknown parts alone give (50). */
const MIN_FIT = 60;
const pct = (v: number) => `${Math.round(v * 100)} %`;

/**
 * Creators to work with again, to try and to avoid, each with its reasons, from the organization's
 * own record (lib/metrics cost formulas):
 * - again: creators it paid (agreed fees in the reporting currency) whose campaign posts had known
 *   engagements, who missed no deliverable and are not among those to avoid — best CPE first (Σ fees ÷ Σ engagements of their
 *   linked posts), with ROI where attributed revenue is known;
 * - avoid: creators who missed a deliverable (past due, not approved), or whose CPE is more than
 *   three times the organization's median over creators it paid;
 * - try (for `campaignId`, else the newest draft or active campaign): discovery's best fit (60 or
 *   more of 100; the best 10 are considered) for the campaign among creators of its niche (when it
 *   has one) never worked with and
 *   whose engagement concentration is not flagged (lib/metrics/credibility), with a forecast CPE at their rate card (else the
 *   campaign's budget per creator) under the campaign's target CPE (budget ÷ engagement goal)
 *   where one is set.
 * Any member. Never reads another organization's data.
 * @throws NotFoundError (not a member; campaign of another organization).
 */
export async function recommendCreators({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId?: string }>): Promise<Recommendations> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const currency = metricSettingsOf(org).reportingCurrency;
  const record = rowsOf<{
    influencer_id: string;
    name: string;
    fee: string | null;
    campaigns: number;
    engagements: string | null;
    revenue: string | null;
    due: number;
    completed: number;
  }>(
    await db.execute(sql`
      with paid as (
        select co.influencer_id, sum(co.agreed_fee_minor) filter (where co.currency = ${currency}) as fee,
          count(distinct co.campaign_id)::int as campaigns
        from collaborations co join campaigns ca on ca.id = co.campaign_id
        where ca.org_id = ${org.id}::uuid and co.status <> 'cancelled'
        group by co.influencer_id
      ),
      engaged as (
        select sa.influencer_id, sum(pm.engagements) as engagements
        from campaign_posts cp join campaigns ca on ca.id = cp.campaign_id
        join post_metrics pm on pm.post_id = cp.post_id and pm.owner_org_id = ${org.id}::uuid
        join social_accounts sa on sa.id = pm.social_account_id
        where ca.org_id = ${org.id}::uuid
        group by sa.influencer_id
      ),
      earned as (
        select influencer_id, sum(revenue_minor - refunded_minor) as revenue from conversions
        where org_id = ${org.id}::uuid and influencer_id is not null and kind = 'sale'
          and attribution_status = 'attributed' and currency = ${currency}
        group by influencer_id
      ),
      delivered as (
        select co.influencer_id,
          (count(*) filter (where d.status = 'approved' or d.due_on < current_date))::int as due,
          (count(*) filter (where d.status = 'approved'))::int as completed
        from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns ca on ca.id = co.campaign_id
        where ca.org_id = ${org.id}::uuid and co.status <> 'cancelled'
        group by co.influencer_id
      )
      select p.influencer_id, coalesce(oi.display_name, i.display_name) as name, p.fee, p.campaigns, e.engagements, r.revenue,
        coalesce(d.due, 0) as due, coalesce(d.completed, 0) as completed
      from paid p join influencers i on i.id = p.influencer_id
      left join org_influencers oi on oi.org_id = ${org.id}::uuid and oi.influencer_id = p.influencer_id
      left join engaged e on e.influencer_id = p.influencer_id
      left join earned r on r.influencer_id = p.influencer_id
      left join delivered d on d.influencer_id = p.influencer_id
      order by p.influencer_id`),
  ).map((r) => {
    const fee = r.fee === null ? null : Number(r.fee);
    const engagements = r.engagements === null ? null : Number(r.engagements);
    const revenue = r.revenue === null ? null : Number(r.revenue);
    return { ...r, fee, engagements, revenue, cpe: cpe(fee, engagements).value, roi: revenue === null ? null : roi(revenue, fee).value };
  });
  const medianCpe = median(record.map((r) => r.cpe));
  const money = (minor: number, digits = 2) => formatMoney(minor, currency, digits);
  const costly = (r: (typeof record)[number]) => r.cpe !== null && medianCpe !== null && record.length >= 3 && r.cpe > 3 * medianCpe;
  const again = record
    .filter((r) => r.cpe !== null && r.due === r.completed && !costly(r))
    .sort((a, b) => a.cpe! - b.cpe! || a.name.localeCompare(b.name))
    .slice(0, LIST)
    .map((r) => ({
      influencerId: r.influencer_id,
      name: r.name,
      reasons: [
        `CPE ${money(r.cpe!, 4)} over ${r.campaigns} campaign${r.campaigns === 1 ? '' : 's'} (${money(r.fee!)} for ${r.engagements!.toLocaleString('en-US')} engagements)`,
        ...(r.roi !== null ? [`ROI ${pct(r.roi)} on attributed sales`] : []),
        ...(r.due === 1 ? ['Delivered the deliverable due'] : r.due > 1 ? [`Delivered all ${r.due} deliverables due`] : []),
      ],
    }));
  const avoid = record
    .filter((r) => r.due > r.completed || costly(r))
    .sort((a, b) => b.due - b.completed - (a.due - a.completed) || a.name.localeCompare(b.name))
    .slice(0, LIST)
    .map((r) => ({
      influencerId: r.influencer_id,
      name: r.name,
      reasons: [
        ...(r.due > r.completed
          ? [`Missed ${r.due - r.completed} of ${r.due} deliverable${r.due === 1 ? '' : 's'} past their due date`]
          : []),
        ...(costly(r) ? [`CPE ${money(r.cpe!, 4)}: ${(r.cpe! / medianCpe!).toFixed(1)}× your median ${money(medianCpe!, 4)}`] : []),
      ],
    }));

  let campaign: Campaign | undefined;
  if (input.campaignId) {
    if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
    [campaign] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.orgId, org.id)));
    if (!campaign) throw new NotFoundError('Campaign');
  } else
    [campaign] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.orgId, org.id), inArray(campaigns.status, ['draft', 'active'])))
      .orderBy(desc(campaigns.createdAt))
      .limit(1);
  const tryList: Recommendation[] = [];
  if (campaign) {
    const worked = new Set(record.map((r) => r.influencer_id));
    // In the campaign's niche when it has one (the fit's largest part), which also keeps this read small.
    const found = await discoverInfluencers({
      ctx,
      input: { orgSlug: input.orgSlug, query: { campaign: campaign.id, sort: 'fit', category: campaign.category ?? '' }, forecasts: false },
    });
    const goal = campaign.goals.engagements;
    const targetCpe = campaign.budgetMinor !== null && goal ? campaign.budgetMinor / goal : null;
    // Good signals: an influencer whose engagement sits in a few posts (concentration flagged) is not suggested.
    const candidates = found.rows
      .filter((r) => !worked.has(r.influencerId) && r.fit?.score != null && r.fit.score >= MIN_FIT && !r.concentration.severity)
      .slice(0, 10);
    const forecasts = await campaignForecasts(
      db,
      org,
      campaign,
      candidates.map((r) => r.influencerId),
    );
    for (const r of candidates) {
      if (tryList.length >= LIST) break;
      if (!r.fit || r.fit.score === null) continue;
      // Discovery's forecast: the creator's main platform at their rate card, else the budget per creator.
      const f = forecasts.get(r.influencerId) ?? null;
      const fee = f?.feeMinor ?? null;
      if (targetCpe !== null && (f?.cpeMinor == null || f.cpeMinor > targetCpe)) continue;
      const cur = (minor: number, digits = 2) => formatMoney(minor, campaign!.currency, digits);
      tryList.push({
        influencerId: r.influencerId,
        name: r.name,
        shortlisted: r.shortlisted,
        reasons: [
          `Fit ${Math.round(r.fit.score)} of 100 for ${campaign.name}`,
          ...(f?.cpeMinor != null && fee !== null
            ? [`Forecast CPE ${cur(f.cpeMinor, 4)} at ${cur(fee)}${targetCpe !== null ? `, under your target ${cur(targetCpe, 4)}` : ''}`]
            : []),
          ...(r.category ? [`Niche: ${r.category}`] : []),
          ...(r.concentration.cv !== null ? [`Engagement spread evenly over their posts (CV ${r.concentration.cv.toFixed(2)})`] : []),
        ],
      });
    }
  }
  return {
    campaign: campaign ? { id: campaign.id, name: campaign.name, currency: campaign.currency } : null,
    again,
    try: tryList,
    avoid,
    currency,
  };
}
