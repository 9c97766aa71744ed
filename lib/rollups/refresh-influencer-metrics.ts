import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray } from '@/db/sql';

/**
 * Recomputes `influencer_metrics` (the roster rows) from `account_metrics` for one owner's
 * influencers (`ownerOrgId` with `influencerIds`, or "all" of its influencers), or for the given
 * influencers under every owner (no `ownerOrgId`: after a claim moves accounts between profiles).
 * Per influencer and owner:
 * - followers = Σ latest followers over the accounts where known (null when none is);
 * - growth30d = (Σ followers now − Σ followers 30 days before) ÷ Σ followers 30 days before, over
 *   the accounts with both (lib/metrics `followerGrowth`);
 * - engagement rate, its basis, median views and posts per week of the primary account (most
 *   followers, then most posts, then handle): by followers, else as reported, else by views — or by
 *   views first where the owner's metric settings prefer views (lib/metrics/settings)
 *   (lib/metrics/definitions "engagementRate"); posts per week over the days the account's posts
 *   of the last 90 days cover (lib/metrics/definitions postingFrequency).
 * - engagementCv = the highest engagement concentration (CV) over the accounts judged.
 * An influencer left without accounts under an owner loses its row. Rows are written in key order,
 * so concurrent refreshes of overlapping influencers wait rather than deadlock. Idempotent. Runs in
 * the caller's transaction.
 */
export async function refreshInfluencerMetrics(
  tx: Tx | Db,
  scope: { ownerOrgId: string; influencerIds: string[] | 'all' } | { ownerOrgId?: undefined; influencerIds: string[] },
): Promise<void> {
  const { ownerOrgId, influencerIds } = scope;
  if (influencerIds !== 'all' && influencerIds.length === 0) return;
  const on = (alias: string) => {
    const parts: SQL[] = [];
    if (ownerOrgId) parts.push(sql`${sql.raw(alias)}.owner_org_id = ${ownerOrgId}::uuid`);
    else parts.push(sql`${sql.raw(alias)}.owner_org_id is not null`);
    if (influencerIds !== 'all') parts.push(sql`${sql.raw(alias)}.influencer_id = any(${pgArray(influencerIds)}::uuid[])`);
    return sql.join(parts, sql` and `);
  };
  await tx.execute(sql`
    with acc as (
      select am.*, sa.platform::text as platform, sa.handle,
        row_number() over (partition by am.owner_org_id, am.influencer_id
          order by am.followers desc nulls last, am.posts_tracked desc, sa.handle) as rn
      from account_metrics am join social_accounts sa on sa.id = am.social_account_id
      where ${on('am')}
    ),
    per_influencer as (
      select owner_org_id, influencer_id,
        sum(followers) as followers,
        sum(followers) filter (where followers_30d_ago is not null) as followers_now_with_past,
        sum(followers_30d_ago) as followers_past,
        array_agg(platform order by rn) as platforms,
        string_agg(handle, ' ' order by rn) as handles,
        jsonb_agg(jsonb_build_object('platform', platform, 'handle', handle) order by rn) as accounts,
        max(followers_captured_at) as captured_at,
        max(engagement_cv) as engagement_cv
      from acc group by owner_org_id, influencer_id
    )
    insert into influencer_metrics (owner_org_id, influencer_id, followers, followers_now_with_past, followers_past, growth_30d,
      platforms, handles, accounts, captured_at, engagement_rate, engagement_rate_basis, median_views, posts_per_week, engagement_cv)
    select pi.owner_org_id, pi.influencer_id, pi.followers, pi.followers_now_with_past, pi.followers_past,
      (pi.followers_now_with_past - pi.followers_past)::float8 / nullif(pi.followers_past, 0),
      pi.platforms, pi.handles, pi.accounts, pi.captured_at,
      case when o.engagement_rate_basis = 'views'
        then coalesce(pa.engagement_rate_by_views, pa.engagement_rate_by_followers, pa.reported_engagement_rate)
        else coalesce(pa.engagement_rate_by_followers, pa.reported_engagement_rate, pa.engagement_rate_by_views) end,
      case when o.engagement_rate_basis = 'views' and pa.engagement_rate_by_views is not null then 'views'
           when pa.engagement_rate_by_followers is not null then 'followers'
           when pa.reported_engagement_rate is not null then 'reported'
           when pa.engagement_rate_by_views is not null then 'views' end,
      pa.median_views,
      case when pa.posts_90d >= 2 and pa.last_post_at - pa.first_post_in_90d_at >= interval '6 days'
        then pa.posts_90d / (least(90, extract(epoch from pa.last_post_at - pa.first_post_in_90d_at) / 86400 + 1) / 7.0) end,
      pi.engagement_cv
    from per_influencer pi
    join acc pa on pa.owner_org_id = pi.owner_org_id and pa.influencer_id = pi.influencer_id and pa.rn = 1
    join organizations o on o.id = pi.owner_org_id
    order by pi.owner_org_id, pi.influencer_id
    on conflict (owner_org_id, influencer_id) do update set
      followers = excluded.followers, followers_now_with_past = excluded.followers_now_with_past,
      followers_past = excluded.followers_past, growth_30d = excluded.growth_30d, platforms = excluded.platforms,
      handles = excluded.handles, accounts = excluded.accounts, captured_at = excluded.captured_at,
      engagement_rate = excluded.engagement_rate, engagement_rate_basis = excluded.engagement_rate_basis,
      median_views = excluded.median_views, posts_per_week = excluded.posts_per_week, engagement_cv = excluded.engagement_cv`);
  await tx.execute(sql`
    delete from influencer_metrics im
    where ${on('im')}
      and not exists (select 1 from account_metrics am where am.owner_org_id = im.owner_org_id and am.influencer_id = im.influencer_id)`);
}
