import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';

/**
 * Recomputes an organization's period rollups from its per-post and per-account rollups, for the
 * days from `fromDay` (UTC, `YYYY-MM-DD`) on, or for all days when `fromDay` is null:
 * - `org_daily_post_metrics`: per day and revenue currency, totals over posts dated that day
 *   (`post_metrics.post_date`) with their latest values;
 * - `org_daily_follower_metrics`: per day, Σ (followers − the account's previous known
 *   followers) over the account captures of that day;
 * - `influencer_monthly_metrics`: per influencer and month, totals over posts dated that month
 *   (from the first day of `fromDay`'s month).
 * Callers pass the earliest day their writes touched: an import job passes the earliest post
 * date or capture day it wrote. A capture changes the follower change of the account's next
 * capture too, which is on a later day, so recomputing from the earliest day is enough.
 * Serialised per organization (transaction-scoped advisory lock) so two jobs completing at once
 * cannot both insert. Idempotent. Runs in the caller's transaction.
 */
export async function refreshOrgMetrics(tx: Tx | Db, orgId: string, fromDay: string | null): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org-rollups:' || ${orgId}))`);
  const from = fromDay === null ? sql`null::date` : sql`${fromDay}::date`;
  await tx.execute(sql`delete from org_daily_post_metrics where owner_org_id = ${orgId}::uuid and (${from} is null or day >= ${from})`);
  await tx.execute(sql`
    insert into org_daily_post_metrics (owner_org_id, day, revenue_currency, posts, views, views_n, reach, reach_n, impressions,
      impressions_n, engagements, engagements_n, er_engagements, er_views, conversions, conversions_n, revenue_minor, revenue_n)
    select ${orgId}::uuid, (post_date at time zone 'UTC')::date, revenue_currency, count(*), sum(views), count(views), sum(reach), count(reach),
      sum(impressions), count(impressions), sum(engagements), count(engagements),
      sum(engagements) filter (where views is not null), sum(views) filter (where engagements is not null),
      sum(conversions), count(conversions), sum(revenue_minor), count(revenue_minor)
    from post_metrics
    where owner_org_id = ${orgId}::uuid and (${from} is null or post_date >= ${from}::timestamp at time zone 'UTC')
    group by 2, 3`);
  await tx.execute(sql`delete from org_daily_follower_metrics where owner_org_id = ${orgId}::uuid and (${from} is null or day >= ${from})`);
  await tx.execute(sql`
    insert into org_daily_follower_metrics (owner_org_id, day, follower_change, changes)
    select ${orgId}::uuid, day, sum(change), count(*)
    from (
      select d.day, d.followers - lag(d.followers) over (partition by d.social_account_id order by d.day) as change
      from account_daily_metrics d
      where d.owner_org_id = ${orgId}::uuid and d.followers is not null
        and (${from} is null or d.social_account_id in (
          select social_account_id from account_daily_metrics where owner_org_id = ${orgId}::uuid and day >= ${from} and followers is not null))
    ) c
    where change is not null and (${from} is null or day >= ${from})
    group by day`);
  const fromMonth = fromDay === null ? sql`null::date` : sql`date_trunc('month', ${fromDay}::date)::date`;
  await tx.execute(
    sql`delete from influencer_monthly_metrics where owner_org_id = ${orgId}::uuid and (${fromMonth} is null or month >= ${fromMonth})`,
  );
  await tx.execute(sql`
    insert into influencer_monthly_metrics (owner_org_id, influencer_id, month, posts, views, engagements, er_engagements, er_views)
    select ${orgId}::uuid, sa.influencer_id, date_trunc('month', pm.post_date at time zone 'UTC')::date, count(*), sum(pm.views), sum(pm.engagements),
      sum(pm.engagements) filter (where pm.views is not null), sum(pm.views) filter (where pm.engagements is not null)
    from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
    where pm.owner_org_id = ${orgId}::uuid and (${fromMonth} is null or pm.post_date >= ${fromMonth}::timestamp at time zone 'UTC')
    group by 2, 3`);
}
