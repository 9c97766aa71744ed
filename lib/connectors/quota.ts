import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import { ConnectorError, type Platform, type QuotaGuard } from './types';

const PACIFIC = 'America/Los_Angeles';

/** The quota day (YYYY-MM-DD, Pacific time) `now` falls in: YouTube resets quotas at midnight Pacific. */
export function pacificDay(now: Date): string {
  const d = new TZDate(now, PACIFIC);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The next midnight Pacific time after `now`, as an instant (08:00 UTC in winter, 07:00 UTC in summer). */
export function nextPacificMidnight(now: Date): Date {
  return new Date(startOfDay(addDays(new TZDate(now, PACIFIC), 1)).getTime());
}

/**
 * A quota guard backed by `connector_quota_usage`: each call's units are added to the platform's
 * quota day only if the total stays within `dailyBudget`, in one statement, so concurrent jobs and
 * instances never overspend. When it would not, throws ConnectorError('quota_exhausted') with the
 * reset time, before the call is made. The units are also recorded against each organization of
 * `chargeTo` (`connector_quota_org_usage`), whose shares {@link organizationsWithinShare} checks.
 */
export function dailyQuotaGuard(
  db: Db | Tx,
  platform: Platform,
  dailyBudget: number,
  clock: () => Date = () => new Date(),
  chargeTo: string[] = [],
): QuotaGuard {
  return {
    async spend(units, call) {
      const now = clock();
      const day = pacificDay(now);
      const rows = rowsOf<{ units_used: number }>(
        await db.execute(sql`
          insert into connector_quota_usage (platform, day, units_used)
          select ${platform}::platform, ${day}::date, ${units}::int where ${units}::int <= ${dailyBudget}::int
          on conflict (platform, day) do update set units_used = connector_quota_usage.units_used + excluded.units_used
            where connector_quota_usage.units_used + excluded.units_used <= ${dailyBudget}::int
          returning units_used`),
      );
      if (rows.length === 0)
        throw new ConnectorError(
          'quota_exhausted',
          `${platform} quota exhausted for today (${call} refused before the call)`,
          nextPacificMidnight(now),
        );
      if (chargeTo.length && units > 0)
        await db.execute(sql`
          insert into connector_quota_org_usage (platform, day, org_id, units_used)
          select ${platform}::platform, ${day}::date, o, ${units}::int from unnest(${pgArray(chargeTo)}::uuid[]) as o
          on conflict (platform, day, org_id) do update set units_used = connector_quota_org_usage.units_used + excluded.units_used`);
    },
  };
}

/**
 * Each organization's fair share of a platform's daily budget: the budget divided by the number
 * of organizations tracking accounts on the platform (at least one), in whole units.
 */
async function quotaShare(db: Db | Tx, platform: Platform, dailyBudget: number): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(distinct t.org_id)::int as n from tracked_accounts t join social_accounts sa on sa.id = t.social_account_id
      where sa.platform = ${platform}::platform`),
  );
  return Math.floor(dailyBudget / Math.max(1, row?.n ?? 0));
}

/**
 * The organizations of `orgIds` whose units spent today on `platform`, plus `cost`, stay within
 * their share ({@link quotaShare}): only they may have a refresh fetched for them now.
 */
export async function organizationsWithinShare(
  db: Db | Tx,
  platform: Platform,
  dailyBudget: number,
  orgIds: string[],
  cost: number,
  now = new Date(),
): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const share = await quotaShare(db, platform, dailyBudget);
  const used = rowsOf<{ org_id: string; units_used: number }>(
    await db.execute(sql`
      select org_id, units_used from connector_quota_org_usage
      where platform = ${platform}::platform and day = ${pacificDay(now)}::date and org_id = any(${pgArray(orgIds)}::uuid[])`),
  );
  const spent = new Map(used.map((u) => [u.org_id, u.units_used]));
  return orgIds.filter((id) => (spent.get(id) ?? 0) + cost <= share);
}

/** Units spent today (Pacific quota day) on a platform. */
export async function quotaUsedToday(db: Db | Tx, platform: Platform, now = new Date()): Promise<number> {
  const rows = rowsOf<{ units_used: number }>(
    await db.execute(
      sql`select units_used from connector_quota_usage where platform = ${platform}::platform and day = ${pacificDay(now)}::date`,
    ),
  );
  return rows[0]?.units_used ?? 0;
}
