import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, type Campaign } from '@/db/schema';
import { pgArray, rowsOf } from '@/db/sql';
import { hasRosterFilters, rosterQuerySchema, rosterSql, toRosterRow, ROSTER_SORTS, TIERS, type RosterRow } from '../analytics/list-roster';
import { median } from '../metrics/engagement';
import { num } from '../analytics/shared';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { campaignForecasts, type CampaignForecast } from '../forecasts/internal';
import { concentrationSeverity } from '../metrics/credibility';
import { fitScore, fitScoreValue, type FitInput, type FitScore } from '../metrics/fit-score';
import { tierOf, tierThresholdsOf, type Tier, type TierThresholds } from '../metrics/tier';
import { reader } from '../transaction';
import { isUuid, parseInput } from '../validation';

const DISCOVERY_PAGE_SIZE = 25;
/** `localeCompare`'s order (default locale and options), one collator for every comparison. */
const collator = new Intl.Collator();
const DISCOVERY_SORTS = [...ROSTER_SORTS, 'fit'] as const;

// The discovery form picks a sort without a direction: names read A→Z, every measure from the top.
const discoveryQuerySchema = rosterQuerySchema
  .extend({
    sort: z.enum(DISCOVERY_SORTS).optional().default('followers'),
    dir: z.enum(['asc', 'desc']).optional(),
    campaign: z.string().trim().optional().default(''),
  })
  .transform((q) => ({ ...q, dir: q.dir ?? (q.sort === 'name' ? ('asc' as const) : ('desc' as const)) }));
export type DiscoveryQuery = z.input<typeof discoveryQuerySchema>;

type DiscoveryRow = RosterRow & {
  /** Fit for the chosen campaign; null when no campaign is chosen. */
  fit: FitScore | null;
  /** Forecast of one deliverable for the chosen campaign (lib/forecasts campaignForecasts); null without a campaign or an account. */
  forecast: CampaignForecast | null;
  shortlisted: boolean;
  hasAccount: boolean;
};

export type Discovery = {
  access: OrgAccess;
  filters: z.output<typeof discoveryQuerySchema>;
  campaign: Pick<Campaign, 'id' | 'name' | 'category' | 'currency' | 'budgetMinor' | 'maxInfluencers'> | null;
  campaigns: { id: string; name: string }[];
  rows: DiscoveryRow[];
  total: number;
  page: number;
  pageCount: number;
  options: { categories: string[]; countries: string[] };
};

/** {@link tierMedians} over rows already read: the median (interpolated, as percentile_cont) per tier. */
function tierMediansOf(rows: Pick<RosterRow, 'tier' | 'engagementRate' | 'followers'>[]): Map<Tier, number> {
  const byTier = new Map<Tier, number[]>();
  for (const r of rows)
    if (r.tier && r.engagementRate !== null && r.followers !== null) {
      const xs = byTier.get(r.tier) ?? [];
      xs.push(r.engagementRate);
      byTier.set(r.tier, xs);
    }
  return new Map([...byTier].map(([t, xs]) => [t, median(xs)!]));
}

/** Median engagement rate per tier over the whole discoverable population. */
async function tierMedians(db: Awaited<ReturnType<typeof reader>>, orgId: string, thresholds: TierThresholds): Promise<Map<Tier, number>> {
  const all = rosterSql(orgId, parseInput(rosterQuerySchema, {}), thresholds, null, undefined, { discover: true });
  const tierCase = sql.join(
    [...TIERS].reverse().map((t) => sql`when followers >= ${thresholds[t]} then ${t}`),
    sql` `,
  );
  const rows = rowsOf<{ tier: Tier | null; median: number | string }>(
    await db.execute(sql`
      select case ${tierCase} end as tier, percentile_cont(0.5) within group (order by engagement_rate) as median
      from (${all}) r where engagement_rate is not null and followers is not null group by 1`),
  );
  return new Map(rows.filter((r) => r.tier).map((r) => [r.tier!, Number(r.median)]));
}

/**
 * Discovery for a brand: every influencer in the organization's data plus every creator with a
 * Reachboard account, with the roster's filters (niche, platform, country, tier, followers and
 * engagement-rate ranges, text), sorted by followers, engagement rate, growth or — once a campaign
 * is chosen — fit score (lib/metrics/fit-score, each part explained), with a forecast of one
 * deliverable for the campaign per row of the page (lib/forecasts campaignForecasts). Figures come from the
 * organization's own data; creators it never measured show unknowns. Any member may read.
 * @throws NotFoundError (not a member; campaign of another organization); ValidationError.
 */
