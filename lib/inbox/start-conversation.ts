import { eq } from 'drizzle-orm';
import { influencers } from '@/db/schema';
import { requireApprovedBrand, requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';
import { ensureConversation } from './post-message';

/**
 * Opens (or finds) the conversation between a brand and an influencer with a Reachboard account,
 * so a manager can write first. Manager or owner of a brand.
 * @returns the conversation id.
 * @throws NotFoundError; ForbiddenError (viewer, creator workspace, brand awaiting approval); ConflictError (no account).
 */
export async function startConversation({ ctx, input }: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<{ id: string }> {
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (org.kind !== 'brand') throw new ForbiddenError('Conversations are between brands and influencers');
    requireApprovedBrand(org, 'conversations with creators can start');
    if (!isUuid(input.influencerId)) throw new NotFoundError('Influencer');
    const [influencer] = await tx.select().from(influencers).where(eq(influencers.id, input.influencerId));
    if (!influencer) throw new NotFoundError('Influencer');
    if (!influencer.userId) throw new ConflictError(`${influencer.displayName} has no Reachboard account yet`);
    return { id: await ensureConversation(tx, org.id, influencer.id) };
  });
}
