import { sql } from 'drizzle-orm';
import { isoString, rowsOf } from '@/db/sql';
import { requireSystem } from '../authz/guards';
import type { Ctx } from '../context';
import { reader } from '../transaction';
import { CONNECTABLE_PLATFORMS, connectionProviderFor } from './providers';

/** How far ahead the hourly schedule renews tokens (a little over its own period). */
const AHEAD_MS = 70 * 60_000;

/**
 * Connections the hourly schedule should renew: still usable (`connected` or `expiring`) and
 * ending within 70 minutes (or their provider's `renewAheadMs`: Instagram's long-lived tokens, 10 days), or within 7 days without a way to renew (their status is updated).
 * At most 1,000, soonest first. Background jobs only.
 * @throws ForbiddenError for any other caller.
 */
/** Platforms whose tokens are renewed well ahead (`renewAheadMs`, Instagram's long-lived tokens): due that long before they end. */
function longLived(now: Date) {
  const ahead = CONNECTABLE_PLATFORMS.flatMap((platform) => {
    const ms = connectionProviderFor(platform)?.renewAheadMs;
    return ms
      ? [sql`or (platform = ${platform}::platform and access_expires_at < ${isoString(new Date(now.getTime() + ms))}::timestamptz)`]
      : [];
  });
  return sql.join(ahead, sql` `);
}

export async function listDueConnections(ctx: Ctx, now: Date): Promise<{ id: string; platform: string }[]> {
  requireSystem(ctx);
  const db = await reader(ctx);
  return rowsOf<{ id: string; platform: string }>(
    await db.execute(sql`select id, platform::text as platform from platform_connections
      where status in ('connected', 'expiring') and access_token is not null and access_expires_at is not null
        and (access_expires_at < ${isoString(new Date(now.getTime() + AHEAD_MS))}::timestamptz
          ${longLived(now)}
          or (refresh_token is null and access_expires_at < ${isoString(new Date(now.getTime() + 7 * 86_400_000))}::timestamptz))
      order by access_expires_at limit 1000`),
  );
}
