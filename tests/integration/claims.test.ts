import fs from 'node:fs';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import {
  accountClaims,
  collaborations,
  conversations,
  discountCodes,
  influencerMetrics,
  influencers,
  notifications,
  orgInfluencers,
  organizations,
  postSnapshots,
  socialAccounts,
  trackingLinks,
  users,
} from '@/db/schema';
import { createDiscountCode } from '@/lib/attribution/create-discount-code';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { deleteUser } from '@/lib/admin/moderate-user';
import { listRoster } from '@/lib/analytics/list-roster';
import { cancelClaim } from '@/lib/claims/cancel-claim';
import { checkClaim } from '@/lib/claims/check-claim';
import { decideClaim } from '@/lib/claims/decide-claim';
import { listClaimReviews } from '@/lib/claims/list-claim-reviews';
import { listMyClaims } from '@/lib/claims/list-my-claims';
import { requestClaim } from '@/lib/claims/request-claim';
import { requestClaimReview } from '@/lib/claims/request-claim-review';
import { trackAccount } from '@/lib/connectors/track-account';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { listConversations } from '@/lib/inbox/list-conversations';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';
import { importFile } from '@/lib/imports/import-file';
import { API_KEY, resetScenario, scenario, startFakePlatforms } from '../connectors/fake-platforms';
import { createCampaign, createOrg, createUser, ctxOf, rosterRowsStoredAndRecomputed, uniq, signUpConfirmed } from '../factories';
import { systemCtx } from '@/lib/context';

const fake = await startFakePlatforms();
// This file's own channel, so it never shares an account with snapshot-jobs on one Postgres database.
const CLAIMS_CHANNEL = 'UCclaims0000000000000001';
const HANDLE = 'claimslab';
const useChannel = () => Object.assign(scenario, { channelId: CLAIMS_CHANNEL, handle: HANDLE });
process.env.YOUTUBE_API_KEY = API_KEY;
process.env.YOUTUBE_API_BASE_URL = fake.youtubeUrl;
process.env.DAILYMOTION_API_BASE_URL = fake.dailymotionUrl;
afterAll(() => fake.close());
beforeEach(() => {
  resetScenario();
  useChannel();
});

let brand: Awaited<ReturnType<typeof createOrg>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let trackedProfileId: string;

async function creator(name: string, account?: { platform: 'youtube' | 'instagram' | 'dailymotion'; handle: string }) {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${uniq()}@creators.example`;
  const r = await signUpConfirmed({ role: 'influencer', name, email, password: 'a long enough password', ...(account ?? {}) });
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, r.userId));
  return { user, profileId: r.influencerId!, workspace: r.orgSlug! };
}

beforeAll(async () => {
  [brand, admin] = await Promise.all([createOrg({ approved: true }), createUser('admin')]);
  useChannel();
  // The brand tracks the real channel through the API: a tracked profile with its numbers.
  const { socialAccountId } = await trackAccount({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, platform: 'youtube', account: `https://www.youtube.com/channel/${CLAIMS_CHANNEL}` },
  });
  const db = await getDb();
  const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
  trackedProfileId = account.influencerId;
  await db
    .update(orgInfluencers)
    .set({ displayName: 'Trail Lab (our label)' })
    .where(and(eq(orgInfluencers.orgId, brand.org.id), eq(orgInfluencers.influencerId, trackedProfileId)));
  // The brand already works with the tracked profile: a collaboration with a tracking link and a code.
  const campaign = await createCampaign({ orgId: brand.org.id, name: 'Claims links' });
  await db
    .insert(collaborations)
    .values({ campaignId: campaign.id, influencerId: trackedProfileId, agreedFeeMinor: 1_000, currency: 'USD' });
  await createTrackingLinks({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, campaignId: campaign.id, destinationUrl: 'https://shop.example/' },
  });
  await createDiscountCode({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, campaignId: campaign.id, influencerId: trackedProfileId, code: 'LAB10' },
  });
});

