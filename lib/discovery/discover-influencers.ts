import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, type Campaign } from '@/db/schema';
import { pgArray, rowsOf } from '@/db/sql';
import { hasRosterFilters, rosterQuerySchema, rosterSql, toRosterRow, ROSTER_SORTS, TIERS, type RosterRow } from '../analytics/list-roster';
import { median } from '../metrics/engagement';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { fitScore, type FitScore } from '../metrics/fit-score';
import { tierThresholdsOf, type Tier, type TierThresholds } from '../metrics/tier';
import { reader } from '../transaction';
import { isUuid, parseInput } from '../validation';

const DISCOVERY_PAGE_SIZE = 25;
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
function tierMediansOf(rows: RosterRow[]): Map<Tier, number> {
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
 * is chosen — fit score (lib/metrics/fit-score, each part explained). Figures come from the
 * organization's own data; creators it never measured show unknowns. Any member may read.
 * @throws NotFoundError (not a member; campaign of another organization); ValidationError.
 */
export async function discoverInfluencers({ ctx, input }: VerbArgs<{ orgSlug: string; query: DiscoveryQuery }>): Promise<Discovery> {
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
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      rosterSql(orgId, rosterFilters, thresholds, byFit ? null : { limit: DISCOVERY_PAGE_SIZE, offset }, undefined, { discover: true }),
    ),
  );
  const total = rows[0] ? Number(rows[0].total_count) : 0;
  const list = rows.map((r) => ({ ...toRosterRow(r, thresholds), hasAccount: Boolean(r.claimed) }));
  const ids = list.map((r) => r.influencerId);
  // Sorting by fit reads the whole population; unfiltered, it is the population the tier medians
  // are taken over, so they come from these rows instead of a second pass (same percentile).
  const wholePopulation = byFit && !hasRosterFilters(filters as unknown as Record<string, string | undefined>);
  const [medians, extras] = await Promise.all([
    campaign
      ? wholePopulation
        ? Promise.resolve(tierMediansOf(list))
        : tierMedians(db, orgId, thresholds)
      : Promise.resolve(new Map<Tier, number>()),
    ids.length
      ? db
          .execute(
            // The organization's deliverables grouped once (not two counts per influencer).
            sql`with history as (
                select co.influencer_id, count(*)::int as delivered_total, (count(*) filter (where d.status = 'approved'))::int as delivered_approved
                from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns ca on ca.id = co.campaign_id
                where ca.org_id = ${orgId}::uuid and co.status <> 'cancelled' ${campaign ? sql`and ca.id <> ${campaign.id}::uuid` : sql``}
                group by co.influencer_id
              ), shortlisted as (
                ${campaign ? sql`select influencer_id from campaign_shortlist where campaign_id = ${campaign.id}::uuid` : sql`select null::uuid as influencer_id where false`}
              )
              select i.id, i.rate_minor, i.rate_currency, coalesce(h.delivered_total, 0) as delivered_total,
                coalesce(h.delivered_approved, 0) as delivered_approved, s.influencer_id is not null as shortlisted
              from influencers i left join history h on h.influencer_id = i.id left join shortlisted s on s.influencer_id = i.id
              where i.id = any(${pgArray(ids)}::uuid[])`,
          )
          .then(rowsOf<Record<string, unknown>>)
      : Promise.resolve([]),
  ]);
  const extra = new Map(extras.map((e) => [String(e.id), e]));
  const budgetPerInfluencer =
    campaign?.budgetMinor != null ? Math.floor(campaign.budgetMinor / Math.max(campaign.maxInfluencers ?? 1, 1)) : null;
  let result: DiscoveryRow[] = list.map((r) => {
    const e = extra.get(r.influencerId);
    const fit = campaign
      ? fitScore({
          campaignCategory: campaign.category,
          influencerCategory: r.category,
          engagementRate: r.engagementRate,
          tierMedianEngagementRate: r.tier ? (medians.get(r.tier) ?? null) : null,
          growth30d: r.growth30d,
          followers: r.followers,
          budgetPerInfluencerMinor: budgetPerInfluencer,
          rateMinor: e && e.rate_currency === campaign.currency && e.rate_minor != null ? Number(e.rate_minor) : null,
          history: e ? { approved: Number(e.delivered_approved), total: Number(e.delivered_total) } : null,
          concentrationCv: r.concentration.cv,
        })
      : null;
    return { ...r, fit, shortlisted: Boolean(e?.shortlisted) };
  });
  if (byFit) {
    const dir = filters.dir === 'asc' ? 1 : -1;
    result.sort((a, b) => {
      const x = a.fit?.score ?? null;
      const y = b.fit?.score ?? null;
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
      return (x - y) * dir || a.name.localeCompare(b.name);
    });
    result = result.slice(offset, offset + DISCOVERY_PAGE_SIZE);
  }
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
