import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { follows, influencers } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';

async function creatorOrThrow(tx: Tx, influencerId: string): Promise<void> {
  if (!isUuid(influencerId)) throw new NotFoundError('Creator');
  const [row] = await tx
    .select({ id: influencers.id })
    .from(influencers)
    .where(and(eq(influencers.id, influencerId), isNotNull(influencers.userId)));
  if (!row) throw new NotFoundError('Creator');
}

/**
 * The signed-in fan follows a creator on Reachboard (a profile with an account). Following twice
 * changes nothing.
 * @throws ForbiddenError (not a fan); NotFoundError (no such creator).
 */
export async function followInfluencer({ ctx, input }: VerbArgs<{ influencerId: string }>): Promise<void> {
  const fan = requireUserRole(ctx, 'fan');
  await withTransaction(ctx, async (tx) => {
    await creatorOrThrow(tx, input.influencerId);
    await tx.insert(follows).values({ fanId: fan.userId, influencerId: input.influencerId }).onConflictDoNothing();
  });
}

/** The signed-in fan unfollows a creator; unfollowing one not followed changes nothing. @throws ForbiddenError; NotFoundError */
export async function unfollowInfluencer({ ctx, input }: VerbArgs<{ influencerId: string }>): Promise<void> {
  const fan = requireUserRole(ctx, 'fan');
  await withTransaction(ctx, async (tx) => {
    await creatorOrThrow(tx, input.influencerId);
    await tx.delete(follows).where(and(eq(follows.fanId, fan.userId), eq(follows.influencerId, input.influencerId)));
  });
}
