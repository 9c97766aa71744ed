import { sql } from 'drizzle-orm';
import { pgArray, rowsOf } from '@/db/sql';
import type { Campaign, CampaignGoals } from '@/db/schema';
import { num } from '../analytics/shared';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { conversionRate, cpa, cpe, cpm, ctr, roas, roi } from '../metrics/cost';
import { emv, type EmvValueTable } from '../metrics/emv';
import { metricSettingsOf } from '../metrics/settings';
import { campaignProgress, type CampaignProgress } from '../metrics/campaign-progress';
import { ratio, type Metric } from '../metrics/metric';
import { campaignGa4Traffic, type Ga4CampaignTraffic } from '../ga4/internal';
import { isUuid } from '../validation';
import { reader } from '../transaction';

const GOAL_KEYS = ['impressions', 'views', 'engagements', 'clicks', 'conversions', 'revenueMinor'] as const;
export type GoalKey = (typeof GOAL_KEYS)[number];

/** Totals of a set of posts plus tracked conversions; null = unknown (no item had it). */
type CampaignTotals = {
  posts: number;
  /** Posts whose latest capture was read with the creator's own connection (first-party insights). */
  firstPartyPosts: number;
  views: number | null;
  reach: number | null;
  impressions: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  engagements: number | null;
  clicks: number | null;
  conversions: number | null;
  revenueMinor: number | null;
};

type InfluencerContribution = {
  influencerId: string;
  name: string;
  feeMinor: number | null;
  totals: CampaignTotals;
  /** Fractions of the campaign's totals; null when the campaign total is unknown or 0. */
  share: { reach: number | null; engagements: number | null; conversions: number | null; revenue: number | null };
  roi: Metric;
};

export type CampaignPostRow = {
  postId: string;
  title: string | null;
  platform: string;
  handle: string;
  influencerId: string;
  influencerName: string;
  postDate: string;
  source: string;
  status: 'proposed' | 'confirmed' | 'rejected';
  views: number | null;
  reach: number | null;
  impressions: number | null;
  engagements: number | null;
  clicks: number | null;
  conversions: number | null;
  revenueMinor: number | null;
  capturedAt: string;
  provenance: string;
  /** The latest capture was read with the creator's own connection (first-party insights). */
  firstParty: boolean;
};

export type CampaignReport = {
  access: OrgAccess;
  campaign: Campaign;
  /** Σ agreed fees of the campaign's collaborations (not cancelled) in the campaign currency. */
  spendMinor: number | null;
  collaborations: number;
  budgetUsed: Metric;
  totals: CampaignTotals;
  /**
   * Tracked attribution: link clicks (people; bots excluded), unique clicks (visitor-hours),
   * attributed sales and their revenue net of refunds (included in `totals`), attributed leads, and
   * conversions kept but unqualified (outside the window; not in `totals`).
   */
  tracked: { clicks: number; uniqueClicks: number; conversions: number; revenueMinor: number | null; leads: number; outsideWindow: number };
  metrics: { cpm: Metric; cpe: Metric; cpa: Metric; roi: Metric; roas: Metric; emv: Metric; ctr: Metric; conversionRate: Metric };
  /** The EMV value table the EMV used (minor units per action), whether it is the organization's own, and when settings last changed. */
  emvSettings: { values: EmvValueTable; custom: boolean; updatedAt: Date | null };
  /**
   * GA4's view of the campaign through its links' UTM values (sessions, key events, revenue; `api`
   * provenance), shown beside the attributed totals and never added to them; null without a GA4 property.
   */
  ga4: {
    lastSyncedAt: Date | null;
    total: Ga4CampaignTraffic;
    roas: Metric;
    perInfluencer: (Ga4CampaignTraffic & { influencerId: string; name: string })[];
  } | null;
  goals: { key: GoalKey; target: number; actual: number | null; progress: number | null }[];
  /** Deliverables of the campaign's active and completed collaborations. */
  deliverables: { approved: number; submitted: number; total: number };
  /** Weighted task and goal progress (lib/metrics/campaign-progress). */
  progress: CampaignProgress;
  influencers: InfluencerContribution[];
  posts: CampaignPostRow[];
  /** Keyword matches waiting for review. */
  proposed: CampaignPostRow[];
};

/** Posts listed on the campaign page per status; the CSV export has them all. */
const CAMPAIGN_POSTS_LIMIT = 200;

/**
 * The campaign's posts with one link status, newest first (post date, post id; both descending),
 * after the keyset `after` when given. Revenue only in the campaign currency. Shared with the CSV export.
 */
