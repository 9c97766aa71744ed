import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import {
  engagementConcentrationSignal,
  followerGrowthSignal,
  peerSignal,
  type ConcentrationSignal,
  type GrowthSignal,
  type PeerSignal,
} from '../metrics/credibility';
import type { ConnectorPeriodInsight } from '../connectors/types';
import { followerGrowth } from '../metrics/growth';
import type { Metric } from '../metrics/metric';
import { type Tier, tierOf, tierThresholdsOf } from '../metrics/tier';
import { isUuid } from '../validation';
import { reader } from '../transaction';
import { cpe } from '../metrics/cost';
import { num } from './shared';

type AccountAnalytics = {
  socialAccountId: string;
  platform: string;
  handle: string;
  displayName: string | null;
  url: string | null;
  followers: number | null;
  followersCapturedAt: string | null;
  /** Growth vs the last value at least 30 days older (lib/metrics followerGrowth). */
  growth30d: { absolute: Metric; percent: Metric };
  reportedEngagementRate: number | null;
  engagementRateByFollowers: number | null;
  engagementRateByViews: number | null;
  medianViews: number | null;
  postsTracked: number;
  posts90d: number;
  /** One point per day with a capture. */
  followerHistory: { day: string; followers: number | null; provenance: string }[];
  /**
   * What the latest account-level capture of this organization reported about the account (an
   * export's average likes, post count, total likes and views, following), with where it came
   * from and when; null when no capture reported any of them. Unknown fields stay null.
   */
  reported: {
    avgLikes: number | null;
    postsCount: number | null;
    totalLikes: number | null;
    totalViews: number | null;
    following: number | null;
    capturedAt: string;
    provenance: string;
  } | null;
  /**
   * First-party numbers of this organization's data: the latest capture read with the creator's
   * own connection (their insights), and the median reach of the posts whose reach is known (a
   * private metric only the creator's insights or the brand's imports give). Null: none was read.
   */
  firstParty: { capturedAt: string; medianReach: number | null; postsWithReach: number } | null;
  /**
   * The account's latest totals over a period as its platform reported them to the creator
   * (Instagram account insights: unique reach, views, accounts engaged, total interactions); shared,
   * first-party. Null: never read.
   */
  periodInsights: ConnectorPeriodInsight | null;
  /**
   * The channel's own analytics over its last 28 reported days (YouTube Analytics, Twitch
   * subscriptions, through the creator's connection; shared, first-party): Σ views, Σ watch
   * minutes, Σ subscribers gained and lost, the latest paid subscriptions, and the last day
   * reported. Null: never connected or nothing reported.
   */
  /**
   * Credibility signals of this organization's data on the account (lib/metrics/credibility):
   * follower-growth anomalies (with the daily changes judged, for the evidence chart) and engagement
   * concentration over its latest 200 posts.
   */
  signals: {
    growth: GrowthSignal;
    dailyChanges: { day: string; change: number }[];
    concentration: ConcentrationSignal;
    /** Engagements of the posts the concentration was judged over, most first (its evidence chart). */
    engagementsByPost: number[];
    /**
     * The account's engagement rate (by followers, else as reported) and its comments ÷ likes over
     * its posts, each against the organization's other accounts of the same platform and follower
     * tier (`band`: the tier and its follower range; null when the account's followers are unknown).
     */
    band: { platform: string; tier: Tier; min: number; max: number | null } | null;
    engagementRate: PeerSignal;
    commentsPerLike: PeerSignal;
  };
  channelInsights: {
    views: number | null;
    watchMinutes: number | null;
    subscribersGained: number | null;
    subscribersLost: number | null;
    /** The latest paid subscription total and its sub points (Twitch, a connected broadcaster). */
    paidSubscribers: number | null;
    subscriberPoints: number | null;
    days: number;
    lastDay: string;
  } | null;
};

/** One audience bucket; `bucket` null is the part the platform withheld (never a zero). */
export type AudienceBucket = { bucket: string | null; share: number; count: number | null };

/** An account's audience as its latest first-party capture reported it, per breakdown (most first). */
export type AccountAudience = {
  socialAccountId: string;
  platform: string;
  handle: string;
  /** Capture day (UTC) and what the platform counted (`follower_demographics`: followers; `viewerPercentage`: viewers; `views`). */
  capturedOn: string;
  sources: string[];
  age: AudienceBucket[];
  gender: AudienceBucket[];
  country: AudienceBucket[];
  city: AudienceBucket[];
};

