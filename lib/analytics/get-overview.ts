import { formatISO } from 'date-fns/formatISO';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import type { Organization } from '@/db/schema';
import { dailyFollowerChangesSql, dailyPostTotalsSql } from '../rollups/refresh-org-metrics';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { roas, roi } from '../metrics/cost';
import { known, ratio, unknown, type Metric } from '../metrics/metric';
import { reader } from '../transaction';
import { daysOf, rangeBounds, resolvePeriod, wholeMonthsOf, type DayRange, type Period, type PeriodQuery } from './period';
import { latestDataDay, num, reportCurrency, serialRows, total, type Total } from './shared';

/** KPIs of one period; money in minor units of `currency`. */
type OverviewKpis = {
  posts: number;
  views: Total;
  reach: Total;
  impressions: Total;
  engagements: Total;
  /** Σ engagements ÷ Σ views over posts where both are known. */
  engagementRate: Metric;
  /**
   * Net follower change: Σ over account captures dated in the period of (followers − the
   * account's previous known count); `captures` = how many captures had a previous count.
   */
  followerGrowth: Metric & { captures: number };
  spend: Total;
  conversions: Total;
  revenue: Total;
  roi: Metric;
  /** Revenue ÷ spend of the period (Google Ads' ROAS). */
  roas: Metric;
  /** Visits of the tracking links in the period, bots excluded; unknown when there is no link. */
  linkClicks: Metric & { uniqueClicks: number };
};

type TopInfluencer = {
  influencerId: string;
  name: string;
  posts: number;
  views: number | null;
  engagements: number | null;
  engagementRate: number | null;
};

type TopPost = {
  postId: string;
  title: string | null;
  url: string | null;
  platform: string;
  handle: string;
  influencerId: string;
  postDate: string;
  dateIsPublishTime: boolean;
  views: number | null;
  engagements: number | null;
  engagementRate: number | null;
  capturedAt: string;
  provenance: string;
};

export type Overview = {
  access: OrgAccess;
  period: Period;
  currency: string;
  /** The latest day with data; null when the organization has none yet. */
  latestDataDay: string | null;
  current: OverviewKpis;
  previous: OverviewKpis;
  /** One point per day of the period; null = nothing dated that day. */
  trend: { day: string; views: number | null; engagements: number | null; posts: number }[];
  topInfluencers: TopInfluencer[];
  topPosts: TopPost[];
};

/**
 * An engagements total with the parts it leaves out named in `missing` (docs/metrics.md): a part no
 * post of the period has ("shares" on YouTube exports), or one known for only some posts ("saves
 * (known for 12 of 40 posts)").
 */
function withParts(engagements: Total, posts: number, known: Record<'likes' | 'comments' | 'shares' | 'saves', number>): Total {
  if (engagements.value === null || posts === 0) return engagements;
  const parts = Object.entries(known).flatMap(([part, n]) =>
    n === 0 ? [part] : n < posts ? [`${part} (known for ${n.toLocaleString('en-US')} of ${posts.toLocaleString('en-US')} posts)`] : [],
  );
  return { ...engagements, missing: [...new Set([...engagements.missing.filter((m) => m !== 'engagements'), ...parts])] };
}

/**
 * Which of the organization's data an overview covers, as SQL pieces. A brand's overview covers
 * everything it imported and reads the period rollups; a creator workspace's covers the creator's
 * own accounts (the workspace also holds the rivals it benchmarks, e.g. every channel of an
 * imported trending file), computed with the rollups' own definitions from the per-post and
 * per-account rollups of those accounts.
 */
type OverviewScope = {
  /** Rows with `org_daily_post_metrics`' columns. */
  dailyPosts: SQL;
  /** Rows with `org_daily_follower_metrics`' columns. */
  dailyFollowers: SQL;
  /** Keeps the `post_metrics` rows (alias `pm`) in scope. */
  posts: SQL;
  /** Keeps the `influencer_id` rows in scope. */
  influencers: SQL;
};

