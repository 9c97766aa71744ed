import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { conversations, influencers, memberships, organizations, type Conversation } from '@/db/schema';
import { hasOrgRole, requireActor, requireApprovedBrand } from '../authz/guards';
import type { UserActor, Ctx } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../validation';

export type ConversationParty = {
  actor: UserActor;
  side: 'brand' | 'influencer';
  /** Whether the actor may send (influencer, brand manager or owner). */
  canWrite: boolean;
  conversation: Conversation;
  org: { id: string; name: string; slug: string; kind: 'brand' | 'creator'; approvalStatus: 'pending' | 'approved' | 'rejected' };
  influencer: { id: string; displayName: string; userId: string | null };
};

/**
 * A conversation for one of its two sides: the influencer, or a member of the brand (viewers
 * read only: `write` needs a manager of an approved brand).
 * @throws NotFoundError for anyone else; ForbiddenError for a brand viewer writing, or a brand
 *         awaiting approval (or rejected) writing.
 */
export async function conversationForActor(
  tx: Tx,
  ctx: Ctx,
  conversationId: string,
  opts: { write?: boolean } = {},
): Promise<ConversationParty> {
  const actor = requireActor(ctx);
  if (!isUuid(conversationId)) throw new NotFoundError('Conversation');
  const [row] = await tx
    .select({
      conversation: conversations,
      org: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        kind: organizations.kind,
        approvalStatus: organizations.approvalStatus,
      },
      influencer: { id: influencers.id, displayName: influencers.displayName, userId: influencers.userId },
      role: memberships.role,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.orgId))
    .innerJoin(influencers, eq(influencers.id, conversations.influencerId))
    .leftJoin(memberships, and(eq(memberships.orgId, conversations.orgId), eq(memberships.userId, actor.userId)))
    .where(eq(conversations.id, conversationId));
  if (!row) throw new NotFoundError('Conversation');
  let side: ConversationParty['side'];
  let canWrite = true;
  if (actor.role === 'influencer' && row.influencer.userId === actor.userId) side = 'influencer';
  else if (actor.role === 'brand' && row.role) {
    side = 'brand';
    canWrite = hasOrgRole(row.role, 'manager');
    if (opts.write && !canWrite) throw new ForbiddenError('Viewers can read conversations but not send messages');
    if (opts.write) requireApprovedBrand(row.org, 'messages to creators can be sent');
    if (opts.write && !row.influencer.userId) throw new ConflictError('This creator deleted their account: the conversation is read-only');
  } else throw new NotFoundError('Conversation');
  return { actor, side, canWrite, conversation: row.conversation, org: row.org, influencer: row.influencer };
}
