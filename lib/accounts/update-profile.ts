import { eq } from 'drizzle-orm';
import { influencers, users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { updateProfileSchema } from './schemas';

/**
 * Renames the signed-in user (and, for an influencer, the display name of their profile).
 * @throws UnauthorizedError; ValidationError for an empty or too long name.
 */
export async function updateProfile({ ctx, input }: VerbArgs<{ name: string }>): Promise<void> {
  const actor = requireActor(ctx);
  const { name } = parseInput(updateProfileSchema, input);
  await withTransaction(ctx, async (tx) => {
    await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    if (actor.role === 'influencer') {
      await tx.update(influencers).set({ displayName: name, updatedAt: new Date() }).where(eq(influencers.userId, actor.userId));
    }
    await audit(tx, ctx, {
      action: 'user.profile_updated',
      targetType: 'user',
      targetId: actor.userId,
      before: { name: actor.name },
      after: { name },
    });
  });
}
