import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import { refreshInfluencerMetrics } from './refresh-influencer-metrics';

/**
 * Recomputes `account_metrics` (the roster's per-account summary) of one owner for the given
 * social accounts, or for every account the owner has rollups of when `accountIds` is "all",
 * from `account_daily_metrics` and `post_metrics` (never from raw snapshots):
 * - followers: the latest known value and its capture time; followers30dAgo: the last known value
 *   at least 30 days before it (for growth, lib/metrics `followerGrowth`);
 * - posts90d, medianViews, medianEngagements: over posts dated (post_date: published, else first
 *   captured) in the 90 days up to the account's latest post;
 * - engagementRateByViews = median over those posts of engagements / views;
 * - engagementRateByFollowers = medianEngagements / followers (lib/metrics `engagementRate`,
 *   base "followers", with the per-post median as engagements);
 * - engagementCv = population sd ÷ mean of engagements over the latest 200 posts (of those, the
 *   ones with engagements), with at least 10 and a total above 0 (lib/metrics/credibility
 *   `engagementConcentrationSignal`'s coefficient of variation);
 * - commentsPerLike = Σ comments ÷ Σ likes over its posts with both known (credibility peer bands).
 * Then the roster rows (`influencer_metrics`) of the influencers these accounts belonged to and
 * belong to now. Unknown inputs give null, never 0. Idempotent. Runs in the caller's transaction.
 */
export async function refreshAccountMetrics(tx: Tx | Db, ownerOrgId: string, accountIds: string[] | 'all'): Promise<void> {
  if (accountIds !== 'all' && accountIds.length === 0) return;
  const accounts =
    accountIds === 'all'
      ? sql`(select social_account_id from account_daily_metrics where owner_org_id = ${ownerOrgId}::uuid
             union select social_account_id from post_metrics where owner_org_id = ${ownerOrgId}::uuid)`
      : sql`(select unnest(${pgArray(accountIds)}::uuid[]) as social_account_id)`;
  // The influencers before the refresh: an account that moved to another profile leaves its old one.
  const before =
    accountIds === 'all'
      ? []
      : rowsOf<{ influencer_id: string }>(
          await tx.execute(sql`
            select distinct influencer_id from account_metrics
            where owner_org_id = ${ownerOrgId}::uuid and social_account_id = any(${pgArray(accountIds)}::uuid[])`),
        ).map((r) => r.influencer_id);
  await tx.execute(sql`
    insert into account_metrics (owner_org_id, social_account_id, influencer_id, followers, followers_captured_at, followers_30d_ago,
      reported_engagement_rate, posts_tracked, posts_90d, median_views, median_engagements, engagement_rate_by_views,
      engagement_rate_by_followers, engagement_cv, comments_per_like, last_post_at, first_post_in_90d_at, refreshed_at)
    select ${ownerOrgId}::uuid, sa.id, sa.influencer_id, lf.followers, lf.captured_at, old.followers, rer.reported_engagement_rate,
      coalesce(pc.tracked, 0), coalesce(pr.recent, 0), pr.median_views, pr.median_engagements, pr.er_views,
      pr.median_engagements / nullif(lf.followers, 0), conc.cv, pc.comments_per_like, pc.last_post_at, pr.first_post_at, now()
    from ${accounts} as wanted
    join social_accounts sa on sa.id = wanted.social_account_id
    left join lateral (
      select d.followers, d.captured_at, d.day from account_daily_metrics d
      where d.social_account_id = sa.id and d.owner_org_id = ${ownerOrgId}::uuid and d.followers is not null
      order by d.day desc limit 1) lf on true
    left join lateral (
      select d.followers from account_daily_metrics d
      where d.social_account_id = sa.id and d.owner_org_id = ${ownerOrgId}::uuid and d.followers is not null and d.day <= lf.day - 30
      order by d.day desc limit 1) old on true
    left join lateral (
      select d.reported_engagement_rate from account_daily_metrics d
      where d.social_account_id = sa.id and d.owner_org_id = ${ownerOrgId}::uuid and d.reported_engagement_rate is not null
      order by d.day desc limit 1) rer on true
    left join lateral (
      select count(*)::int as tracked, max(pm.post_date) as last_post_at,
        sum(pm.comments) filter (where pm.likes is not null and pm.comments is not null)::float8
          / nullif(sum(pm.likes) filter (where pm.likes is not null and pm.comments is not null), 0) as comments_per_like
      from post_metrics pm
      where pm.social_account_id = sa.id and pm.owner_org_id = ${ownerOrgId}::uuid) pc on true
    left join lateral (
      select count(*)::int as recent, min(pm.post_date) as first_post_at,
        percentile_cont(0.5) within group (order by pm.views) as median_views,
        percentile_cont(0.5) within group (order by pm.engagements) as median_engagements,
        percentile_cont(0.5) within group (order by pm.engagements::float8 / nullif(pm.views, 0)) as er_views
      from post_metrics pm
      where pm.social_account_id = sa.id and pm.owner_org_id = ${ownerOrgId}::uuid
        and pm.post_date > pc.last_post_at - interval '90 days') pr on true
    left join lateral (
      select case when count(*) >= 10 and sum(e) > 0 then stddev_pop(e) / avg(e) end as cv
      from (select pm.engagements::float8 as e from post_metrics pm
            where pm.social_account_id = sa.id and pm.owner_org_id = ${ownerOrgId}::uuid
            order by pm.post_date desc limit 200) latest
      where e is not null and e >= 0) conc on true
    on conflict (social_account_id, owner_org_id) do update set
      influencer_id = excluded.influencer_id, followers = excluded.followers, followers_captured_at = excluded.followers_captured_at,
      followers_30d_ago = excluded.followers_30d_ago, reported_engagement_rate = excluded.reported_engagement_rate,
      posts_tracked = excluded.posts_tracked, posts_90d = excluded.posts_90d, median_views = excluded.median_views,
      median_engagements = excluded.median_engagements, engagement_rate_by_views = excluded.engagement_rate_by_views,
      engagement_rate_by_followers = excluded.engagement_rate_by_followers, engagement_cv = excluded.engagement_cv, comments_per_like = excluded.comments_per_like, last_post_at = excluded.last_post_at,
      first_post_in_90d_at = excluded.first_post_in_90d_at, refreshed_at = excluded.refreshed_at`);
  if (accountIds === 'all') return refreshInfluencerMetrics(tx, { ownerOrgId, influencerIds: 'all' });
  const after = rowsOf<{ influencer_id: string }>(
    await tx.execute(sql`select distinct influencer_id from social_accounts where id = any(${pgArray(accountIds)}::uuid[])`),
  ).map((r) => r.influencer_id);
  await refreshInfluencerMetrics(tx, { ownerOrgId, influencerIds: [...new Set([...before, ...after])] });
}