function overviewScope(org: Pick<Organization, 'id' | 'kind' | 'influencerId'>): OverviewScope {
  if (org.kind !== 'creator' || !org.influencerId)
    return {
      dailyPosts: sql`(select * from org_daily_post_metrics where owner_org_id = ${org.id}::uuid)`,
      dailyFollowers: sql`(select * from org_daily_follower_metrics where owner_org_id = ${org.id}::uuid)`,
      posts: sql`true`,
      influencers: sql`true`,
    };
  const own = sql`(select id from social_accounts where influencer_id = ${org.influencerId}::uuid)`;
  return {
    dailyPosts: sql`(${dailyPostTotalsSql(org.id, sql`pm.social_account_id in ${own}`)})`,
    dailyFollowers: sql`(${dailyFollowerChangesSql(org.id, sql`d.social_account_id in ${own}`)})`,
    posts: sql`pm.social_account_id in ${own}`,
    influencers: sql`influencer_id = ${org.influencerId}::uuid`,
  };
}

async function kpis(db: Db | Tx, orgId: string, range: DayRange, currency: string, scope: OverviewScope): Promise<OverviewKpis> {
  const { start, end } = rangeBounds(range);
  const [[p], [g], [s], [c], [k], [l]] = await Promise.all([
    db
      .execute(
        sql`
      select coalesce(sum(posts), 0)::int as posts,
        sum(views) as views, coalesce(sum(views_n), 0)::int as views_n,
        sum(reach) as reach, coalesce(sum(reach_n), 0)::int as reach_n,
        sum(impressions) as impressions, coalesce(sum(impressions_n), 0)::int as impressions_n,
        sum(engagements) as engagements, coalesce(sum(engagements_n), 0)::int as engagements_n,
        coalesce(sum(likes_n), 0)::int as likes_n, coalesce(sum(comments_n), 0)::int as comments_n,
        coalesce(sum(shares_n), 0)::int as shares_n, coalesce(sum(saves_n), 0)::int as saves_n,
        sum(er_engagements) as er_engagements, sum(er_views) as er_views,
        sum(conversions) as conversions, coalesce(sum(conversions_n), 0)::int as conversions_n,
        sum(revenue_minor) filter (where revenue_currency = ${currency}) as revenue,
        coalesce(sum(revenue_n) filter (where revenue_currency = ${currency}), 0)::int as revenue_n
      from ${scope.dailyPosts} d
      where day between ${range.from}::date and ${range.to}::date`,
      )
      .then(rowsOf<Record<string, string | number | null>>),
    db
      .execute(
        sql`
      select sum(follower_change) as growth, coalesce(sum(changes), 0)::int as changes
      from ${scope.dailyFollowers} f
      where day between ${range.from}::date and ${range.to}::date`,
      )
      .then(rowsOf<{ growth: string | null; changes: number }>),
    db
      .execute(
        sql`
      select sum(co.agreed_fee_minor) filter (where co.currency = ${currency}) as spend,
        count(*) filter (where co.currency = ${currency})::int as spend_n, count(co.id)::int as collaborations
      from campaigns ca join collaborations co on co.campaign_id = ca.id and co.status <> 'cancelled'
      where ca.org_id = ${orgId}::uuid and (ca.starts_on is null or ca.starts_on <= ${range.to}::date)
        and (ca.ends_on is null or ca.ends_on >= ${range.from}::date)`,
      )
      .then(rowsOf<{ spend: string | null; spend_n: number; collaborations: number }>),
    db
      .execute(
        sql`
      select count(*)::int as conversions, sum(revenue_minor - refunded_minor) filter (where currency = ${currency}) as revenue,
        count(revenue_minor) filter (where currency = ${currency})::int as revenue_n
      from conversions where org_id = ${orgId}::uuid and occurred_at >= ${start}::timestamptz and occurred_at < ${end}::timestamptz
        -- attributed sales only: leads, unqualified and unattributed conversions are kept but not counted (docs/attribution.md)
        and kind = 'sale' and attribution_status = 'attributed'`,
      )
      .then(rowsOf<{ conversions: number; revenue: string | null; revenue_n: number }>),
    // Imported post costs (an agency sheet's fees) of posts dated in the period, except posts of a
    // campaign, whose cost is its collaborations' agreed fees (counted above): never twice.
    db
      .execute(
        sql`
      select sum(op.cost_minor) filter (where op.cost_currency = ${currency}) as cost,
        count(*) filter (where op.cost_currency = ${currency})::int as cost_n
      from org_posts op
      join post_metrics pm on pm.owner_org_id = op.org_id and pm.post_id = op.post_id
      where op.org_id = ${orgId}::uuid and op.cost_minor is not null and ${scope.posts}
        and pm.post_date >= ${start}::timestamptz and pm.post_date < ${end}::timestamptz
        and not exists (select 1 from campaign_posts cp join campaigns ca on ca.id = cp.campaign_id
          where cp.post_id = op.post_id and ca.org_id = op.org_id and cp.status <> 'rejected')`,
      )
      .then(rowsOf<{ cost: string | null; cost_n: number }>),
    // Visits of the organization's tracking links in the period (bots excluded; unique = visitor-hours).
    db
      .execute(
        sql`
      select (select count(*) from tracking_links where org_id = ${orgId}::uuid)::int as links,
        (count(*) filter (where not k.is_bot))::int as clicks,
        (count(distinct k.visitor_hash || to_char(date_trunc('hour', k.clicked_at at time zone 'UTC'), 'YYYYMMDDHH24')) filter (where not k.is_bot))::int as unique_clicks
      from tracking_links tl join link_clicks k on k.tracking_link_id = tl.id
      where tl.org_id = ${orgId}::uuid and k.clicked_at >= ${start}::timestamptz and k.clicked_at < ${end}::timestamptz`,
      )
      .then(rowsOf<{ links: number; clicks: number; unique_clicks: number }>),
  ]);
  const posts = Number(p.posts);
  const tracked = c.conversions;
  const conversions = total(
    'conversions',
    p.conversions === null && tracked === 0 ? null : (num(p.conversions) ?? 0) + tracked,
    Number(p.conversions_n) + tracked,
    posts + tracked,
  );
  const revenueSum = p.revenue === null && c.revenue === null ? null : (num(p.revenue) ?? 0) + (num(c.revenue) ?? 0);
  const revenue = total('revenue', revenueSum, Number(p.revenue_n) + c.revenue_n, posts + tracked);
  const spendSum = s.spend === null && k.cost === null ? null : (num(s.spend) ?? 0) + (num(k.cost) ?? 0);
  const spend = total('spend', spendSum, s.spend_n + k.cost_n, s.collaborations + k.cost_n);
  const growth: Metric = g.changes
    ? known(Number(g.growth))
    : unknown(['follower counts'], 'no account was captured in this period after an earlier capture');
  return {
    posts,
    views: total('views', p.views, Number(p.views_n), posts),
    reach: total('reach', p.reach, Number(p.reach_n), posts),
    impressions: total('impressions', p.impressions, Number(p.impressions_n), posts),
    engagements: withParts(total('engagements', p.engagements, Number(p.engagements_n), posts), posts, {
      likes: Number(p.likes_n),
      comments: Number(p.comments_n),
      shares: Number(p.shares_n),
      saves: Number(p.saves_n),
    }),
    engagementRate: ratio(num(p.er_engagements), num(p.er_views), ['engagements', 'views']),
    followerGrowth: { ...growth, captures: g.changes },
    spend,
    conversions,
    revenue,
    roi: roi(revenue.value, spend.value),
    roas: roas(revenue.value, spend.value),
    linkClicks: l.links
      ? { ...known(l.clicks), uniqueClicks: l.unique_clicks }
      : { ...unknown([], 'the organization has no tracking link yet'), uniqueClicks: 0 },
  };
}

