import { and, eq, isNull, ne } from 'drizzle-orm';
import { conversationMembers, messages } from '@/db/schema';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { conversationForActor } from './conversation-access';

/**
 * Marks a conversation read for the signed-in party: their last-read time, and the other side's
 * messages as seen (the receipt the sender gets), since a member of this side has now looked at
 * them. Idempotent.
 * @throws NotFoundError for anyone but the influencer and the brand's members.
 */
export async function markConversationRead({ ctx, input }: VerbArgs<{ conversationId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const party = await conversationForActor(tx, ctx, input.conversationId);
    const now = new Date();
    await tx
      .insert(conversationMembers)
      .values({ conversationId: party.conversation.id, userId: party.actor.userId, lastReadAt: now })
      .onConflictDoUpdate({ target: [conversationMembers.conversationId, conversationMembers.userId], set: { lastReadAt: now } });
    await tx
      .update(messages)
      .set({ seenAt: now })
      .where(and(eq(messages.conversationId, party.conversation.id), ne(messages.senderSide, party.side), isNull(messages.seenAt)));
  });
}
