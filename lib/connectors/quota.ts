import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
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
 * reset time, before the call is made.
 */
export function dailyQuotaGuard(db: Db | Tx, platform: Platform, dailyBudget: number, clock: () => Date = () => new Date()): QuotaGuard {
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
    },
  };
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
