import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { conversations, messages } from '@/db/schema';

/** Longest message body, in characters. */
export const MESSAGE_MAX_LENGTH = 2_000;

/** The conversation of a brand–influencer pair, created on first use (one per pair). @returns its id */
export async function ensureConversation(tx: Tx, orgId: string, influencerId: string): Promise<string> {
  await tx
    .insert(conversations)
    .values({ orgId, influencerId })
    .onConflictDoNothing({ target: [conversations.orgId, conversations.influencerId] });
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.influencerId, influencerId)));
  return row.id;
}

/**
 * Appends a message (plain text) to a conversation and moves the conversation to the top of both
 * inboxes. Offer events pass `offerId` so the inbox shows the offer's card.
 * @returns the message id.
 */
export async function postMessage(
  tx: Tx,
  m: {
    conversationId: string;
    senderId: string | null;
    senderSide: 'brand' | 'influencer';
    body: string;
    campaignId?: string | null;
    offerId?: string | null;
  },
): Promise<string> {
  const now = new Date();
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId: m.conversationId,
      senderId: m.senderId,
      senderSide: m.senderSide,
      body: m.body.slice(0, MESSAGE_MAX_LENGTH),
      campaignId: m.campaignId ?? null,
      offerId: m.offerId ?? null,
      createdAt: now,
    })
    .returning({ id: messages.id });
  await tx
    .update(conversations)
    .set({
      lastMessageAt: sql`greatest(coalesce(${conversations.lastMessageAt}, ${now.toISOString()}::timestamptz), ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(conversations.id, m.conversationId));
  return row.id;
}