export type PostRow = {
  postId: string;
  platform: string;
  handle: string;
  title: string | null;
  url: string | null;
  mediaType: string | null;
  tags: string[];
  postDate: string;
  dateIsPublishTime: boolean;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  engagements: number | null;
  /** What the organization paid for the post (an imported cost), in minor units of `costCurrency`; null when unknown. */
  costMinor: number | null;
  costCurrency: string | null;
  /** Cost per engagement = cost ÷ engagements (lib/metrics cpe), minor units; null when either is unknown or 0. */
  costPerEngagement: number | null;
  /** engagements ÷ views; null when either is unknown or views are 0. */
  engagementRate: number | null;
  capturedAt: string;
  provenance: string;
};

/** Median engagement rate (by views) of one group of posts, with its size. */
export type ContentGroup = { key: string; posts: number; medianEngagementRate: number | null };

export type InfluencerAnalytics = {
  access: OrgAccess;
  influencer: {
    id: string;
    name: string;
    category: string | null;
    country: string | null;
    bio: string | null;
    claimed: boolean;
    /** The creator proved control of one of the profile's accounts. */
    verified: boolean;
    rateMinor: number | null;
    rateCurrency: string | null;
    /** The creator's platform connections still in place, with their health and since when. */
    connections: { platform: string; handle: string; status: 'connected' | 'expiring' | 'reauth_required'; since: Date }[];
  };
  tier: Tier | null;
  accounts: AccountAnalytics[];
  /** First-party audiences of the influencer's connected accounts (shared: from the platform through the creator). */
  audience: AccountAudience[];
  /** Median engagement rate by views of the posts dated each ISO week (week start day). */
  engagementTrend: { week: string; medianEngagementRate: number | null; posts: number }[];
  posts: PostRow[];
  postCount: number;
  content: {
    byMediaType: ContentGroup[];
    byTag: ContentGroup[];
    byWeekday: ContentGroup[];
    byHour: ContentGroup[];
    /** Posts with a publish time (weekday and hour need one; first captures say nothing about posting time). */
    postsWithPublishTime: number;
  };
};

/** Posts shown on the page; the CSV export has them all. */
export const INFLUENCER_POSTS_LIMIT = 100;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The posts query of one influencer in one organization's data, newest first (post date, then
 * post id, both descending), starting after the keyset `after` when given; shared with the CSV export.
 */
function influencerPostsSql(orgId: string, influencerId: string, limit: number | null, after?: { postDate: string; postId: string }) {
  return sql`
    select pm.post_id, p.platform::text as platform, sa.handle, p.title, p.url, p.media_type::text as media_type, p.tags,
      pm.post_date, pm.published_at is not null as has_publish_time, pm.views, pm.likes, pm.comments, pm.shares, pm.saves,
      pm.engagements, pm.captured_at, pm.provenance::text as provenance, p.cost_minor, p.cost_currency
    from social_accounts sa
    join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
    join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
    where sa.influencer_id = ${influencerId}::uuid
      ${after ? sql`and (pm.post_date, pm.post_id) < (${after.postDate}::timestamptz, ${after.postId}::uuid)` : sql``}
    order by pm.post_date desc, pm.post_id desc
    ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/** A posts SQL row as a {@link PostRow}. */
function toPostRow(r: Record<string, unknown>): PostRow {
  const views = num(r.views as string | null);
  const engagements = num(r.engagements as string | null);
  return {
    postId: String(r.post_id),
    platform: String(r.platform),
    handle: String(r.handle),
    title: (r.title as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    mediaType: (r.media_type as string | null) ?? null,
    tags: (r.tags as string[] | null) ?? [],
    postDate: new Date(r.post_date as string).toISOString(),
    dateIsPublishTime: Boolean(r.has_publish_time),
    views,
    likes: num(r.likes as string | null),
    comments: num(r.comments as string | null),
    shares: num(r.shares as string | null),
    saves: num(r.saves as string | null),
    engagements,
    engagementRate: views && engagements !== null ? engagements / views : null,
    costMinor: num(r.cost_minor as string | null),
    costCurrency: (r.cost_currency as string | null)?.trim() ?? null,
    costPerEngagement: cpe(num(r.cost_minor as string | null), engagements).value,
    capturedAt: new Date(r.captured_at as string).toISOString(),
    provenance: String(r.provenance),
  };
}

/**
 * The influencer must be on the organization's roster; returns the profile as the organization
 * sees it: its own imports' name, country and category first, else the profile's.
 * @throws NotFoundError otherwise (another org's roster looks like a missing influencer).
 */
export async function requireRosterInfluencer(db: Db | Tx, orgId: string, influencerId: string) {
  if (!isUuid(influencerId)) throw new NotFoundError('Influencer');
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select i.id, i.user_id, i.bio, i.rate_minor, i.rate_currency, i.verified_at, coalesce(oi.display_name, i.display_name) as display_name,
        coalesce(oi.country, i.country) as country, coalesce(oi.category, i.category) as category
      from org_influencers oi join influencers i on i.id = oi.influencer_id
      where oi.org_id = ${orgId}::uuid and oi.influencer_id = ${influencerId}::uuid`),
  );
  if (!row) throw new NotFoundError('Influencer');
  return row;
}

