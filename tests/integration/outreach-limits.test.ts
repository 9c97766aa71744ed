import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { campaigns, conversations, organizations } from '@/db/schema';
import { ForbiddenError, RateLimitedError } from '@/lib/errors';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';
import { inviteMember } from '@/lib/orgs/invite-member';
import { emailCampaignReport } from '@/lib/reports/campaign-report-mail';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, lastEmailTo, uniq } from '../factories';

let pending: Awaited<ReturnType<typeof createOrg>>;
let creator: Awaited<ReturnType<typeof createInfluencerUser>>;
let campaignId: string;

beforeAll(async () => {
  pending = await createOrg();
  creator = await createInfluencerUser();
  const db = await getDb();
  [{ id: campaignId }] = await db
    .insert(campaigns)
    .values({ orgId: pending.org.id, name: `Pending ${uniq()}`, status: 'active', currency: 'USD' })
    .returning({ id: campaigns.id });
});

describe('a brand awaiting approval', () => {
  it('cannot start a conversation with a creator, nor write in one it has', async () => {
    await expect(
      startConversation({ ctx: ctxOf(pending.manager), input: { orgSlug: pending.org.slug, influencerId: creator.profile.id } }),
    ).rejects.toThrow(
      new ForbiddenError(
        'Your organization is awaiting approval by a Reachboard admin: conversations with creators can start once it is approved',
      ),
    );
    // A conversation from before a rejection: the brand can no longer write in it; the creator can.
    const db = await getDb();
    const [c] = await db.insert(conversations).values({ orgId: pending.org.id, influencerId: creator.profile.id }).returning();
    await db.update(organizations).set({ approvalStatus: 'rejected' }).where(eq(organizations.id, pending.org.id));
    await expect(sendMessage({ ctx: ctxOf(pending.manager), input: { conversationId: c.id, body: 'Hello there' } })).rejects.toThrow(
      'Your organization was not approved by Reachboard: messages to creators can be sent only for approved brands',
    );
    await expect(sendMessage({ ctx: ctxOf(creator.user), input: { conversationId: c.id, body: 'Hi brand' } })).resolves.toMatchObject({
      id: expect.any(String),
    });
    await db.update(organizations).set({ approvalStatus: 'pending' }).where(eq(organizations.id, pending.org.id));
  });

  it('emails reports to its own members only', async () => {
    const outsider = `client-${uniq()}@agency.example`;
    await expect(
      emailCampaignReport({
        ctx: ctxOf(pending.manager),
        input: { orgSlug: pending.org.slug, campaignId, to: `${pending.owner.email}, ${outsider}` },
      }),
    ).rejects.toThrow(
      'Your organization is awaiting approval by a Reachboard admin: reports can be emailed outside your team once it is approved',
    );
    expect(await lastEmailTo(outsider)).toBeUndefined();
    expect(
      await emailCampaignReport({
        ctx: ctxOf(pending.manager),
        input: { orgSlug: pending.org.slug, campaignId, to: pending.viewer.email },
      }),
    ).toEqual([pending.viewer.email]);
  });
});

describe('per-sender limits', () => {
  it('30 messages in 10 minutes, then a clear refusal; other senders are not affected', async () => {
    const brand = await createOrg({ approved: true });
    const db = await getDb();
    const [c] = await db.insert(conversations).values({ orgId: brand.org.id, influencerId: creator.profile.id }).returning();
    for (let i = 0; i < 30; i++) await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId: c.id, body: `Message ${i}` } });
    const refused = sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId: c.id, body: 'One more' } });
    await expect(refused).rejects.toThrow(RateLimitedError);
    await expect(refused).rejects.toThrow(/^You are sending messages too quickly\. Try again in 10 minutes\.$/);
    await expect(sendMessage({ ctx: ctxOf(brand.owner), input: { conversationId: c.id, body: 'From the owner' } })).resolves.toBeTruthy();
  });

  it('20 invitations an hour per sender', async () => {
    const brand = await createOrg({ approved: true });
    for (let i = 0; i < 20; i++)
      await inviteMember({
        ctx: ctxOf(brand.owner),
        input: { orgId: brand.org.id, email: `invitee-${i}-${uniq()}@x.example`, role: 'viewer' },
      });
    await expect(
      inviteMember({ ctx: ctxOf(brand.owner), input: { orgId: brand.org.id, email: `late-${uniq()}@x.example`, role: 'viewer' } }),
    ).rejects.toThrow(/^You are sending invitations too quickly\. Try again in (59|60) minutes\.$/);
  });

  it('20 report recipients an hour per sender', async () => {
    const brand = await createOrg({ approved: true });
    const c = await createCampaign({ orgId: brand.org.id, name: `Limits ${uniq()}`, status: 'active' });
    const ten = Array.from({ length: 10 }, (_, i) => `r${i}-${uniq()}@client.example`).join(', ');
    await emailCampaignReport({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: c.id, to: ten } });
    await emailCampaignReport({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: c.id, to: ten } });
    await expect(
      emailCampaignReport({
        ctx: ctxOf(brand.manager),
        input: { orgSlug: brand.org.slug, campaignId: c.id, to: `one-${uniq()}@client.example` },
      }),
    ).rejects.toThrow(/^You are emailing reports too quickly\. Try again in (59|60) minutes\.$/);
  });
});
