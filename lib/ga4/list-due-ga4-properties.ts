import { sql } from 'drizzle-orm';
import { isoString, rowsOf } from '@/db/sql';
import { requireSystem } from '../authz/guards';
import type { Ctx } from '../context';
import { reader } from '../transaction';

/** How often a property is read: the hourly schedule picks those whose last attempt is older. */
const GA4_SYNC_INTERVAL_HOURS = 6;

/**
 * Properties whose last sync attempt is older than {@link GA4_SYNC_INTERVAL_HOURS} hours (or never
 * tried), oldest first, at most 500 per run. Background jobs only.
 * @throws ForbiddenError for any other caller.
 */
export async function listDueGa4Properties(ctx: Ctx, now: Date): Promise<{ id: string }[]> {
  requireSystem(ctx);
  const db = await reader(ctx);
  const cutoff = new Date(now.getTime() - GA4_SYNC_INTERVAL_HOURS * 3_600_000);
  return rowsOf<{ id: string }>(
    await db.execute(sql`select id from ga4_properties where last_attempt_at is null or last_attempt_at < ${isoString(cutoff)}::timestamptz
      order by last_attempt_at nulls first limit 500`),
  );
}
