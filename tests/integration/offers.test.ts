import { and, asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { campaigns, collaborations, conversations, deliverables, messages, notifications, offerRounds, offers } from '@/db/schema';
import { applyToCampaign } from '@/lib/offers/apply-to-campaign';
import { editOffer } from '@/lib/offers/edit-offer';
import { getOffer } from '@/lib/offers/get-offer';
import { listCampaignOffers, listMyOffers } from '@/lib/offers/list-offers';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { withdrawOffer } from '@/lib/offers/withdraw-offer';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { createCampaign, createInfluencerUser, createOrg, createUser, ctxOf, lastEmailTo, uniq } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
type Creator = Awaited<ReturnType<typeof createInfluencerUser>>;
let brand: Org;
let other: Org;
let creator: Creator;
let rival: Creator;

const terms = {
  fee: '1,500',
  terms: 'One Reel, usage rights 6 months',
  dueOn: '2026-12-10',
  deliverables: [
    { title: 'Trail jacket Reel', platform: 'instagram', dueOn: '2026-12-05' },
    { title: 'Story with link', platform: 'instagram', dueOn: '' },
  ],
};

async function campaign(org: Org, values: Partial<typeof campaigns.$inferInsert> = {}) {
  const row = await createCampaign({
    orgId: org.org.id,
    name: `Campaign ${uniq()}`,
    currency: 'USD',
    visibility: 'public',
    status: 'active',
    endsOn: '2026-12-31',
    ...values,
  });
  return row;
}

async function offerCount(campaignId: string) {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(offers).where(eq(offers.campaignId, campaignId));
  return n;
}

beforeAll(async () => {
  [brand, other, creator, rival] = await Promise.all([
    createOrg({ approved: true }),
    createOrg({ approved: true }),
    createInfluencerUser(),
    createInfluencerUser(),
  ]);
});

describe('send offer', () => {
  it('opens round 1 in the campaign currency, posts the offer card and notifies the influencer', async () => {
    const c = await campaign(brand, { currency: 'EUR' });
    const { id } = await sendOffer({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id, terms },
    });
    const db = await getDb();
    const [offer] = await db.select().from(offers).where(eq(offers.id, id));
    expect(offer).toMatchObject({ status: 'pending', initiatedBy: 'brand', orgId: brand.org.id, influencerId: creator.profile.id });
    const [round] = await db.select().from(offerRounds).where(eq(offerRounds.offerId, id));
    expect(round).toMatchObject({ roundNumber: 1, proposedBySide: 'brand', feeMinor: 150_000, currency: 'EUR', dueOn: '2026-12-10' });
    expect(round.deliverables).toEqual([
      { title: 'Trail jacket Reel', platform: 'instagram', dueOn: '2026-12-05' },
      { title: 'Story with link', platform: 'instagram' },
    ]);
    const [card] = await db
      .select({ body: messages.body, offerId: messages.offerId })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(conversations.orgId, brand.org.id), eq(conversations.influencerId, creator.profile.id)));
    expect(card).toEqual({ body: `Sent an offer for ${c.name}: €1,500, 2 deliverables.`, offerId: id });
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, creator.user.id), eq(notifications.url, `/offers/${id}`)));
    expect(note.kind).toBe('offer_received');
    expect((await lastEmailTo(creator.user.email))?.subject).toBe(`${brand.org.name} sent you an offer for ${c.name}`);
    expect((await listMyOffers({ ctx: ctxOf(creator.user), input: undefined })).map((o) => o.id)).toContain(id);
  });

  it('refuses a viewer, another organization, an unapproved brand, bad input and a second open offer; writes nothing', async () => {
    const c = await campaign(brand);
    const input = { orgSlug: brand.org.slug, campaignId: c.id, influencerId: rival.profile.id, terms };
    await expect(sendOffer({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(sendOffer({ ctx: ctxOf(other.manager), input: { ...input, orgSlug: other.org.slug } })).rejects.toThrow(NotFoundError);
    const pending = await createOrg();
    const pc = await campaign(pending);
    await expect(
      sendOffer({
        ctx: ctxOf(pending.manager),
        input: { orgSlug: pending.org.slug, campaignId: pc.id, influencerId: rival.profile.id, terms },
      }),
    ).rejects.toThrow(/awaiting approval/);
    await expect(sendOffer({ ctx: ctxOf(brand.manager), input: { ...input, terms: { ...terms, fee: 'lots' } } })).rejects.toThrow(
      'fee: Enter an amount like 12000 or 12000.50',
    );
    await expect(
      sendOffer({
        ctx: ctxOf(brand.manager),
        input: { ...input, terms: { ...terms, deliverables: [{ title: 'Reel', platform: 'myspace' }] } },
      }),
    ).rejects.toThrow('deliverables.0.platform: Choose the platform');
    await expect(sendOffer({ ctx: ctxOf(brand.manager), input: { ...input, terms: { ...terms, deliverables: [] } } })).rejects.toThrow(
      ValidationError,
    );
    expect(await offerCount(c.id)).toBe(0);
    await sendOffer({ ctx: ctxOf(brand.manager), input });
    await expect(sendOffer({ ctx: ctxOf(brand.owner), input })).rejects.toThrow(/already an open offer/);
    expect(await offerCount(c.id)).toBe(1);
    const db = await getDb();
    const [tracked] = await db
      .insert((await import('@/db/schema')).influencers)
      .values({ displayName: 'Tracked only' })
      .returning();
    await expect(sendOffer({ ctx: ctxOf(brand.manager), input: { ...input, influencerId: tracked.id } })).rejects.toThrow(
      /no Reachboard account/,
    );
  });
});

describe('apply to a campaign', () => {
  it('an influencer applies to a public campaign of an approved brand; the managers are notified', async () => {
    const c = await campaign(brand);
    const { id } = await applyToCampaign({
      ctx: ctxOf(creator.user),
      input: { campaignId: c.id, pitch: 'I hike every weekend and my audience buys gear.', fee: '800' },
    });
    const view = await getOffer({ ctx: ctxOf(brand.viewer), input: { offerId: id } });
    expect(view).toMatchObject({
      status: 'pending',
      initiatedBy: 'influencer',
      side: 'brand',
      can: { respond: false, edit: false, withdraw: false },
    });
    expect(view.rounds.map((r) => [r.roundNumber, r.proposedBySide, r.feeMinor])).toEqual([[1, 'influencer', 80_000]]);
    const asManager = await getOffer({ ctx: ctxOf(brand.manager), input: { offerId: id } });
    expect(asManager.can).toEqual({ respond: true, edit: false, withdraw: false });
    const db = await getDb();
    const notes = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.url, `/offers/${id}`));
    expect(notes.map((n) => n.userId).sort()).toEqual([brand.owner.id, brand.manager.id].sort());
    expect(
      (await listCampaignOffers({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id } })).map((o) => o.id),
    ).toEqual([id]);
  });

  it('refuses private, unapproved and flagged campaigns, fans and a short pitch', async () => {
    const pitch = 'Long enough pitch about why I fit.';
    const privateC = await campaign(brand, { visibility: 'private' });
    const flagged = await campaign(brand, { flagged: true });
    const draft = await campaign(brand, { status: 'draft' });
    const pending = await createOrg();
    const unapproved = await campaign(pending);
    for (const c of [privateC, flagged, draft, unapproved])
      await expect(applyToCampaign({ ctx: ctxOf(rival.user), input: { campaignId: c.id, pitch, fee: '100' } })).rejects.toThrow(
        NotFoundError,
      );
    const open = await campaign(brand);
    const fan = await createUser('fan');
    await expect(applyToCampaign({ ctx: ctxOf(fan), input: { campaignId: open.id, pitch, fee: '100' } })).rejects.toThrow(ForbiddenError);
    await expect(applyToCampaign({ ctx: ctxOf(rival.user), input: { campaignId: open.id, pitch: 'Hire me', fee: '100' } })).rejects.toThrow(
      /^pitch: /,
    );
    expect(await offerCount(open.id)).toBe(0);
  });
});

