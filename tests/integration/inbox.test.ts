import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { conversationMembers, messages, notifications } from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { getConversation } from '@/lib/inbox/get-conversation';
import { markConversationRead } from '@/lib/inbox/mark-conversation-read';
import { hideConversation } from '@/lib/inbox/hide-conversation';
import { listConversations } from '@/lib/inbox/list-conversations';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, createUser, ctxOf, uniq } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
type Creator = Awaited<ReturnType<typeof createInfluencerUser>>;
let brand: Org;
let other: Org;
let creator: Creator;
let rival: Creator;
let conversationId: string;
let campaignName: string;

beforeAll(async () => {
  [brand, other, creator, rival] = await Promise.all([
    createOrg({ approved: true }),
    createOrg({ approved: true }),
    createInfluencerUser(),
    createInfluencerUser(),
  ]);
  const c = await createCampaign({ orgId: brand.org.id, name: `Inbox ${uniq()}`, currency: 'USD', status: 'active', visibility: 'public' });
  campaignName = c.name;
  await sendOffer({
    ctx: ctxOf(brand.manager),
    input: {
      orgSlug: brand.org.slug,
      campaignId: c.id,
      influencerId: creator.profile.id,
      terms: { fee: '500', deliverables: [{ title: 'Video', platform: 'youtube' }] },
    },
  });
  [{ id: conversationId }] = await listConversations({ ctx: ctxOf(creator.user), input: undefined });
});

describe('inbox', () => {
  it('one conversation per pair lists the campaign, the offer card and an unread dot until read', async () => {
    const [row] = await listConversations({ ctx: ctxOf(creator.user), input: undefined });
    expect(row).toMatchObject({ counterpart: brand.org.name, unread: true, campaigns: [campaignName] });
    expect(row.lastMessage).toMatchObject({ fromMe: false, offerStatus: 'pending' });
    expect(
      (await startConversation({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, influencerId: creator.profile.id } })).id,
    ).toBe(conversationId);
    const view = await getConversation({ ctx: ctxOf(creator.user), input: { conversationId } });
    expect(view.messages[0].offer).toMatchObject({ status: 'pending', feeMinor: 50_000, currency: 'USD' });
    // Reading (a GET) changes nothing; the open thread then marks it read (a POST).
    expect((await listConversations({ ctx: ctxOf(creator.user), input: undefined }))[0].unread).toBe(true);
    await markConversationRead({ ctx: ctxOf(creator.user), input: { conversationId } });
    expect((await listConversations({ ctx: ctxOf(creator.user), input: undefined }))[0].unread).toBe(false);
  });

  it('messages are kept as plain text and get a seen receipt when the other side opens the conversation', async () => {
    const body = '<b>Hi</b> <script>alert(1)</script> — can we move the date?';
    await sendMessage({ ctx: ctxOf(creator.user), input: { conversationId, body } });
    await markConversationRead({ ctx: ctxOf(brand.manager), input: { conversationId } });
    let brandView = await getConversation({ ctx: ctxOf(brand.manager), input: { conversationId } });
    const mine = brandView.messages.at(-1)!;
    expect(mine).toMatchObject({ body, fromMe: false, senderSide: 'influencer', campaignName });
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Sure, the 12th works.' } });
    brandView = await getConversation({ ctx: ctxOf(brand.manager), input: { conversationId } });
    expect(brandView.messages.at(-1)).toMatchObject({ body: 'Sure, the 12th works.', fromMe: true, seenAt: null });
    await getConversation({ ctx: ctxOf(creator.user), input: { conversationId } });
    brandView = await getConversation({ ctx: ctxOf(brand.owner), input: { conversationId } });
    expect(brandView.messages.at(-1)!.seenAt).toBeNull();
    await markConversationRead({ ctx: ctxOf(creator.user), input: { conversationId } });
    const creatorView = await getConversation({ ctx: ctxOf(creator.user), input: { conversationId } });
    expect(creatorView.messages.at(-2)!.seenAt).not.toBeNull();
    brandView = await getConversation({ ctx: ctxOf(brand.owner), input: { conversationId } });
    expect(brandView.messages.at(-1)!.seenAt).not.toBeNull();
  });

  it('refuses empty and too long messages, viewers, other brands and other influencers; writes nothing', async () => {
    const db = await getDb();
    const before = (await db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId)))[0].n;
    await expect(sendMessage({ ctx: ctxOf(creator.user), input: { conversationId, body: '   ' } })).rejects.toThrow(
      'body: Write a message',
    );
    await expect(sendMessage({ ctx: ctxOf(creator.user), input: { conversationId, body: 'x'.repeat(2001) } })).rejects.toThrow(
      'body: At most 2,000 characters',
    );
    await expect(sendMessage({ ctx: ctxOf(brand.viewer), input: { conversationId, body: 'hello' } })).rejects.toThrow(ForbiddenError);
    await expect(sendMessage({ ctx: ctxOf(other.manager), input: { conversationId, body: 'hello' } })).rejects.toThrow(NotFoundError);
    await expect(getConversation({ ctx: ctxOf(rival.user), input: { conversationId } })).rejects.toThrow(NotFoundError);
    await expect(listConversations({ ctx: ctxOf(await createUser('fan')), input: undefined })).rejects.toThrow(ForbiddenError);
    expect((await listConversations({ ctx: ctxOf(other.owner), input: undefined })).map((c) => c.id)).not.toContain(conversationId);
    const after = (await db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId)))[0].n;
    expect(after).toBe(before);
    expect((await getConversation({ ctx: ctxOf(brand.viewer), input: { conversationId } })).canSend).toBe(false);
    await expect(
      startConversation({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, influencerId: creator.profile.id } }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      startConversation({ ctx: ctxOf(other.manager), input: { orgSlug: brand.org.slug, influencerId: creator.profile.id } }),
    ).rejects.toThrow(NotFoundError);
    await expect(hideConversation({ ctx: ctxOf(rival.user), input: { conversationId } })).rejects.toThrow(NotFoundError);
    await expect(markConversationRead({ ctx: ctxOf(rival.user), input: { conversationId } })).rejects.toThrow(NotFoundError);
    await expect(markConversationRead({ ctx: ctxOf(other.owner), input: { conversationId } })).rejects.toThrow(NotFoundError);
  });

  it('a burst of messages leaves one unread message notification', async () => {
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'One' } });
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Two' } });
    const db = await getDb();
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, creator.user.id), eq(notifications.kind, 'message')));
    expect(notes.filter((n) => n.readAt === null)).toHaveLength(1);
    expect(notes[0].url).toBe(`/inbox/${conversationId}`);
  });

  it('deleting a conversation hides it for me only, until a newer message', async () => {
    await hideConversation({ ctx: ctxOf(creator.user), input: { conversationId } });
    expect((await listConversations({ ctx: ctxOf(creator.user), input: undefined })).map((c) => c.id)).not.toContain(conversationId);
    expect((await listConversations({ ctx: ctxOf(brand.manager), input: undefined })).map((c) => c.id)).toContain(conversationId);
    // Hidden a moment ago (not in the same millisecond as the next message): no sleep needed.
    const db = await getDb();
    await db
      .update(conversationMembers)
      .set({ hiddenAt: sql`${conversationMembers.hiddenAt} - interval '1 second'` })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, creator.user.id)));
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Still there?' } });
    const [row] = await listConversations({ ctx: ctxOf(creator.user), input: undefined });
    expect(row).toMatchObject({ id: conversationId, unread: true, lastMessage: { body: 'Still there?' } });
  });
});