describe('claiming a tracked YouTube channel with the verification code', () => {
  it('an impostor who types the handle gets nothing: the check reads the channel and does not find their code', async () => {
    const impostor = await creator('Impostor', { platform: 'youtube', handle: HANDLE });
    const [claim] = await listMyClaims({ ctx: ctxOf(impostor.user), input: undefined });
    expect(claim).toMatchObject({ platform: 'youtube', handle: HANDLE, status: 'pending', automatic: true });
    const result = await checkClaim({ ctx: ctxOf(impostor.user), input: { claimId: claim.id } });
    expect(result).toEqual({
      verified: false,
      message: `The code ${claim.code} is not in the description of @${HANDLE} on YouTube yet. Add it, save, and check again (it can take a minute to show).`,
    });
    const db = await getDb();
    const [tracked] = await db.select().from(influencers).where(eq(influencers.id, trackedProfileId));
    expect(tracked.userId).toBeNull();
    const [mine] = await db.select().from(influencers).where(eq(influencers.id, impostor.profileId));
    expect(mine.verifiedAt).toBeNull();
    // Nobody else can check or review someone's claim.
    const other = await creator('Other');
    await expect(checkClaim({ ctx: ctxOf(other.user), input: { claimId: claim.id } })).rejects.toThrow(NotFoundError);
    await expect(
      requestClaimReview({ ctx: ctxOf(other.user), input: { claimId: claim.id, evidence: 'it is mine, trust me' } }),
    ).rejects.toThrow(NotFoundError);
    await expect(checkClaim({ ctx: ctxOf(brand.manager), input: { claimId: claim.id } })).rejects.toThrow(ForbiddenError);
    await cancelClaim({ ctx: ctxOf(impostor.user), input: { claimId: claim.id } });
    expect(await listMyClaims({ ctx: ctxOf(impostor.user), input: undefined })).toEqual([]);
  });

  it('the owner puts the code in the channel description: the channel joins their profile, verified, and the tracked profile merges into it', async () => {
    const owner = await creator('Trail Lab Team', { platform: 'youtube', handle: '@ClaimsLab' });
    const [claim] = await listMyClaims({ ctx: ctxOf(owner.user), input: undefined });
    scenario.youtubeDescription = `Gear tests on real trails.\nReachboard verification: ${claim.code}`;
    expect(await checkClaim({ ctx: ctxOf(owner.user), input: { claimId: claim.id } })).toEqual({
      verified: true,
      message: `Verified: the code is in the description of @${HANDLE}.`,
    });
    const db = await getDb();
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.platformAccountId, CLAIMS_CHANNEL));
    expect(account).toMatchObject({ influencerId: owner.profileId, handle: HANDLE, displayName: 'Trail Lab' });
    const [profile] = await db.select().from(influencers).where(eq(influencers.id, owner.profileId));
    expect(profile.verifiedAt).not.toBeNull();
    expect(await db.select().from(influencers).where(eq(influencers.id, trackedProfileId))).toEqual([]);
    // The brand keeps the channel on its roster, under its own label, with its API numbers.
    const roster = await listRoster({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: {} } });
    const row = roster.rows.find((r) => r.influencerId === owner.profileId)!;
    expect(row).toMatchObject({ name: 'Trail Lab (our label)', claimed: true, verified: true, followers: 123_400 });
    const [{ n }] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, brand.org.id));
    expect(n).toBe(50);
    const [done] = await db.select().from(accountClaims).where(eq(accountClaims.id, claim.id));
    expect(done).toMatchObject({ status: 'verified', method: 'bio_code', socialAccountId: account.id });
    // The brand's tracking link and discount code follow the channel to the claimed profile.
    expect((await db.select().from(trackingLinks).where(eq(trackingLinks.orgId, brand.org.id))).map((l) => l.influencerId)).toEqual([
      owner.profileId,
    ]);
    expect(
      (await db.select().from(discountCodes).where(eq(discountCodes.orgId, brand.org.id))).map((c) => [c.code, c.influencerId]),
    ).toEqual([['LAB10', owner.profileId]]);
    // The merged-away profile left no roster row behind; every stored row matches a recomputation.
    expect(await db.select().from(influencerMetrics).where(eq(influencerMetrics.influencerId, trackedProfileId))).toEqual([]);
    const rows = await rosterRowsStoredAndRecomputed();
    expect(rows.stored).toEqual(rows.recomputed);
  });

  it('once verified, nobody else can claim the channel', async () => {
    const late = await creator('Late Impostor');
    await expect(requestClaim({ ctx: ctxOf(late.user), input: { platform: 'youtube', handle: HANDLE } })).rejects.toThrow(
      new ConflictError(`@${HANDLE} on youtube is verified by another Reachboard creator. Contact support if it is yours.`),
    );
  });
});

