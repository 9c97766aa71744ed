import { conversationMembers } from '@/db/schema';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { conversationForActor } from './conversation-access';

/**
 * Deletes a conversation for the signed-in user only: it leaves their inbox until a newer message
 * arrives; the other side keeps it whole.
 * @throws NotFoundError (not a party).
 */
export async function hideConversation({ ctx, input }: VerbArgs<{ conversationId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const party = await conversationForActor(tx, ctx, input.conversationId);
    const now = new Date();
    await tx
      .insert(conversationMembers)
      .values({ conversationId: party.conversation.id, userId: party.actor.userId, hiddenAt: now, lastReadAt: now })
      .onConflictDoUpdate({
        target: [conversationMembers.conversationId, conversationMembers.userId],
        set: { hiddenAt: now, lastReadAt: now },
      });
  });
}
