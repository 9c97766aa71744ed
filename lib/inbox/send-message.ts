import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, offers } from '@/db/schema';
import { getDb } from '@/db';
import { consumeSends } from '../auth/rate-limit';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { deliverNoticeEmails, orgManagerIds, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { conversationForActor } from './conversation-access';
import { MESSAGE_MAX_LENGTH, postMessage } from './post-message';

const messageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'Write a message')
    .max(MESSAGE_MAX_LENGTH, `At most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters`),
});

/**
 * Sends a plain-text message (1–{@link MESSAGE_MAX_LENGTH} characters; shown as text, never as
 * HTML) in a conversation and notifies the other side (one unread message notification per
 * conversation at a time). The influencer, or a brand manager or owner.
 * @returns the message id.
 * At most 30 messages per sender in 10 minutes.
 * @throws NotFoundError (not a party); ForbiddenError (brand viewer, brand awaiting approval);
 *         ValidationError (empty, too long); RateLimitedError.
 */
export async function sendMessage({ ctx, input }: VerbArgs<{ conversationId: string; body: string }>): Promise<{ id: string }> {
  const { body } = parseInput(messageSchema, { body: input.body });
  // Counted outside the transaction (its own statement), and only against the sender.
  await consumeSends(await getDb(), 'messagesPerSender', requireActor(ctx).userId, 1, 'You are sending messages too quickly.');
  const result = await withTransaction(ctx, async (tx) => {
    const party = await conversationForActor(tx, ctx, input.conversationId, { write: true });
    // Tag the message with the campaign of the pair's open offer, if there is exactly one.
    const open = await tx
      .selectDistinct({ campaignId: offers.campaignId })
      .from(offers)
      .innerJoin(campaigns, eq(campaigns.id, offers.campaignId))
      .where(
        and(
          eq(offers.orgId, party.org.id),
          eq(offers.influencerId, party.influencer.id),
          inArray(offers.status, ['pending', 'countered']),
          isNotNull(offers.campaignId),
        ),
      );
    const id = await postMessage(tx, {
      conversationId: party.conversation.id,
      senderId: party.actor.userId,
      senderSide: party.side,
      body,
      campaignId: open.length === 1 ? open[0].campaignId : null,
    });
    const recipients =
      party.side === 'brand' ? (party.influencer.userId ? [party.influencer.userId] : []) : await orgManagerIds(tx, party.org.id);
    const from = party.side === 'brand' ? party.org.name : party.influencer.displayName;
    const stored = await queueNotices(
      tx,
      recipients.map((userId) => ({
        userId,
        kind: 'message' as const,
        title: `New message from ${from}`,
        body: body.length > 140 ? `${body.slice(0, 139)}…` : body,
        url: `/inbox/${party.conversation.id}`,
      })),
    );
    return { id, stored };
  });
  await deliverNoticeEmails(result.stored);
  return { id: result.id };
}