describe('platforms without a connector go to an admin’s review', () => {
  it('the creator gives evidence, an admin approves after seeing the code; a rejection comes with its reason', async () => {
    const handle = `insta${uniq()}`;
    const maker = await creator('Insta Maker', { platform: 'instagram', handle });
    const [claim] = await listMyClaims({ ctx: ctxOf(maker.user), input: undefined });
    expect(claim.automatic).toBe(false);
    await expect(checkClaim({ ctx: ctxOf(maker.user), input: { claimId: claim.id } })).rejects.toThrow(
      new ValidationError('Reachboard cannot read Instagram profiles automatically: ask for a review instead'),
    );
    await expect(requestClaimReview({ ctx: ctxOf(maker.user), input: { claimId: claim.id, evidence: 'bio' } })).rejects.toThrow(
      'evidence: Say where an admin can see the code, e.g. the link to your profile',
    );
    await requestClaimReview({
      ctx: ctxOf(maker.user),
      input: { claimId: claim.id, evidence: `https://www.instagram.com/${handle}/ (first line of the bio)` },
    });
    const queue = await listClaimReviews({ ctx: ctxOf(admin), input: undefined });
    const item = queue.find((q) => q.id === claim.id)!;
    expect(item).toMatchObject({
      platform: 'instagram',
      handle,
      code: claim.code,
      evidence: `https://www.instagram.com/${handle}/ (first line of the bio)`,
      creator: { influencerId: maker.profileId, name: 'Insta Maker', verified: false },
      heldBy: { kind: 'nobody' },
    });
    await expect(listClaimReviews({ ctx: ctxOf(brand.owner), input: undefined })).rejects.toThrow(ForbiddenError);
    await expect(decideClaim({ ctx: ctxOf(maker.user), input: { claimId: claim.id, decision: 'approve' } })).rejects.toThrow(
      ForbiddenError,
    );
    await decideClaim({ ctx: ctxOf(admin), input: { claimId: claim.id, decision: 'approve' } });
    await expect(decideClaim({ ctx: ctxOf(admin), input: { claimId: claim.id, decision: 'approve' } })).rejects.toThrow(
      'This claim is already verified',
    );
    const db = await getDb();
    const [account] = await db
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, 'instagram'), eq(socialAccounts.handle, handle)));
    expect(account.influencerId).toBe(maker.profileId);
    const [told] = await db.select().from(notifications).where(eq(notifications.userId, maker.user.id));
    expect(told.title).toBe(`@${handle} on Instagram is verified: it is on your profile`);

    const second = await requestClaim({ ctx: ctxOf(maker.user), input: { platform: 'instagram', handle: `${handle}_backup` } });
    await requestClaimReview({ ctx: ctxOf(maker.user), input: { claimId: second.id, evidence: 'https://www.instagram.com/backup/' } });
    await expect(decideClaim({ ctx: ctxOf(admin), input: { claimId: second.id, decision: 'reject' } })).rejects.toThrow(
      'reason: Say why, the creator reads it',
    );
    await decideClaim({ ctx: ctxOf(admin), input: { claimId: second.id, decision: 'reject', reason: 'The code is not in the bio' } });
    const mine = await listMyClaims({ ctx: ctxOf(maker.user), input: undefined });
    expect(mine.map((c) => [c.handle, c.status, c.rejectionReason])).toEqual([
      [`${handle}_backup`, 'rejected', 'The code is not in the bio'],
    ]);
  });
});

