import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';

/**
 * Per UTC post day and revenue currency, the `org_daily_post_metrics` columns over the
 * `post_metrics` rows (alias `pm`) of `orgId` that
 * `where` keeps: the rollup's own definition, also read directly where a view covers only some
 * accounts (a creator workspace's own accounts).
 */
export function dailyPostTotalsSql(orgId: string, where: SQL): SQL {
  return sql`
    select (pm.post_date at time zone 'UTC')::date as day, pm.revenue_currency, count(*)::int as posts,
      sum(pm.views) as views, count(pm.views)::int as views_n, sum(pm.reach) as reach, count(pm.reach)::int as reach_n,
      sum(pm.impressions) as impressions, count(pm.impressions)::int as impressions_n,
      sum(pm.engagements) as engagements, count(pm.engagements)::int as engagements_n,
      count(pm.likes)::int as likes_n, count(pm.comments)::int as comments_n, count(pm.shares)::int as shares_n, count(pm.saves)::int as saves_n,
      sum(pm.engagements) filter (where pm.views is not null) as er_engagements, sum(pm.views) filter (where pm.engagements is not null) as er_views,
      sum(pm.conversions) as conversions, count(pm.conversions)::int as conversions_n,
      sum(pm.revenue_minor) as revenue_minor, count(pm.revenue_minor)::int as revenue_n
    from post_metrics pm
    where pm.owner_org_id = ${orgId}::uuid and ${where}
    group by 1, 2`;
}

/**
 * Per UTC day, the `org_daily_follower_metrics` columns over the follower captures of `orgId`'s
 * accounts that `accounts` keeps (a condition on `d.social_account_id`): Σ (followers − the
 * account's previous known followers) and how many captures changed. Shared like
 * {@link dailyPostTotalsSql}.
 */
export function dailyFollowerChangesSql(orgId: string, accounts: SQL, fromDay: SQL = sql`null::date`): SQL {
  return sql`
    select day, sum(change) as follower_change, count(*)::int as changes
    from (
      select d.day, d.followers - lag(d.followers) over (partition by d.social_account_id order by d.day) as change
      from account_daily_metrics d
      where d.owner_org_id = ${orgId}::uuid and d.followers is not null and ${accounts}
    ) c
    where change is not null and (${fromDay} is null or day >= ${fromDay})
    group by day`;
}

/**
 * Inserts `org_daily_post_metrics` rows of an organization from the `post_metrics` rows (alias
 * `pm`) that `where` keeps, one per UTC post day and revenue currency. The caller deleted the days first.
 */
function insertDailyPostRows(tx: Tx | Db, orgId: string, where: SQL) {
  return tx.execute(sql`
    insert into org_daily_post_metrics (owner_org_id, day, revenue_currency, posts, views, views_n, reach, reach_n, impressions,
      impressions_n, engagements, engagements_n, likes_n, comments_n, shares_n, saves_n, er_engagements, er_views, conversions, conversions_n,
      revenue_minor, revenue_n)
    select ${orgId}::uuid, t.* from (${dailyPostTotalsSql(orgId, where)}) t`);
}

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
  await insertDailyPostRows(tx, orgId, sql`(${from} is null or pm.post_date >= ${from}::timestamp at time zone 'UTC')`);
  await tx.execute(sql`delete from org_daily_follower_metrics where owner_org_id = ${orgId}::uuid and (${from} is null or day >= ${from})`);
  const changedAccounts = sql`(${from} is null or d.social_account_id in (
    select social_account_id from account_daily_metrics where owner_org_id = ${orgId}::uuid and day >= ${from} and followers is not null))`;
  await tx.execute(sql`
    insert into org_daily_follower_metrics (owner_org_id, day, follower_change, changes)
    select ${orgId}::uuid, t.* from (${dailyFollowerChangesSql(orgId, changedAccounts, from)}) t`);
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

/**
 * What a job changed, for {@link refreshOrgMetricsFor}: UTC days (`YYYY-MM-DD`) of posts whose
 * latest values changed, days of account captures that changed a day's latest capture, and the
 * accounts of either.
 */
export type RollupScope = { postDays: string[]; captureDays: string[]; accounts: string[] };