/**
 * Per-influencer totals of posts dated in a range, as rows to sum (several per influencer): whole
 * months from `influencer_monthly_metrics`, the partial months at the edges from `post_metrics`,
 * so a year-long range reads about 10 monthly rows per influencer instead of every post.
 */
function influencerTotalsSql(orgId: string, range: DayRange, scope: OverviewScope) {
  const fromPosts = (r: DayRange) => {
    const { start, end } = rangeBounds(r);
    return sql`
      select sa.influencer_id, 1 as posts, pm.views, pm.engagements,
        case when pm.views is not null then pm.engagements end as er_engagements, case when pm.engagements is not null then pm.views end as er_views
      from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
      where pm.owner_org_id = ${orgId}::uuid and ${scope.posts} and pm.post_date >= ${start}::timestamptz and pm.post_date < ${end}::timestamptz`;
  };
  const months = wholeMonthsOf(range);
  if (!months) return fromPosts(range);
  const parts = [
    sql`
      select influencer_id, posts, views, engagements, er_engagements, er_views from influencer_monthly_metrics
      where owner_org_id = ${orgId}::uuid and ${scope.influencers} and month between ${months.firstMonth}::date and ${months.lastMonth}::date`,
  ];
  if (months.head) parts.push(fromPosts(months.head));
  if (months.tail) parts.push(fromPosts(months.tail));
  return sql.join(parts, sql` union all `);
}

