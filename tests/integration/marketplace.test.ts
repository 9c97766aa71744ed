import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { influencers, orgInfluencers, socialAccounts } from '@/db/schema';
import { addToShortlist } from '@/lib/campaigns/add-to-shortlist';
import { listShortlist } from '@/lib/campaigns/list-shortlist';
import { removeFromShortlist } from '@/lib/campaigns/remove-from-shortlist';
import { discoverInfluencers } from '@/lib/discovery/discover-influencers';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { followInfluencer, unfollowInfluencer } from '@/lib/follows/follow-influencer';
import { getCreatorProfile, searchCreators } from '@/lib/influencers/creator-directory';
import { removeSocialAccount } from '@/lib/influencers/remove-social-account';
import { updateInfluencerProfile } from '@/lib/influencers/update-influencer-profile';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { markNotificationsRead } from '@/lib/notifications/mark-notifications-read';
import { getEmailPreferences, updateEmailPreferences } from '@/lib/notifications/update-email-preferences';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, createUser, ctxOf, giveVerifiedAccount, lastEmailTo, uniq } from '../factories';
import { importYoutube, latestPerVideo, youtubeRows } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let creator: Awaited<ReturnType<typeof createInfluencerUser>>;

beforeAll(async () => {
  [brand, other, creator] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true }), createInfluencerUser()]);
});

describe('influencer profile', () => {
  it('niche, country, bio and rate card are saved; bad input names the field and writes nothing', async () => {
    await updateInfluencerProfile({
      ctx: ctxOf(creator.user),
      input: { category: 'Outdoors', country: 'Canada', bio: 'Trail runner', rate: '1,200', rateCurrency: 'usd' },
    });
    const db = await getDb();
    const [p] = await db.select().from(influencers).where(eq(influencers.id, creator.profile.id));
    expect(p).toMatchObject({ category: 'Outdoors', country: 'Canada', bio: 'Trail runner', rateMinor: 120_000, rateCurrency: 'USD' });
    await expect(
      updateInfluencerProfile({ ctx: ctxOf(creator.user), input: { category: 'Food', rate: '500', rateCurrency: '' } }),
    ).rejects.toThrow('rateCurrency: Choose the currency of your rate');
    const [same] = await db.select().from(influencers).where(eq(influencers.id, creator.profile.id));
    expect(same.category).toBe('Outdoors');
    await expect(updateInfluencerProfile({ ctx: ctxOf(brand.owner), input: { category: 'x' } })).rejects.toThrow(ForbiddenError);
  });

  it('removing an account from the profile keeps it, and brands keep their numbers, as a tracked profile of its own', async () => {
    const handle = `trail${uniq()}`;
    const account = await giveVerifiedAccount(creator.profile.id, 'tiktok', handle);
    const db = await getDb();
    await db
      .insert(orgInfluencers)
      .values({ orgId: brand.org.id, influencerId: creator.profile.id, source: 'manual', displayName: 'Trail Runner' });
    const rival = await createInfluencerUser();
    await expect(removeSocialAccount({ ctx: ctxOf(rival.user), input: { accountId: account.id } })).rejects.toThrow(NotFoundError);
    await removeSocialAccount({ ctx: ctxOf(creator.user), input: { accountId: account.id } });
    expect(await db.select().from(socialAccounts).where(eq(socialAccounts.influencerId, creator.profile.id))).toEqual([]);
    const [moved] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, account.id));
    const [tracked] = await db.select().from(influencers).where(eq(influencers.id, moved.influencerId));
    expect(tracked).toMatchObject({ displayName: handle, userId: null, bio: null, rateMinor: null });
    const rosters = await db.select().from(orgInfluencers).where(eq(orgInfluencers.influencerId, tracked.id));
    expect(rosters.map((r) => [r.orgId, r.displayName])).toEqual([[brand.org.id, 'Trail Runner']]);
    await db.delete(orgInfluencers).where(and(eq(orgInfluencers.orgId, brand.org.id), eq(orgInfluencers.influencerId, creator.profile.id)));
  });
});