export function campaignPostsSql(
  orgId: string,
  campaignId: string,
  currency: string,
  status: 'confirmed' | 'proposed',
  limit: number | null,
  after?: { postDate: string; postId: string },
) {
  return sql`
    select pm.post_id, p.title, p.platform::text as platform, sa.handle, i.id as influencer_id,
      coalesce(oi.display_name, i.display_name) as influencer_name, pm.post_date,
      cp.source::text as source, cp.status::text as status, pm.views, pm.reach, pm.impressions, pm.engagements, pm.clicks, pm.conversions,
      case when pm.revenue_currency = ${currency} then pm.revenue_minor end as revenue_minor, pm.captured_at, pm.provenance::text as provenance,
      ${FIRST_PARTY} as first_party
    from campaign_posts cp join post_metrics pm on pm.post_id = cp.post_id and pm.owner_org_id = ${orgId}::uuid
    join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
    join social_accounts sa on sa.id = pm.social_account_id join influencers i on i.id = sa.influencer_id
    left join org_influencers oi on oi.org_id = pm.owner_org_id and oi.influencer_id = i.id
    where cp.campaign_id = ${campaignId}::uuid and cp.status = ${status}
      ${after ? sql`and (pm.post_date, pm.post_id) < (${after.postDate}::timestamptz, ${after.postId}::uuid)` : sql``}
    order by pm.post_date desc, pm.post_id desc
    ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/** Whether post metrics row `pm` comes from a capture read with the creator's own connection. */
const FIRST_PARTY = sql`exists (select 1 from post_snapshots ps where ps.post_id = pm.post_id and ps.owner_org_id = pm.owner_org_id
  and ps.captured_at = pm.captured_at and ps.first_party)`;

const SUMS = sql`count(*)::int as posts, (count(*) filter (where ${FIRST_PARTY}))::int as first_party_posts, sum(pm.views) as views, sum(pm.reach) as reach, sum(pm.impressions) as impressions,
  sum(pm.likes) as likes, sum(pm.comments) as comments, sum(pm.shares) as shares, sum(pm.saves) as saves,
  sum(pm.engagements) as engagements, sum(pm.clicks) as clicks, sum(pm.conversions) as conversions`;

function totalsOf(r: Record<string, unknown> | undefined, revenue: number | null): CampaignTotals {
  const n = (k: string) => num((r?.[k] as string | null) ?? null);
  return {
    posts: Number(r?.posts ?? 0),
    firstPartyPosts: Number(r?.first_party_posts ?? 0),
    views: n('views'),
    reach: n('reach'),
    impressions: n('impressions'),
    likes: n('likes'),
    comments: n('comments'),
    shares: n('shares'),
    saves: n('saves'),
    engagements: n('engagements'),
    clicks: n('clicks'),
    conversions: n('conversions'),
    revenueMinor: revenue,
  };
}

/** A campaign posts SQL row as a {@link CampaignPostRow}. */
export function toCampaignPost(r: Record<string, unknown>): CampaignPostRow {
  return {
    postId: String(r.post_id),
    title: (r.title as string | null) ?? null,
    platform: String(r.platform),
    handle: String(r.handle),
    influencerId: String(r.influencer_id),
    influencerName: String(r.influencer_name),
    postDate: new Date(r.post_date as string).toISOString(),
    source: String(r.source),
    status: r.status as CampaignPostRow['status'],
    views: num(r.views as string | null),
    reach: num(r.reach as string | null),
    impressions: num(r.impressions as string | null),
    engagements: num(r.engagements as string | null),
    clicks: num(r.clicks as string | null),
    conversions: num(r.conversions as string | null),
    revenueMinor: num(r.revenue_minor as string | null),
    capturedAt: new Date(r.captured_at as string).toISOString(),
    provenance: String(r.provenance),
    firstParty: Boolean(r.first_party),
  };
}

/** Sales credited to the campaign (attributed; leads and unqualified conversions are counted apart). */
const ATTRIBUTED_SALES = sql`(count(*) filter (where kind = 'sale' and attribution_status = 'attributed'))::int as conversions`;
/** Revenue of attributed sales net of refunds, in the campaign currency. */
const attributedRevenue = (currency: string) =>
  sql`sum(revenue_minor - refunded_minor) filter (where kind = 'sale' and attribution_status = 'attributed' and currency = ${currency}) as revenue`;

const plus = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
const share = (part: number | null, whole: number | null) => ratio(part, whole, ['part', 'total']).value;

/**
 * The campaign report: spend (agreed fees), budget used, totals of the confirmed linked posts
 * (latest values, from `post_metrics`) plus tracked conversions, CPM, CPE, CPA, ROI, ROAS, EMV
 * (lib/metrics; EMV with the organization's value table), goal progress (actual ÷ target; shown
 * capped at 100 %), each influencer's contribution (share of reach, engagements, conversions,
 * revenue; ROI on their fee), the linked posts and keyword matches awaiting review. Revenue counts
 * only amounts in the campaign currency. Any member may read it.
 * @throws NotFoundError (not a member; campaign of another organization).
 */
export async function getCampaignReport({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<CampaignReport> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const [campaignRow] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select id from campaigns where id = ${input.campaignId}::uuid and org_id = ${orgId}::uuid`),
  );
  if (!campaignRow) throw new NotFoundError('Campaign');
  const campaign = (await db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.id, input.campaignId) }))!;
  const currency = campaign.currency;
  const linked = sql`from campaign_posts cp join post_metrics pm on pm.post_id = cp.post_id and pm.owner_org_id = ${orgId}::uuid
    join social_accounts sa on sa.id = pm.social_account_id
    where cp.campaign_id = ${campaign.id}::uuid and cp.status = 'confirmed'`;
  const revenue = sql`sum(pm.revenue_minor) filter (where pm.revenue_currency = ${currency}) as revenue`;
  const [[spend], [totals], [tracked], perInfluencer, trackedPerInfluencer, fees, posts, [tasks], ga4] = await Promise.all([
    db
      .execute(
        sql`select sum(agreed_fee_minor) filter (where currency = ${currency}) as spend, count(*)::int as n
          from collaborations where campaign_id = ${campaign.id}::uuid and status <> 'cancelled'`,
      )
      .then(rowsOf<{ spend: string | null; n: number }>),
    db.execute(sql`select ${SUMS}, ${revenue} ${linked}`).then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`select ${ATTRIBUTED_SALES}, ${attributedRevenue(currency)},
            (count(*) filter (where kind = 'lead' and attribution_status = 'attributed'))::int as leads,
            (count(*) filter (where attribution_status = 'outside_window'))::int as outside_window,
            (select count(*) filter (where not k.is_bot) from link_clicks k join tracking_links l on l.id = k.tracking_link_id
              where l.campaign_id = ${campaign.id}::uuid and k.org_id = ${orgId}::uuid)::int as clicks,
            (select count(distinct k.visitor_hash || to_char(date_trunc('hour', k.clicked_at at time zone 'UTC'), 'YYYYMMDDHH24')) filter (where not k.is_bot)
              from link_clicks k join tracking_links l on l.id = k.tracking_link_id
              where l.campaign_id = ${campaign.id}::uuid and k.org_id = ${orgId}::uuid)::int as unique_clicks
          from conversions where campaign_id = ${campaign.id}::uuid and org_id = ${orgId}::uuid`,
      )
      .then(
        rowsOf<{
          conversions: number;
          revenue: string | null;
          leads: number;
          outside_window: number;
          clicks: number;
          unique_clicks: number;
        }>,
      ),
    db.execute(sql`select sa.influencer_id, ${SUMS}, ${revenue} ${linked} group by sa.influencer_id`).then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`select influencer_id, ${ATTRIBUTED_SALES}, ${attributedRevenue(currency)}
          from conversions where campaign_id = ${campaign.id}::uuid and org_id = ${orgId}::uuid and influencer_id is not null group by 1`,
      )
      .then(rowsOf<{ influencer_id: string; conversions: number; revenue: string | null }>),
    db
      .execute(
        sql`select influencer_id, sum(agreed_fee_minor) filter (where currency = ${currency}) as fee
          from collaborations where campaign_id = ${campaign.id}::uuid and status <> 'cancelled' group by 1`,
      )
      .then(rowsOf<{ influencer_id: string; fee: string | null }>),
    Promise.all([
      db.execute(campaignPostsSql(orgId, campaign.id, currency, 'confirmed', CAMPAIGN_POSTS_LIMIT)).then(rowsOf<Record<string, unknown>>),
      db.execute(campaignPostsSql(orgId, campaign.id, currency, 'proposed', CAMPAIGN_POSTS_LIMIT)).then(rowsOf<Record<string, unknown>>),
    ]).then(([a, b]) => [...a, ...b]),
    db
      .execute(
        sql`select count(*)::int as total, (count(*) filter (where d.status = 'approved'))::int as approved,
            (count(*) filter (where d.status = 'submitted'))::int as submitted
          from deliverables d join collaborations c on c.id = d.collaboration_id
          where c.campaign_id = ${campaign.id}::uuid and c.status <> 'cancelled'`,
      )
      .then(rowsOf<{ total: number; approved: number; submitted: number }>),
    campaignGa4Traffic(db, orgId, campaign.id, currency),
  ]);
  const spendMinor = num(spend.spend);
  const trackedRevenue = num(tracked.revenue);
  const postTotals = totalsOf(totals, num(totals?.revenue as string | null));
  const all: CampaignTotals = {
    ...postTotals,
    conversions: tracked.conversions ? plus(postTotals.conversions, tracked.conversions) : postTotals.conversions,
    revenueMinor: plus(postTotals.revenueMinor, trackedRevenue),
  };
  const settings = metricSettingsOf(access.org);
  const emvTable = settings.emvValues;
  const goals = campaign.goals as CampaignGoals;
  const names = new Map(posts.map((p) => [String(p.influencer_id), String(p.influencer_name)]));
  const influencerIds = new Set([
    ...perInfluencer.map((r) => String(r.influencer_id)),
    ...fees.map((f) => f.influencer_id),
    ...trackedPerInfluencer.map((t) => t.influencer_id),
  ]);
  const nameIds = [...influencerIds, ...(ga4?.perInfluencer.keys() ?? [])];
  const missingNames = [...new Set(nameIds)].filter((id) => !names.has(id));
  if (missingNames.length) {
    const rows = rowsOf<{ id: string; display_name: string }>(
      await db.execute(sql`
        select i.id, coalesce(oi.display_name, i.display_name) as display_name from influencers i
        left join org_influencers oi on oi.org_id = ${orgId}::uuid and oi.influencer_id = i.id
        where i.id = any(${pgArray(missingNames)}::uuid[])`),
    );
    for (const r of rows) names.set(r.id, r.display_name);
  }
  const influencers: InfluencerContribution[] = [...influencerIds].map((id) => {
    const row = perInfluencer.find((r) => String(r.influencer_id) === id);
    const t = trackedPerInfluencer.find((r) => r.influencer_id === id);
    const base = totalsOf(row, num((row?.revenue as string | null) ?? null));
    const totalsI = {
      ...base,
      conversions: t ? plus(base.conversions, t.conversions) : base.conversions,
      revenueMinor: plus(base.revenueMinor, num(t?.revenue ?? null)),
    };
    const fee = num(fees.find((f) => f.influencer_id === id)?.fee ?? null);
    return {
      influencerId: id,
      name: names.get(id) ?? 'Unknown influencer',
      feeMinor: fee,
      totals: totalsI,
      share: {
        reach: share(totalsI.reach, all.reach),
        engagements: share(totalsI.engagements, all.engagements),
        conversions: share(totalsI.conversions, all.conversions),
        revenue: share(totalsI.revenueMinor, all.revenueMinor),
      },
      roi: roi(totalsI.revenueMinor, fee),
    };
  });
  influencers.sort((a, b) => (b.totals.engagements ?? -1) - (a.totals.engagements ?? -1) || a.name.localeCompare(b.name));
  const postRows = posts.map(toCampaignPost);
  const goalRows = GOAL_KEYS.filter((k) => typeof goals[k] === 'number' && goals[k]! > 0).map((k) => {
    const actual = all[k];
    return { key: k, target: goals[k]!, actual, progress: actual === null ? null : actual / goals[k]! };
  });
  const deliverableCounts = {
    approved: Number(tasks?.approved ?? 0),
    submitted: Number(tasks?.submitted ?? 0),
    total: Number(tasks?.total ?? 0),
  };

  return {
    access,
    campaign,
    spendMinor,
    collaborations: spend.n,
    budgetUsed: ratio(spendMinor, campaign.budgetMinor, ['spend', 'budget']),
    totals: all,
    tracked: {
      clicks: tracked.clicks,
      uniqueClicks: tracked.unique_clicks,
      conversions: tracked.conversions,
      revenueMinor: trackedRevenue,
      leads: tracked.leads,
      outsideWindow: tracked.outside_window,
    },
    metrics: {
      cpm: cpm(spendMinor, all.impressions),
      cpe: cpe(spendMinor, all.engagements),
      cpa: cpa(spendMinor, all.conversions),
      roi: roi(all.revenueMinor, spendMinor),
      roas: roas(all.revenueMinor, spendMinor),
      ctr: ctr(tracked.clicks || null, all.impressions),
      conversionRate: conversionRate(tracked.clicks ? tracked.conversions : null, tracked.clicks || null),
      emv: emv(
        {
          impressions: all.impressions,
          views: all.views,
          likes: all.likes,
          comments: all.comments,
          shares: all.shares,
          saves: all.saves,
          clicks: all.clicks,
        },
        emvTable,
      ),
    },
    emvSettings: { values: emvTable, custom: settings.custom.emvValues, updatedAt: settings.updatedAt },
    ga4: ga4 && {
      lastSyncedAt: ga4.lastSyncedAt,
      total: ga4.total,
      roas: roas(ga4.total.revenueMinor, spendMinor),
      perInfluencer: [...ga4.perInfluencer]
        .map(([id, t]) => ({ influencerId: id, name: names.get(id) ?? 'Unknown influencer', ...t }))
        .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name)),
    },
    goals: goalRows,
    deliverables: deliverableCounts,
    progress: campaignProgress({ taskWeight: campaign.taskProgressWeight, deliverables: deliverableCounts, goals: goalRows }),
    influencers,
    posts: postRows.filter((p) => p.status === 'confirmed'),
    proposed: postRows.filter((p) => p.status === 'proposed'),
  };
}