/**
 * Recomputes only the period rollup rows a job's writes can have changed, where
 * {@link refreshOrgMetrics} recomputes every day from the earliest one:
 * - `org_daily_post_metrics`: the rows of `postDays`;
 * - `org_daily_follower_metrics`: the rows of `captureDays`, and of each changed account's next
 *   capture day after one of them (its follower change is measured against the changed capture);
 * - `influencer_monthly_metrics`: the months of `postDays`, for the influencers of `accounts`.
 * Same lock and results as the full refresh on the rows it touches. Runs in the caller's transaction.
 */
export async function refreshOrgMetricsFor(tx: Tx | Db, orgId: string, scope: RollupScope): Promise<void> {
  if (scope.postDays.length === 0 && scope.captureDays.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org-rollups:' || ${orgId}))`);
  if (scope.postDays.length) {
    const days = sql`${pgArray(scope.postDays)}::date[]`;
    const sorted = [...scope.postDays].sort();
    const [first, last] = [sorted[0], sorted[sorted.length - 1]];
    await tx.execute(sql`delete from org_daily_post_metrics where owner_org_id = ${orgId}::uuid and day = any(${days})`);
    // One range scan of the covering (owner, post_date) index from the first to the last day,
    // keeping the days of the set (a join per day made the planner loop: 1 s for 300 days).
    await insertDailyPostRows(
      tx,
      orgId,
      sql`pm.post_date >= ${first}::timestamp at time zone 'UTC' and pm.post_date < (${last}::date + 1)::timestamp at time zone 'UTC'
        and (pm.post_date at time zone 'UTC')::date = any(${days})`,
    );
    const months = sql`(select distinct date_trunc('month', day)::date from unnest(${days}) as d(day))`;
    const influencers = sql`(select distinct influencer_id from social_accounts where id = any(${pgArray(scope.accounts)}::uuid[]))`;
    await tx.execute(sql`
      delete from influencer_monthly_metrics
      where owner_org_id = ${orgId}::uuid and month in ${months} and influencer_id in ${influencers}`);
    await tx.execute(sql`
      insert into influencer_monthly_metrics (owner_org_id, influencer_id, month, posts, views, engagements, er_engagements, er_views)
      select ${orgId}::uuid, sa.influencer_id, m.month, count(*), sum(pm.views), sum(pm.engagements),
        sum(pm.engagements) filter (where pm.views is not null), sum(pm.views) filter (where pm.engagements is not null)
      from ${months} as m(month)
      join social_accounts sa on sa.influencer_id in ${influencers}
      join post_metrics pm on pm.owner_org_id = ${orgId}::uuid and pm.social_account_id = sa.id
        and pm.post_date >= m.month::timestamp at time zone 'UTC' and pm.post_date < (m.month + interval '1 month')::timestamp at time zone 'UTC'
      group by sa.influencer_id, m.month`);
  }
  if (scope.captureDays.length) {
    const changed = sql`${pgArray(scope.captureDays)}::date[]`;
    // The changed days, and each changed account's first capture after one of them.
    const affected = sql`(
      select day from unnest(${changed}) as c(day)
      union
      select (select min(d.day) from account_daily_metrics d
              where d.social_account_id = a.id and d.owner_org_id = ${orgId}::uuid and d.day > c.day and d.followers is not null)
      from unnest(${pgArray(scope.accounts)}::uuid[]) as a(id), unnest(${changed}) as c(day))`;
    const [{ days }] = rowsOf<{ days: string[] }>(
      await tx.execute(sql`select coalesce(array_agg(day::text), '{}') as days from ${affected} x where day is not null`),
    );
    const affectedDays = sql`${pgArray(days)}::date[]`;
    await tx.execute(sql`delete from org_daily_follower_metrics where owner_org_id = ${orgId}::uuid and day = any(${affectedDays})`);
    await tx.execute(sql`
      insert into org_daily_follower_metrics (owner_org_id, day, follower_change, changes)
      select ${orgId}::uuid, day, sum(change), count(*)
      from (
        select d.day, d.followers - (
          select p.followers from account_daily_metrics p
          where p.social_account_id = d.social_account_id and p.owner_org_id = d.owner_org_id and p.day < d.day and p.followers is not null
          order by p.day desc limit 1) as change
        from account_daily_metrics d
        where d.owner_org_id = ${orgId}::uuid and d.day = any(${affectedDays}) and d.followers is not null
      ) c
      where change is not null
      group by day`);
  }
}