describe('deleting a creator hands nothing on', () => {
  it('a handle freed by deletion starts empty: the next verified owner sees none of the deleted creator’s conversations, profile or workspace', async () => {
    const handle = `gone${uniq()}`;
    const first = await creator('First Owner', { platform: 'instagram', handle });
    const db = await getDb();
    await db
      .update(influencers)
      .set({ bio: 'My private bio', rateMinor: 90_000, rateCurrency: 'USD' })
      .where(eq(influencers.id, first.profileId));
    const [claim] = await listMyClaims({ ctx: ctxOf(first.user), input: undefined });
    await requestClaimReview({ ctx: ctxOf(first.user), input: { claimId: claim.id, evidence: 'https://www.instagram.com/gone/' } });
    await decideClaim({ ctx: ctxOf(admin), input: { claimId: claim.id, decision: 'approve' } });
    // A brand talks with them, and their workspace holds an import.
    const { id: conversationId } = await startConversation({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, influencerId: first.profileId },
    });
    await sendMessage({ ctx: ctxOf(first.user), input: { conversationId, body: 'My rate is negotiable, here is my phone number' } });
    const [workspace] = await db.select().from(organizations).where(eq(organizations.slug, first.workspace));
    await importFile({
      ctx: systemCtx('test'),
      input: {
        orgSlug: first.workspace,
        filePath: 'db/seed/data/instagram-top-influencers.csv',
        mapping: JSON.parse(fs.readFileSync('db/seed/mappings/instagram-top-influencers.json', 'utf8')),
      },
    });

    await deleteUser({ ctx: ctxOf(admin), input: { userId: first.user.id } });
    const [account] = await db
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, 'instagram'), eq(socialAccounts.handle, handle)));
    const [fresh] = await db.select().from(influencers).where(eq(influencers.id, account.influencerId));
    expect(fresh).toMatchObject({ displayName: handle, userId: null, bio: null, rateMinor: null, verifiedAt: null });
    const [tombstone] = await db.select().from(influencers).where(eq(influencers.id, first.profileId));
    expect(tombstone).toMatchObject({ displayName: 'Deleted creator', userId: null, bio: null, rateMinor: null });
    expect(tombstone.deletedAt).not.toBeNull();
    expect(await db.select().from(organizations).where(eq(organizations.id, workspace.id))).toEqual([]);
    const [{ n }] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, workspace.id));
    expect(n).toBe(0);
    // The brand keeps its side of the conversation, read-only.
    const [brandSide] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(brandSide.influencerId).toBe(first.profileId);
    await expect(sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Still there?' } })).rejects.toThrow(
      'This creator deleted their account: the conversation is read-only',
    );

    const next = await creator('Next Owner', { platform: 'instagram', handle });
    const [nextClaim] = await listMyClaims({ ctx: ctxOf(next.user), input: undefined });
    await requestClaimReview({ ctx: ctxOf(next.user), input: { claimId: nextClaim.id, evidence: 'https://www.instagram.com/next/' } });
    await decideClaim({ ctx: ctxOf(admin), input: { claimId: nextClaim.id, decision: 'approve' } });
    const [now] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, account.id));
    expect(now.influencerId).toBe(next.profileId);
    expect(await listConversations({ ctx: ctxOf(next.user), input: undefined })).toEqual([]);
    const [theirs] = await db.select().from(influencers).where(eq(influencers.id, next.profileId));
    expect(theirs).toMatchObject({ displayName: 'Next Owner', bio: null, rateMinor: null });
    expect(theirs.verifiedAt).not.toBeNull();
    // Detaching and re-attaching the account kept every roster row current.
    const rows = await rosterRowsStoredAndRecomputed();
    expect(rows.stored).toEqual(rows.recomputed);
  });
});