/**
 * Everything the influencer page shows, from the organization's rollups: profile, each social
 * account's follower history and growth, a weekly engagement-rate trend, the newest
 * {@link INFLUENCER_POSTS_LIMIT} posts, and content analysis — median engagement rate (by views)
 * per media type, tag (tags on at least 2 posts, best 12), weekday and hour (UTC; only posts with
 * a publish time), each with its group size. Any member may read it.
 * @throws NotFoundError (not a member, or the influencer is not on the roster).
 */
export async function getInfluencerAnalytics({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<InfluencerAnalytics> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  const inf = await requireRosterInfluencer(db, orgId, input.influencerId);
  const thresholds = tierThresholdsOf(access.org);
  const er = sql`percentile_cont(0.5) within group (order by pm.engagements::float8 / nullif(pm.views, 0))`;
  const postsOf = sql`from social_accounts sa
    join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
    join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
    where sa.influencer_id = ${input.influencerId}::uuid`;
  type Group = { key: string; posts: number; er: number | null };
  const groups = (key: ReturnType<typeof sql>, extra = sql``, limit = sql``) =>
    db
      .execute(
        sql`select ${key} as key, count(*)::int as posts, ${er} as er ${postsOf} ${extra} group by 1 order by 3 desc nulls last, 2 desc ${limit}`,
      )
      .then(rowsOf<Group>);
  const [accounts, history, trend, posts, [counts], byMedia, byTag, byWeekday, byHour, connections, audienceRows, signalPosts] =
    await Promise.all([
      db
        .execute(
          sql`
      select sa.id, sa.platform::text as platform, sa.handle, sa.display_name, sa.url, am.followers, am.followers_captured_at, am.followers_30d_ago,
        am.reported_engagement_rate, am.engagement_rate_by_followers, am.engagement_rate_by_views, am.median_views,
        coalesce(am.posts_tracked, 0) as posts_tracked, coalesce(am.posts_90d, 0) as posts_90d,
        rep.avg_likes, rep.posts_count, rep.total_likes, rep.total_views, rep.following, rep.captured_at as reported_at, rep.provenance::text as reported_provenance,
        (select max(s.captured_at) from account_snapshots s where s.social_account_id = sa.id and s.owner_org_id = ${orgId}::uuid and s.first_party) as first_party_at,
        (select percentile_cont(0.5) within group (order by pm.reach) from post_metrics pm
          where pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid and pm.reach is not null) as median_reach,
        (select count(*)::int from post_metrics pm where pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid and pm.reach is not null) as posts_with_reach,
        ins.views as insight_views, ins.watch_minutes as insight_watch_minutes, ins.gained as insight_gained, ins.lost as insight_lost,
        ins.days as insight_days, ins.last_day as insight_last_day, subs.paid_subscribers, subs.subscriber_points,
        per.period_start::text as period_start, per.period_end::text as period_end, per.reach as period_reach, per.views as period_views,
        per.accounts_engaged as period_engaged, per.total_interactions as period_interactions
      from social_accounts sa join account_metrics am on am.social_account_id = sa.id and am.owner_org_id = ${orgId}::uuid
      left join lateral (
        select s.avg_likes, s.posts_count, s.total_likes, s.total_views, s.following, s.captured_at, s.provenance
        from account_snapshots s
        where s.social_account_id = sa.id and s.owner_org_id = ${orgId}::uuid
          and (s.avg_likes is not null or s.posts_count is not null or s.total_likes is not null or s.total_views is not null or s.following is not null)
        order by s.captured_at desc limit 1) rep on true
      left join lateral (
        select sum(d.views) as views, sum(d.watch_minutes) as watch_minutes, sum(d.subscribers_gained) as gained,
          sum(d.subscribers_lost) as lost, count(*)::int as days, max(d.day)::text as last_day
        from account_daily_insights d
        where d.social_account_id = sa.id
          and d.day > (select max(x.day) from account_daily_insights x where x.social_account_id = sa.id) - 28) ins on true
      left join lateral (
        select d.paid_subscribers, d.subscriber_points from account_daily_insights d
        where d.social_account_id = sa.id and d.paid_subscribers is not null order by d.day desc limit 1) subs on true
      left join lateral (
        select p.period_start, p.period_end, p.reach, p.views, p.accounts_engaged, p.total_interactions from account_period_insights p
        where p.social_account_id = sa.id order by p.period_end desc limit 1) per on true
      where sa.influencer_id = ${input.influencerId}::uuid
      order by am.followers desc nulls last, sa.platform, sa.handle`,
        )
        .then(rowsOf<Record<string, unknown>>),
      db
        .execute(
          sql`
      select d.social_account_id, d.day::text as day, d.followers, d.provenance::text as provenance
      from social_accounts sa join account_daily_metrics d on d.social_account_id = sa.id and d.owner_org_id = ${orgId}::uuid
      where sa.influencer_id = ${input.influencerId}::uuid order by d.day`,
        )
        .then(rowsOf<{ social_account_id: string; day: string; followers: string | null; provenance: string }>),
      db
        .execute(
          sql`select (date_trunc('week', pm.post_date at time zone 'UTC'))::date::text as week, count(*)::int as posts, ${er} as er ${postsOf} group by 1 order by 1`,
        )
        .then(rowsOf<{ week: string; posts: number; er: number | null }>),
      db.execute(influencerPostsSql(orgId, input.influencerId, INFLUENCER_POSTS_LIMIT)).then(rowsOf<Record<string, unknown>>),
      db
        .execute(sql`select count(*)::int as posts, count(pm.published_at)::int as with_publish_time ${postsOf}`)
        .then(rowsOf<{ posts: number; with_publish_time: number }>),
      groups(sql`coalesce(p.media_type::text, 'unknown')`),
      db
        .execute(
          sql`select lower(t.tag) as key, count(*)::int as posts, ${er} as er
            from social_accounts sa
            join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
            join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
            cross join lateral unnest(p.tags) as t(tag)
            where sa.influencer_id = ${input.influencerId}::uuid
            group by 1 having count(*) >= 2 order by 3 desc nulls last, 2 desc limit 12`,
        )
        .then(rowsOf<Group>),
      groups(sql`extract(isodow from pm.published_at at time zone 'UTC')::int::text`, sql`and pm.published_at is not null`),
      groups(sql`lpad(extract(hour from pm.published_at at time zone 'UTC')::int::text, 2, '0')`, sql`and pm.published_at is not null`),
      // The creator's platform connections (status only): brands see when first-party data stopped.
      db
        .execute(
          sql`select platform::text as platform, handle, status::text as status, status_since from platform_connections
          where influencer_id = ${input.influencerId}::uuid and status <> 'revoked' order by platform, handle`,
        )
        .then(
          rowsOf<{ platform: string; handle: string; status: 'connected' | 'expiring' | 'reauth_required'; status_since: string | Date }>,
        ),
      // Each account's latest audience capture (shared first-party data), withheld part last.
      db
        .execute(
          sql`select a.social_account_id, sa.platform::text as platform, sa.handle, a.breakdown, a.bucket, a.count, a.share, a.source, a.captured_on::text as captured_on
          from audience_demographics a join social_accounts sa on sa.id = a.social_account_id
          where sa.influencer_id = ${input.influencerId}::uuid
            and a.captured_on = (select max(b.captured_on) from audience_demographics b where b.social_account_id = a.social_account_id)
          order by sa.platform, sa.handle, a.breakdown, a.bucket is null, a.share desc, a.bucket`,
        )
        .then(
          rowsOf<{
            social_account_id: string;
            platform: string;
            handle: string;
            breakdown: 'age' | 'gender' | 'country' | 'city';
            bucket: string | null;
            count: string | null;
            share: number;
            source: string;
            captured_on: string;
          }>,
        ),
      // Each account's latest 200 posts (publish time, engagements) for its credibility signals.
      db
        .execute(
          sql`select social_account_id, published_at, engagements from (
          select pm.social_account_id, pm.published_at, pm.engagements,
            row_number() over (partition by pm.social_account_id order by pm.post_date desc) as n
          from social_accounts sa join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
          where sa.influencer_id = ${input.influencerId}::uuid) p where n <= 200`,
        )
        .then(rowsOf<{ social_account_id: string; published_at: string | Date | null; engagements: string | null }>),
    ]);
  // Peer bands: per platform and follower tier of the influencer's accounts, the organization's
  // other accounts there (at most 2,000, largest first) with their engagement rate and comments ÷ likes.
  const TIER_ORDER: Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega'];
  const bandOf = (platform: string, followers: number | null) => {
    const tier = tierOf(followers, thresholds);
    if (!tier) return null;
    const next = TIER_ORDER[TIER_ORDER.indexOf(tier) + 1];
    return { platform, tier, min: thresholds[tier], max: next ? thresholds[next] : null };
  };
  const bands = new Map<string, NonNullable<ReturnType<typeof bandOf>>>();
  for (const a of accounts) {
    const b = bandOf(String(a.platform), num(a.followers as string | null));
    if (b) bands.set(`${b.platform}|${b.tier}`, b);
  }
  const peerRows = new Map<string, { id: string; er: number | null; cpl: number | null }[]>();
  for (const [key, b] of bands)
    peerRows.set(
      key,
      rowsOf<{ id: string; er: number | null; cpl: number | null }>(
        await db.execute(sql`
          select sa.id, coalesce(am.engagement_rate_by_followers, am.reported_engagement_rate) as er, am.comments_per_like as cpl
          from account_metrics am join social_accounts sa on sa.id = am.social_account_id
          where am.owner_org_id = ${orgId}::uuid and sa.platform = ${b.platform}::platform and am.followers >= ${b.min}
            ${b.max === null ? sql`` : sql`and am.followers < ${b.max}`}
          order by am.followers desc limit 2000`),
      ).map((r) => ({ id: r.id, er: num(r.er), cpl: num(r.cpl) })),
    );
  const historyOf = (id: string) =>
    history.filter((h) => h.social_account_id === id).map((h) => ({ day: h.day, followers: num(h.followers), provenance: h.provenance }));
  const group = (g: Group): ContentGroup => ({ key: g.key, posts: g.posts, medianEngagementRate: num(g.er) });
  const signalsOf = (
    id: string,
    history: { day: string; followers: number | null }[],
    band: ReturnType<typeof bandOf>,
    er: number | null,
  ): AccountAnalytics['signals'] => {
    const own = signalPosts.filter((p) => p.social_account_id === id);
    const points = history.filter((h): h is { day: string; followers: number } => h.followers !== null);
    const growth = followerGrowthSignal(
      points,
      own.flatMap((p) => (p.published_at ? [new Date(p.published_at).toISOString()] : [])),
    );
    const dailyChanges = points.slice(1).map((p, i) => {
      const gap = Math.max(1, Math.round((Date.parse(p.day) - Date.parse(points[i].day)) / 86_400_000));
      return { day: p.day, change: (p.followers - points[i].followers) / gap };
    });
    const peers = band ? (peerRows.get(`${band.platform}|${band.tier}`) ?? []) : [];
    const self = peers.find((p) => p.id === id);
    const others = peers.filter((p) => p.id !== id);
    const noBand = { status: 'insufficient' as const, needed: 'the account’s followers, to place it in a tier', have: 'none' };
    return {
      growth,
      dailyChanges,
      concentration: engagementConcentrationSignal(own.map((p) => num(p.engagements))),
      engagementsByPost: own
        .map((p) => num(p.engagements))
        .filter((v): v is number => v !== null)
        .sort((a, b) => b - a),
      band,
      engagementRate: band
        ? peerSignal(
            er,
            others.map((p) => p.er),
          )
        : noBand,
      commentsPerLike: band
        ? peerSignal(
            self?.cpl ?? null,
            others.map((p) => p.cpl),
          )
        : noBand,
    };
  };
  const accountRows: AccountAnalytics[] = accounts.map((a) => ({
    socialAccountId: String(a.id),
    platform: String(a.platform),
    handle: String(a.handle),
    displayName: (a.display_name as string | null) ?? null,
    url: (a.url as string | null) ?? null,
    followers: num(a.followers as string | null),
    followersCapturedAt: a.followers_captured_at ? new Date(a.followers_captured_at as string).toISOString() : null,
    growth30d: followerGrowth(num(a.followers_30d_ago as string | null), num(a.followers as string | null)),
    reportedEngagementRate: num(a.reported_engagement_rate as number | null),
    engagementRateByFollowers: num(a.engagement_rate_by_followers as number | null),
    engagementRateByViews: num(a.engagement_rate_by_views as number | null),
    medianViews: num(a.median_views as number | null),
    postsTracked: Number(a.posts_tracked),
    posts90d: Number(a.posts_90d),
    followerHistory: historyOf(String(a.id)),
    signals: signalsOf(
      String(a.id),
      historyOf(String(a.id)),
      bandOf(String(a.platform), num(a.followers as string | null)),
      num(a.engagement_rate_by_followers as number | null) ?? num(a.reported_engagement_rate as number | null),
    ),
    reported: a.reported_at
      ? {
          avgLikes: num(a.avg_likes as string | null),
          postsCount: num(a.posts_count as string | null),
          totalLikes: num(a.total_likes as string | null),
          totalViews: num(a.total_views as string | null),
          following: num(a.following as string | null),
          capturedAt: new Date(a.reported_at as string).toISOString(),
          provenance: String(a.reported_provenance),
        }
      : null,
    firstParty: a.first_party_at
      ? {
          capturedAt: new Date(a.first_party_at as string).toISOString(),
          medianReach: num(a.median_reach as number | null),
          postsWithReach: Number(a.posts_with_reach),
        }
      : null,
    periodInsights: a.period_end
      ? {
          start: String(a.period_start),
          end: String(a.period_end),
          reach: num(a.period_reach as string | null),
          views: num(a.period_views as string | null),
          accountsEngaged: num(a.period_engaged as string | null),
          totalInteractions: num(a.period_interactions as string | null),
        }
      : null,
    channelInsights: Number(a.insight_days)
      ? {
          views: num(a.insight_views as string | null),
          watchMinutes: num(a.insight_watch_minutes as string | null),
          subscribersGained: num(a.insight_gained as string | null),
          subscribersLost: num(a.insight_lost as string | null),
          paidSubscribers: num(a.paid_subscribers as string | null),
          subscriberPoints: num(a.subscriber_points as string | null),
          days: Number(a.insight_days),
          lastDay: String(a.insight_last_day),
        }
      : null,
  }));
  const audience = new Map<string, AccountAudience>();
  for (const r of audienceRows) {
    let acc = audience.get(r.social_account_id);
    if (!acc) {
      acc = {
        socialAccountId: r.social_account_id,
        platform: r.platform,
        handle: r.handle,
        capturedOn: r.captured_on,
        sources: [],
        age: [],
        gender: [],
        country: [],
        city: [],
      };
      audience.set(r.social_account_id, acc);
    }
    acc[r.breakdown]?.push({ bucket: r.bucket, share: Number(r.share), count: num(r.count) });
    if (!acc.sources.includes(r.source)) acc.sources.push(r.source);
  }
  const totalFollowers = accountRows.some((a) => a.followers !== null) ? accountRows.reduce((s, a) => s + (a.followers ?? 0), 0) : null;
  return {
    access,
    influencer: {
      id: String(inf.id),
      name: String(inf.display_name),
      category: (inf.category as string | null) ?? null,
      country: (inf.country as string | null) ?? null,
      bio: (inf.bio as string | null) ?? null,
      claimed: inf.user_id !== null,
      verified: inf.verified_at !== null,
      rateMinor: num(inf.rate_minor as string | null),
      rateCurrency: (inf.rate_currency as string | null) ?? null,
      connections: connections.map((c) => ({ platform: c.platform, handle: c.handle, status: c.status, since: new Date(c.status_since) })),
    },
    tier: tierOf(totalFollowers, thresholds),
    accounts: accountRows,
    audience: [...audience.values()],
    engagementTrend: trend.map((t) => ({ week: t.week, posts: t.posts, medianEngagementRate: num(t.er) })),
    posts: posts.map(toPostRow),
    postCount: counts.posts,
    content: {
      byMediaType: byMedia.map(group),
      byTag: byTag.map(group),
      byWeekday: byWeekday.map((g) => group({ ...g, key: WEEKDAYS[Number(g.key) - 1] })),
      byHour: byHour.map((g) => group({ ...g, key: `${g.key}:00` })),
      postsWithPublishTime: counts.with_publish_time,
    },
  };
}