/**
 * The organization's analytics overview for a period (default: the 30 days up to its latest
 * data; see {@link resolvePeriod}): KPIs with the previous period for comparison, a daily trend
 * of views and engagements by post date, and the top 10 influencers and posts by engagements.
 * Posts are attributed to their post date (publish time, else first capture) and counted with
 * their latest values. Reads only rollups: the period rollups (`org_daily_post_metrics`,
 * `org_daily_follower_metrics`, `influencer_monthly_metrics`) and `post_metrics` for top posts
 * and the partial months of top influencers.
 * Any member may read it.
 * @throws NotFoundError (not a member); ValidationError (bad period).
 */
export async function getOverview({ ctx, input }: VerbArgs<{ orgSlug: string; period: PeriodQuery }>): Promise<Overview> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  const scope = overviewScope(access.org);
  const [latest, currency] = await Promise.all([latestDataDay(db, orgId), reportCurrency(db, orgId)]);
  const period = resolvePeriod(input.period, latest ?? formatISO(new Date(), { representation: 'date' }));
  const { start, end } = rangeBounds(period);
  const [current, previous, trendRows, topInfluencers, topPosts] = await Promise.all([
    kpis(db, orgId, period, currency, scope),
    kpis(db, orgId, period.previous, currency, scope),
    db
      .execute(
        sql`
      select day::text as day, sum(views) as views, sum(engagements) as engagements, sum(posts)::int as posts
      from ${scope.dailyPosts} d where day between ${period.from}::date and ${period.to}::date
      group by day`,
      )
      .then(rowsOf<{ day: string; views: string | null; engagements: string | null; posts: number }>),
    serialRows<Record<string, string | number | null>>(
      db,
      sql`
      select i.id as influencer_id, coalesce(oi.display_name, i.display_name) as name, t.posts, t.views, t.engagements, t.er_engagements, t.er_views
      from (
        select influencer_id, sum(posts)::int as posts, sum(views) as views, sum(engagements) as engagements,
          sum(er_engagements) as er_engagements, sum(er_views) as er_views
        from (${influencerTotalsSql(orgId, period, scope)}) parts
        group by influencer_id
        order by sum(engagements) desc nulls last, influencer_id limit 10) t
      join influencers i on i.id = t.influencer_id
      left join org_influencers oi on oi.org_id = ${orgId}::uuid and oi.influencer_id = i.id
      order by t.engagements desc nulls last, t.influencer_id`,
    ),
    db
      .execute(
        sql`
      select pm.post_id, p.title, p.url, p.platform::text as platform, sa.handle, sa.influencer_id, pm.post_date, pm.published_at is not null as has_publish_time,
        pm.views, pm.engagements, pm.captured_at, pm.provenance::text as provenance
      from (select * from post_metrics pm where owner_org_id = ${orgId}::uuid and ${scope.posts}
              and post_date >= ${start}::timestamptz and post_date < ${end}::timestamptz
            order by engagements desc nulls last limit 10) pm
      join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id join social_accounts sa on sa.id = pm.social_account_id
      order by pm.engagements desc nulls last`,
      )
      .then(rowsOf<Record<string, string | number | boolean | Date | null>>),
  ]);
  const byDay = new Map(trendRows.map((r) => [r.day, r]));
  return {
    access,
    period,
    currency,
    latestDataDay: latest,
    current,
    previous,
    trend: daysOf(period).map((day) => {
      const r = byDay.get(day);
      return { day, views: num(r?.views), engagements: num(r?.engagements), posts: r?.posts ?? 0 };
    }),
    topInfluencers: topInfluencers.map((r) => ({
      influencerId: String(r.influencer_id),
      name: String(r.name),
      posts: Number(r.posts),
      views: num(r.views),
      engagements: num(r.engagements),
      engagementRate: ratio(num(r.er_engagements), num(r.er_views), ['engagements', 'views']).value,
    })),
    topPosts: topPosts.map((r) => ({
      postId: String(r.post_id),
      title: r.title as string | null,
      url: r.url as string | null,
      platform: String(r.platform),
      handle: String(r.handle),
      influencerId: String(r.influencer_id),
      postDate: new Date(r.post_date as string).toISOString(),
      dateIsPublishTime: Boolean(r.has_publish_time),
      views: num(r.views as string | null),
      engagements: num(r.engagements as string | null),
      engagementRate: ratio(num(r.engagements as string | null), num(r.views as string | null), ['engagements', 'views']).value,
      capturedAt: new Date(r.captured_at as string).toISOString(),
      provenance: String(r.provenance),
    })),
  };
}
