import { desc, eq, sql } from 'drizzle-orm';
import { messages, offerRounds, offers, campaigns, users } from '@/db/schema';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { conversationForActor } from './conversation-access';

/** How many of the latest messages a conversation shows. */
const CONVERSATION_PAGE = 200;

export type ThreadMessage = {
  id: string;
  body: string;
  fromMe: boolean;
  senderName: string | null;
  senderSide: 'brand' | 'influencer';
  createdAt: string;
  /** When the other side first saw it (own messages only; null = not yet). */
  seenAt: string | null;
  campaignName: string | null;
  /** The offer this message is about, with its current status and latest fee (an offer card). */
  offer: { id: string; status: string; feeMinor: number; currency: string } | null;
};

export type ConversationView = {
  id: string;
  side: 'brand' | 'influencer';
  counterpart: string;
  org: { name: string; slug: string };
  influencer: { id: string; displayName: string };
  canSend: boolean;
  messages: ThreadMessage[];
};

/**
 * A conversation's latest {@link CONVERSATION_PAGE} messages, oldest first, for one of its sides.
 * Only reads: the thread marks what it shows as read with markConversationRead (a POST).
 * @throws NotFoundError for anyone but the influencer and the brand's members.
 */
export async function getConversation({ ctx, input }: VerbArgs<{ conversationId: string }>): Promise<ConversationView> {
  return withTransaction(ctx, async (tx) => {
    const party = await conversationForActor(tx, ctx, input.conversationId);
    const latestFee = sql<number>`(select r.fee_minor from ${offerRounds} r where r.offer_id = ${offers.id} order by r.round_number desc limit 1)`;
    const rows = await tx
      .select({
        id: messages.id,
        body: messages.body,
        senderSide: messages.senderSide,
        senderName: users.name,
        createdAt: messages.createdAt,
        seenAt: messages.seenAt,
        campaignName: campaigns.name,
        offerId: offers.id,
        offerStatus: offers.status,
        offerFee: latestFee,
        offerCurrency: campaigns.currency,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderId))
      .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
      .leftJoin(offers, eq(offers.id, messages.offerId))
      .where(eq(messages.conversationId, party.conversation.id))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(CONVERSATION_PAGE);
    rows.reverse();
    return {
      id: party.conversation.id,
      side: party.side,
      counterpart: party.side === 'brand' ? party.influencer.displayName : party.org.name,
      org: { name: party.org.name, slug: party.org.slug },
      influencer: { id: party.influencer.id, displayName: party.influencer.displayName },
      canSend:
        party.side === 'influencer' ||
        (await conversationForActor(tx, ctx, input.conversationId, { write: true }).then(
          () => true,
          () => false,
        )),
      messages: rows.map((r) => ({
        id: r.id,
        body: r.body,
        fromMe: r.senderSide === party.side,
        senderName: r.senderName,
        senderSide: r.senderSide,
        createdAt: r.createdAt.toISOString(),
        seenAt: r.senderSide === party.side && r.seenAt ? r.seenAt.toISOString() : null,
        campaignName: r.campaignName,
        offer: r.offerId ? { id: r.offerId, status: r.offerStatus!, feeMinor: Number(r.offerFee), currency: r.offerCurrency! } : null,
      })),
    };
  });
}