describe('fans', () => {
  it('fans find creators by niche and text, follow and unfollow; counts show on the profile', async () => {
    const [fan, fan2] = await Promise.all([createUser('fan'), createUser('fan')]);
    const found = await searchCreators({ ctx: ctxOf(fan), input: { niche: 'outdoors', q: 'trail runner' } });
    expect(found.creators.map((c) => c.id)).toContain(creator.profile.id);
    const db = await getDb();
    await db.insert(socialAccounts).values({ influencerId: creator.profile.id, platform: 'youtube', handle: `trail${uniq()}` });
    const [card] = (await searchCreators({ ctx: ctxOf(fan), input: { q: creator.profile.displayName } })).creators;
    expect(card.accounts.map((a) => a.platform)).toEqual(['youtube']);
    await followInfluencer({ ctx: ctxOf(fan), input: { influencerId: creator.profile.id } });
    await followInfluencer({ ctx: ctxOf(fan), input: { influencerId: creator.profile.id } });
    await followInfluencer({ ctx: ctxOf(fan2), input: { influencerId: creator.profile.id } });
    let profile = await getCreatorProfile({ ctx: ctxOf(fan), input: { influencerId: creator.profile.id } });
    expect(profile).toMatchObject({ fans: 2, following: true, rate: null });
    expect((await getCreatorProfile({ ctx: ctxOf(brand.viewer), input: { influencerId: creator.profile.id } })).rate).toEqual({
      rateMinor: 120_000,
      rateCurrency: 'USD',
    });
    await unfollowInfluencer({ ctx: ctxOf(fan), input: { influencerId: creator.profile.id } });
    profile = await getCreatorProfile({ ctx: ctxOf(fan), input: { influencerId: creator.profile.id } });
    expect(profile).toMatchObject({ fans: 1, following: false });
    await expect(followInfluencer({ ctx: ctxOf(creator.user), input: { influencerId: creator.profile.id } })).rejects.toThrow(
      ForbiddenError,
    );
    const [tracked] = await db.insert(influencers).values({ displayName: 'Tracked only' }).returning();
    await expect(followInfluencer({ ctx: ctxOf(fan), input: { influencerId: tracked.id } })).rejects.toThrow(NotFoundError);
  });
});

