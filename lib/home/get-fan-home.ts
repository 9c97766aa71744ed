import { and, count, desc, eq, isNotNull, notInArray, sql } from 'drizzle-orm';
import { follows, influencers } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type FanInfluencer = { id: string; displayName: string; category: string | null; country: string | null; fans: number };
export type FanHome = { following: (FanInfluencer & { followedAt: Date })[]; popular: FanInfluencer[] };

/**
 * The signed-in fan's home: the influencers they follow, and the most-followed influencers on
 * Reachboard with a claimed profile that they do not follow yet (at most 6).
 * @throws ForbiddenError for another role.
 */
export async function getFanHome({ ctx }: VerbArgs<void>): Promise<FanHome> {
  const actor = requireUserRole(ctx, 'fan');
  const db = await reader(ctx);
  const fans = db
    .select({ influencerId: follows.influencerId, n: count().as('n') })
    .from(follows)
    .groupBy(follows.influencerId)
    .as('fans');
  const following = await db
    .select({
      id: influencers.id,
      displayName: influencers.displayName,
      category: influencers.category,
      country: influencers.country,
      fans: fans.n,
      followedAt: follows.createdAt,
    })
    .from(follows)
    .innerJoin(influencers, eq(influencers.id, follows.influencerId))
    .innerJoin(fans, eq(fans.influencerId, influencers.id))
    .where(eq(follows.fanId, actor.userId))
    .orderBy(desc(follows.createdAt));
  const followedIds = following.map((f) => f.id);
  const popular = await db
    .select({
      id: influencers.id,
      displayName: influencers.displayName,
      category: influencers.category,
      country: influencers.country,
      fans: fans.n,
    })
    .from(influencers)
    .leftJoin(fans, eq(fans.influencerId, influencers.id))
    .where(and(isNotNull(influencers.userId), followedIds.length ? notInArray(influencers.id, followedIds) : undefined))
    // Influencers without fans have no row in `fans`: rank them last, not first (DESC puts nulls first).
    .orderBy(sql`${fans.n} desc nulls last`, influencers.displayName)
    .limit(6);
  return { following, popular: popular.map((p) => ({ ...p, fans: p.fans ?? 0 })) };
}