describe('negotiation', () => {
  it('counter, then only the latest round can be accepted, by the other side; acceptance creates the collaboration', async () => {
    const c = await campaign(brand, { maxInfluencers: 3 });
    const { id } = await applyToCampaign({
      ctx: ctxOf(creator.user),
      input: { campaignId: c.id, pitch: 'I hike every weekend and my audience buys gear.', fee: '900' },
    });
    await expect(
      respondToOffer({ ctx: ctxOf(brand.viewer), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      respondToOffer({ ctx: ctxOf(other.manager), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      respondToOffer({ ctx: ctxOf(rival.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow(/This round is yours/);
    await respondToOffer({
      ctx: ctxOf(brand.manager),
      input: { offerId: id, roundNumber: 1, response: { action: 'counter', terms: { ...terms, fee: '700' } } },
    });
    await expect(
      respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow('Only the latest round (round 2) can be answered; reload to see it');
    const res = await respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 2, response: { action: 'accept' } } });
    expect(res.status).toBe('accepted');
    const db = await getDb();
    const rounds = await db.select().from(offerRounds).where(eq(offerRounds.offerId, id)).orderBy(asc(offerRounds.roundNumber));
    expect(rounds.map((r) => [r.roundNumber, r.proposedBySide, r.feeMinor, r.status])).toEqual([
      [1, 'influencer', 90_000, 'countered'],
      [2, 'brand', 70_000, 'accepted'],
    ]);
    const [collab] = await db.select().from(collaborations).where(eq(collaborations.id, res.collaborationId!));
    expect(collab).toMatchObject({
      campaignId: c.id,
      influencerId: creator.profile.id,
      agreedFeeMinor: 70_000,
      currency: 'USD',
      offerId: id,
    });
    const ds = await db.select().from(deliverables).where(eq(deliverables.collaborationId, collab.id)).orderBy(asc(deliverables.title));
    expect(ds.map((d) => [d.title, d.platform, d.dueOn, d.status])).toEqual([
      ['Story with link', 'instagram', '2026-12-10', 'pending'],
      ['Trail jacket Reel', 'instagram', '2026-12-05', 'pending'],
    ]);
    await expect(
      respondToOffer({ ctx: ctxOf(brand.manager), input: { offerId: id, roundNumber: 2, response: { action: 'reject' } } }),
    ).rejects.toThrow(/accepted/);
    expect((await lastEmailTo(brand.manager.email))?.subject).toBe(`${creator.profile.displayName} accepted the offer for ${c.name}`);
  });

  it('a rejection closes the offer; a counter with bad terms changes nothing', async () => {
    const c = await campaign(brand);
    const { id } = await sendOffer({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: rival.profile.id, terms },
    });
    await expect(
      respondToOffer({
        ctx: ctxOf(rival.user),
        input: { offerId: id, roundNumber: 1, response: { action: 'counter', terms: { ...terms, fee: '' } } },
      }),
    ).rejects.toThrow('fee: Enter the fee (0 for product only)');
    expect((await getOffer({ ctx: ctxOf(rival.user), input: { offerId: id } })).rounds).toHaveLength(1);
    await respondToOffer({
      ctx: ctxOf(rival.user),
      input: { offerId: id, roundNumber: 1, response: { action: 'reject', reason: 'Booked that month' } },
    });
    const view = await getOffer({ ctx: ctxOf(brand.manager), input: { offerId: id } });
    expect(view.status).toBe('rejected');
    expect(view.can).toEqual({ respond: false, edit: false, withdraw: false });
  });
});

describe('edit and withdraw', () => {
  it('the proposing side edits or withdraws its unanswered round; the other side may not', async () => {
    const c = await campaign(brand);
    const { id } = await sendOffer({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id, terms },
    });
    await expect(editOffer({ ctx: ctxOf(creator.user), input: { offerId: id, terms } })).rejects.toThrow(ConflictError);
    await expect(editOffer({ ctx: ctxOf(brand.viewer), input: { offerId: id, terms } })).rejects.toThrow(ForbiddenError);
    await expect(editOffer({ ctx: ctxOf(other.owner), input: { offerId: id, terms } })).rejects.toThrow(NotFoundError);
    await expect(
      editOffer({ ctx: ctxOf(brand.manager), input: { offerId: id, terms: { ...terms, dueOn: '2026-02-30' } } }),
    ).rejects.toThrow('dueOn: Not a calendar date');
    await editOffer({
      ctx: ctxOf(brand.manager),
      input: { offerId: id, terms: { ...terms, fee: '2000', deliverables: terms.deliverables.slice(0, 1) } },
    });
    let view = await getOffer({ ctx: ctxOf(creator.user), input: { offerId: id } });
    expect(view.rounds.map((r) => [r.feeMinor, r.deliverables.length])).toEqual([[200_000, 1]]);
    expect(view.can).toEqual({ respond: true, edit: false, withdraw: false });
    await expect(withdrawOffer({ ctx: ctxOf(creator.user), input: { offerId: id } })).rejects.toThrow(/reject it instead/);
    await withdrawOffer({ ctx: ctxOf(brand.manager), input: { offerId: id } });
    view = await getOffer({ ctx: ctxOf(creator.user), input: { offerId: id } });
    expect(view.status).toBe('withdrawn');
    await expect(
      respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } }),
    ).rejects.toThrow(/withdrawn/);
  });
});

describe('maximum number of influencers', () => {
  it('concurrent acceptances racing for the last places never exceed the maximum', async () => {
    const c = await campaign(brand, { maxInfluencers: 2 });
    const creators = await Promise.all(Array.from({ length: 5 }, () => createInfluencerUser()));
    const ids: string[] = [];
    for (const cr of creators)
      ids.push(
        (
          await sendOffer({
            ctx: ctxOf(brand.manager),
            input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: cr.profile.id, terms },
          })
        ).id,
      );
    const results = await Promise.allSettled(
      creators.map((cr, i) =>
        respondToOffer({ ctx: ctxOf(cr.user), input: { offerId: ids[i], roundNumber: 1, response: { action: 'accept' } } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(String(r.reason)).toContain(`${c.name} is full: 2 of 2 influencers already work on it`);
    const db = await getDb();
    const [{ n }] = await db.select({ n: count() }).from(collaborations).where(eq(collaborations.campaignId, c.id));
    expect(n).toBe(2);
    const statuses = (await db.select({ status: offers.status }).from(offers).where(eq(offers.campaignId, c.id)))
      .map((o) => o.status)
      .sort();
    expect(statuses).toEqual(['accepted', 'accepted', 'pending', 'pending', 'pending']);
  });
});