describe('discovery and shortlist', () => {
  const videos = latestPerVideo(youtubeRows());
  it('finds the organization’s influencers and creators on Reachboard; the fit score explains itself', async () => {
    await importYoutube(brand.org.slug);
    const db = await getDb();
    const c = await createCampaign({
      orgId: brand.org.id,
      name: `Discover ${uniq()}`,
      category: 'Outdoors',
      currency: 'USD',
      budgetMinor: 1_000_000,
      maxInfluencers: 4,
      status: 'active',
    });
    const found = await discoverInfluencers({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { campaign: c.id, sort: 'fit', category: 'Outdoors' } },
    });
    const me = found.rows.find((r) => r.influencerId === creator.profile.id)!;
    expect(me).toMatchObject({ hasAccount: true, followers: null, shortlisted: false });
    // Niche matches (30); no data for engagement or growth; rate card $1,200 within $2,500 per influencer (15); no history.
    expect(me.fit!.parts.map((p) => [p.key, p.score])).toEqual([
      ['niche', 1],
      ['engagement', null],
      ['growth', null],
      ['budget', 1],
      ['history', null],
      // Engagement concentration is in the breakdown (weight 0): a creator with no posts is not judged.
      ['credibility', null],
    ]);
    // Unknown parts count ½: 30 + 15 + 55 × ½ = 72.5, 45 % measured (it was 100 when they were left out).
    expect(me.fit).toMatchObject({ score: 73, measured: 45 });
    // The imported channels are in discovery with the roster's figures.
    const channels = new Set(videos.map((v) => v.channel));
    const all = await discoverInfluencers({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { campaign: c.id, sort: 'fit' } },
    });
    expect(all.total).toBeGreaterThanOrEqual(channels.size + 1);
    const scored = all.rows.filter((r) => r.fit?.score !== null);
    for (let i = 1; i < scored.length; i++) expect(scored[i - 1].fit!.score!).toBeGreaterThanOrEqual(scored[i].fit!.score!);
    // Ranking by fit reads only the fit's inputs, then the page's full rows: each row is scored as
    // the same listing sorted by followers scores it, and carries its accounts.
    const byFollowers = await discoverInfluencers({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { campaign: c.id, sort: 'followers' } },
    });
    expect(byFollowers.total).toBe(all.total);
    const fitOf = new Map(byFollowers.rows.map((r) => [r.influencerId, r]));
    const both = all.rows.filter((r) => fitOf.has(r.influencerId));
    expect(both.length).toBeGreaterThan(0);
    for (const r of both)
      expect([r.name, r.fit, r.accounts]).toEqual([r.name, fitOf.get(r.influencerId)!.fit, fitOf.get(r.influencerId)!.accounts]);
    expect(all.rows.filter((r) => r.followers !== null).every((r) => r.accounts.length > 0)).toBe(true);
    await expect(discoverInfluencers({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug, query: {} } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      discoverInfluencers({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, query: { campaign: c.id } } }),
    ).rejects.toThrow(NotFoundError);

    await expect(
      addToShortlist({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id } }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      addToShortlist({ ctx: ctxOf(other.manager), input: { orgSlug: other.org.slug, campaignId: c.id, influencerId: creator.profile.id } }),
    ).rejects.toThrow(NotFoundError);
    // A tracked profile only another organization has on its roster: its id reveals nothing.
    const [theirs] = await db.insert(influencers).values({ displayName: 'Only On Their Roster' }).returning();
    await db.insert(orgInfluencers).values({ orgId: other.org.id, influencerId: theirs.id, source: 'import' });
    await expect(
      addToShortlist({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: theirs.id } }),
    ).rejects.toThrow('Influencer not found');
    await db.insert(orgInfluencers).values({ orgId: brand.org.id, influencerId: theirs.id, source: 'import' });
    await addToShortlist({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: theirs.id } });
    await removeFromShortlist({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: theirs.id } });
    await addToShortlist({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id },
    });
    await addToShortlist({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id },
    });
    let list = await listShortlist({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id } });
    expect(list.map((r) => [r.influencerId, r.hasAccount, r.offerStatus])).toEqual([[creator.profile.id, true, null]]);
    await sendOffer({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        campaignId: c.id,
        influencerId: creator.profile.id,
        terms: { fee: '900', deliverables: [{ title: 'Reel', platform: 'instagram' }] },
      },
    });
    list = await listShortlist({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id } });
    expect(list[0].offerStatus).toBe('pending');
    const again = await discoverInfluencers({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { campaign: c.id, q: creator.profile.displayName } },
    });
    expect(again.rows.find((r) => r.influencerId === creator.profile.id)?.shortlisted).toBe(true);
    await removeFromShortlist({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, campaignId: c.id, influencerId: creator.profile.id },
    });
    expect(await listShortlist({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id } })).toEqual([]);
  });
});

describe('notifications', () => {
  it('the bell counts unread; reading clears it; an email kind switched off sends no email', async () => {
    const target = await createInfluencerUser();
    const before = await listNotifications({ ctx: ctxOf(target.user), input: undefined });
    expect(before.unread).toBe(0);
    await updateEmailPreferences({ ctx: ctxOf(target.user), input: { enabled: ['message', 'offer_accepted'] } });
    expect((await getEmailPreferences({ ctx: ctxOf(target.user), input: undefined })).offer_received).toBe(false);
    await expect(updateEmailPreferences({ ctx: ctxOf(target.user), input: { enabled: ['sms'] } })).rejects.toThrow(/^sms: /);
    const c = await createCampaign({ orgId: brand.org.id, name: `Bell ${uniq()}`, status: 'active' });
    await sendOffer({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        campaignId: c.id,
        influencerId: target.profile.id,
        terms: { fee: '100', deliverables: [{ title: 'Post', platform: 'tiktok' }] },
      },
    });
    const after = await listNotifications({ ctx: ctxOf(target.user), input: undefined });
    expect(after.unread).toBe(1);
    expect(after.items[0]).toMatchObject({ kind: 'offer_received', title: `${brand.org.name} sent you an offer for ${c.name}` });
    expect(await lastEmailTo(target.user.email)).toBeUndefined();
    await markNotificationsRead({ ctx: ctxOf(brand.owner), input: { id: after.items[0].id } });
    expect((await listNotifications({ ctx: ctxOf(target.user), input: undefined })).unread).toBe(1);
    await markNotificationsRead({ ctx: ctxOf(target.user), input: {} });
    expect((await listNotifications({ ctx: ctxOf(target.user), input: undefined })).unread).toBe(0);
  });
});
