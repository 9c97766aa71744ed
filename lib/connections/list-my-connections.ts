import { asc, eq } from 'drizzle-orm';
import { platformConnections } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { CONNECTABLE_PLATFORMS, connectionProviderFor } from './providers';

/**
 * The signed-in creator's platform connections (never their tokens) and, per connectable platform,
 * whether this server can connect it (or the variables an operator must set). Creators only.
 * @throws ForbiddenError (not a creator).
 */
export async function listMyConnections({ ctx }: VerbArgs<void>) {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  const connections = await db
    .select({
      id: platformConnections.id,
      platform: platformConnections.platform,
      handle: platformConnections.handle,
      scopes: platformConnections.scopes,
      status: platformConnections.status,
      statusSince: platformConnections.statusSince,
      accessExpiresAt: platformConnections.accessExpiresAt,
      lastRefreshedAt: platformConnections.lastRefreshedAt,
      lastError: platformConnections.lastError,
    })
    .from(platformConnections)
    .where(eq(platformConnections.userId, actor.userId))
    .orderBy(asc(platformConnections.createdAt));
  const platforms = CONNECTABLE_PLATFORMS.map((platform) => {
    const c = connectionProviderFor(platform)!.configuration();
    return c.configured ? { platform, configured: true as const } : { platform, configured: false as const, variables: c.variables };
  });
  return { connections, platforms };
}