export async function discoverInfluencers({
  ctx,
  input,
}: VerbArgs<{
  orgSlug: string;
  query: DiscoveryQuery;
  /** Whether to forecast the page's rows for the campaign (default true; a caller forecasting fewer of them says false). */
  forecasts?: boolean;
}>): Promise<Discovery> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  const filters = parseInput(discoveryQuerySchema, input.query);
  const thresholds = tierThresholdsOf(access.org);
  const campaignList = await db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      category: campaigns.category,
      currency: campaigns.currency,
      budgetMinor: campaigns.budgetMinor,
      maxInfluencers: campaigns.maxInfluencers,
      status: campaigns.status,
    })
    .from(campaigns)
    .where(eq(campaigns.orgId, orgId))
    .orderBy(campaigns.name);
  let campaign: Discovery['campaign'] = null;
  if (filters.campaign) {
    if (!isUuid(filters.campaign)) throw new NotFoundError('Campaign');
    const found = campaignList.find((c) => c.id === filters.campaign);
    if (!found) throw new NotFoundError('Campaign');
    campaign = found;
  }
  const byFit = filters.sort === 'fit' && campaign !== null;
  const rosterFilters = { ...filters, sort: filters.sort === 'fit' ? ('followers' as const) : filters.sort };
  const offset = (filters.page - 1) * DISCOVERY_PAGE_SIZE;
  const budgetPerInfluencer =
    campaign?.budgetMinor != null ? Math.floor(campaign.budgetMinor / Math.max(campaign.maxInfluencers ?? 1, 1)) : null;
  // The organization's deliverables grouped once per influencer (other campaigns than the chosen one).
  const historySql = sql`select co.influencer_id, count(*)::int as delivered_total, (count(*) filter (where d.status = 'approved'))::int as delivered_approved
    from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns ca on ca.id = co.campaign_id
    where ca.org_id = ${orgId}::uuid and co.status <> 'cancelled' ${campaign ? sql`and ca.id <> ${campaign.id}::uuid` : sql``}
    group by co.influencer_id`;
  type FitRow = Pick<RosterRow, 'category' | 'engagementRate' | 'tier' | 'growth30d' | 'followers' | 'concentration'>;
  type FitExtra = Record<string, unknown> | undefined;
  const fitInput = (
    r: FitRow,
    rate: FitExtra,
    history: FitExtra,
    medians: Map<Tier, number>,
    c: NonNullable<Discovery['campaign']>,
  ): FitInput => ({
    campaignCategory: c.category,
    influencerCategory: r.category,
    engagementRate: r.engagementRate,
    tierMedianEngagementRate: r.tier ? (medians.get(r.tier) ?? null) : null,
    growth30d: r.growth30d,
    followers: r.followers,
    budgetPerInfluencerMinor: budgetPerInfluencer,
    rateMinor: rate && rate.rate_currency === c.currency && rate.rate_minor != null ? Number(rate.rate_minor) : null,
    history: history ? { approved: Number(history.delivered_approved), total: Number(history.delivered_total) } : null,
    concentrationCv: r.concentration.cv,
  });
  const fitOf = (r: FitRow, rate: FitExtra, history: FitExtra, medians: Map<Tier, number>): FitScore | null =>
    campaign ? fitScore(fitInput(r, rate, history, medians, campaign)) : null;

  let total: number;
  let list: (RosterRow & { hasAccount: boolean })[];
  let fits = new Map<string, FitScore | null>();
  let medians = new Map<Tier, number>();
  if (byFit) {
    // Sorting by fit scores the whole population: first only what the fit reads (no accounts'
    // list), then the full rows of the page asked for.
    const [narrow, history] = await Promise.all([
      db
        .execute(rosterSql(orgId, rosterFilters, thresholds, null, undefined, { discover: true, columns: 'fit' }))
        .then(rowsOf<Record<string, unknown>>),
      db.execute(historySql).then(rowsOf<{ influencer_id: string; delivered_total: number; delivered_approved: number }>),
    ]);
    total = narrow.length;
    const scored = narrow.map((r) => {
      const followers = num(r.followers as string | null);
      const cv = num(r.engagement_cv as string | null);
      return {
        influencerId: String(r.influencer_id),
        name: String(r.display_name),
        category: (r.category as string | null) ?? null,
        followers,
        tier: tierOf(followers, thresholds),
        engagementRate: num(r.engagement_rate as string | null),
        growth30d: num(r.growth_30d as string | null),
        concentration: { cv, severity: concentrationSeverity(cv) },
        rate: r,
      };
    });
    // Unfiltered, the rows read are the population the tier medians are taken over: no second pass (same percentile).
    medians = hasRosterFilters(filters as unknown as Record<string, string | undefined>)
      ? await tierMedians(db, orgId, thresholds)
      : tierMediansOf(scored);
    const histories = new Map(history.map((h) => [h.influencer_id, h]));
    // Rank on the score alone (an integer 0–100, or null): rows go into one bucket per score, and
    // only the buckets the page reaches are ordered by name — the order of a full sort by score
    // then name (stable), without 10,000 breakdowns or name comparisons.
    const buckets = new Map<number | null, typeof scored>();
    for (const r of scored) {
      const score = fitScoreValue(fitInput(r, r.rate, histories.get(r.influencerId), medians, campaign!));
      const bucket = buckets.get(score);
      if (bucket) bucket.push(r);
      else buckets.set(score, [r]);
    }
    const scores = [...buckets.keys()].filter((k): k is number => k !== null).sort((a, b) => (filters.dir === 'asc' ? a - b : b - a));
    const pageRows: (typeof scored)[number][] = [];
    let skipped = 0;
    for (const score of [...scores, null]) {
      const bucket = buckets.get(score);
      if (!bucket) continue;
      if (skipped + bucket.length <= offset) {
        skipped += bucket.length;
        continue;
      }
      bucket.sort((a, b) => collator.compare(a.name, b.name));
      pageRows.push(...bucket.slice(Math.max(offset - skipped, 0), offset - skipped + DISCOVERY_PAGE_SIZE));
      skipped += bucket.length;
      if (pageRows.length >= DISCOVERY_PAGE_SIZE) break;
    }
    pageRows.length = Math.min(pageRows.length, DISCOVERY_PAGE_SIZE);
    fits = new Map(pageRows.map((r) => [r.influencerId, fitOf(r, r.rate, histories.get(r.influencerId), medians)]));
    const order = new Map(pageRows.map((r, i) => [r.influencerId, i]));
    list = pageRows.length
      ? rowsOf<Record<string, unknown>>(
          await db.execute(
            rosterSql(orgId, rosterFilters, thresholds, null, [...order.keys()], {
              discover: true,
            }),
          ),
        )
          .map((r) => ({ ...toRosterRow(r, thresholds), hasAccount: Boolean(r.claimed) }))
          .sort((a, b) => order.get(a.influencerId)! - order.get(b.influencerId)!)
      : [];
  } else {
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(rosterSql(orgId, rosterFilters, thresholds, { limit: DISCOVERY_PAGE_SIZE, offset }, undefined, { discover: true })),
    );
    total = rows[0] ? Number(rows[0].total_count) : 0;
    list = rows.map((r) => ({ ...toRosterRow(r, thresholds), hasAccount: Boolean(r.claimed) }));
    if (campaign) medians = await tierMedians(db, orgId, thresholds);
  }
  const ids = list.map((r) => r.influencerId);
  const extras = ids.length
    ? rowsOf<Record<string, unknown>>(
        await db.execute(
          sql`with history as (${historySql}), shortlisted as (
                ${campaign ? sql`select influencer_id from campaign_shortlist where campaign_id = ${campaign.id}::uuid` : sql`select null::uuid as influencer_id where false`}
              )
              select i.id, i.rate_minor, i.rate_currency, coalesce(h.delivered_total, 0) as delivered_total,
                coalesce(h.delivered_approved, 0) as delivered_approved, s.influencer_id is not null as shortlisted
              from influencers i left join history h on h.influencer_id = i.id left join shortlisted s on s.influencer_id = i.id
              where i.id = any(${pgArray(ids)}::uuid[])`,
        ),
      )
    : [];
  const extra = new Map(extras.map((e) => [String(e.id), e]));
  const forecasts =
    campaign && input.forecasts !== false ? await campaignForecasts(db, access.org, campaign, ids) : new Map<string, CampaignForecast>();
  const result: DiscoveryRow[] = list.map((r) => {
    const e = extra.get(r.influencerId);
    return {
      ...r,
      fit: byFit ? (fits.get(r.influencerId) ?? null) : fitOf(r, e, e, medians),
      forecast: forecasts.get(r.influencerId) ?? null,
      shortlisted: Boolean(e?.shortlisted),
    };
  });
  const options = rowsOf<{ categories: string[]; countries: string[] }>(
    await db.execute(sql`
      with visible as (
        select coalesce(oi.category, i.category) as category, coalesce(oi.country, i.country) as country from influencers i
        left join org_influencers oi on oi.org_id = ${orgId}::uuid and oi.influencer_id = i.id
        where i.user_id is not null or oi.influencer_id is not null)
      select array(select distinct category from visible where category is not null order by 1) as categories,
             array(select distinct country from visible where country is not null order by 1) as countries`),
  );
  return {
    access,
    filters,
    campaign,
    campaigns: campaignList.filter((c) => c.status === 'draft' || c.status === 'active').map((c) => ({ id: c.id, name: c.name })),
    rows: result,
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / DISCOVERY_PAGE_SIZE)),
    options: { categories: options[0]?.categories ?? [], countries: options[0]?.countries ?? [] },
  };
}
