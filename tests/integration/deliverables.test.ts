import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { campaignPosts, influencers, socialAccounts } from '@/db/schema';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { listCampaigns } from '@/lib/campaigns/list-campaigns';
import { listCampaignCollaborations, listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { reviewDeliverable } from '@/lib/deliverables/review-deliverable';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, uniq } from '../factories';
import { importYoutube, latestPerVideo, youtubeRows } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let creator: Awaited<ReturnType<typeof createInfluencerUser>>;
let campaignId: string;
let deliverableIds: string[];
const videos = latestPerVideo(youtubeRows());
// A channel of the real file with at least two videos: the creator claims it.
const channel = [...new Set(videos.map((v) => v.channel))].find((ch) => videos.filter((v) => v.channel === ch).length >= 2)!;
const [first] = videos.filter((v) => v.channel === channel);

beforeAll(async () => {
  [brand, other, creator] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true }), createInfluencerUser()]);
  await importYoutube(brand.org.slug);
  const db = await getDb();
  // The creator's profile owns the channel's account (as a claim at sign-up does).
  const [account] = await db
    .select()
    .from(socialAccounts)
    .where(and(eq(socialAccounts.platform, 'youtube'), eq(socialAccounts.handle, channel)));
  await db.update(socialAccounts).set({ influencerId: creator.profile.id }).where(eq(socialAccounts.id, account.id));
  await db.update(influencers).set({ category: 'Entertainment' }).where(eq(influencers.id, creator.profile.id));
  const c = await createCampaign({
    orgId: brand.org.id,
    name: `Deliverables ${uniq()}`,
    currency: 'USD',
    status: 'active',
    visibility: 'public',
    goals: { views: first.views * 4 },
    taskProgressWeight: 0.5,
  });
  campaignId = c.id;
  const { id } = await sendOffer({
    ctx: ctxOf(brand.manager),
    input: {
      orgSlug: brand.org.slug,
      campaignId,
      influencerId: creator.profile.id,
      terms: {
        fee: '1000',
        deliverables: [
          { title: 'Main video', platform: 'youtube' },
          { title: 'Follow-up video', platform: 'youtube' },
        ],
      },
    },
  });
  await respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } });
  const [collab] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
  deliverableIds = collab.deliverables.map((d) => d.id);
});

describe('deliverables', () => {
  it('a submitted link must be a post of the platform, of the creator’s own account', async () => {
    const [d] = deliverableIds;
    await expect(
      submitDeliverable({ ctx: ctxOf(creator.user), input: { deliverableId: d, postUrl: 'https://www.instagram.com/p/abc/' } }),
    ).rejects.toThrow('postUrl: Paste the link of a YouTube post');
    const foreign = videos.find((v) => v.channel !== channel)!;
    await expect(
      submitDeliverable({
        ctx: ctxOf(creator.user),
        input: { deliverableId: d, postUrl: `https://www.youtube.com/watch?v=${foreign.id}` },
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      submitDeliverable({ ctx: ctxOf(brand.manager), input: { deliverableId: d, postUrl: `https://youtu.be/${first.id}` } }),
    ).rejects.toThrow(NotFoundError);
    const [collab] = await listCampaignCollaborations({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    expect(collab.deliverables.map((x) => x.status)).toEqual(['pending', 'pending']);
  });

  it('changes requested, resubmitted, approved: the post joins the campaign report and progress follows', async () => {
    const [d1, d2] = deliverableIds;
    await submitDeliverable({ ctx: ctxOf(creator.user), input: { deliverableId: d1, postUrl: `https://youtu.be/${first.id}` } });
    await expect(reviewDeliverable({ ctx: ctxOf(brand.viewer), input: { deliverableId: d1, decision: 'approve' } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(reviewDeliverable({ ctx: ctxOf(other.manager), input: { deliverableId: d1, decision: 'approve' } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      reviewDeliverable({ ctx: ctxOf(brand.manager), input: { deliverableId: d1, decision: 'request_changes', comment: '' } }),
    ).rejects.toThrow('comment: Say what should change');
    await reviewDeliverable({
      ctx: ctxOf(brand.manager),
      input: { deliverableId: d1, decision: 'request_changes', comment: 'Please add the tracking link' },
    });
    let [collab] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
    expect(collab.deliverables.find((x) => x.id === d1)).toMatchObject({
      status: 'changes_requested',
      reviewComment: 'Please add the tracking link',
    });
    let report = await getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    expect(report.posts).toHaveLength(0);
    expect(report.progress.overall.value).toBe(0);

    await submitDeliverable({
      ctx: ctxOf(creator.user),
      input: { deliverableId: d1, postUrl: `https://www.youtube.com/watch?v=${first.id}&t=3` },
    });
    await expect(
      submitDeliverable({ ctx: ctxOf(creator.user), input: { deliverableId: d1, postUrl: `https://www.youtube.com/watch?v=${first.id}` } }),
    ).rejects.toThrow(/Already submitted/);
    await reviewDeliverable({ ctx: ctxOf(brand.owner), input: { deliverableId: d1, decision: 'approve' } });
    await expect(reviewDeliverable({ ctx: ctxOf(brand.owner), input: { deliverableId: d1, decision: 'approve' } })).rejects.toThrow(
      /Already approved/,
    );
    const db = await getDb();
    const links = await db.select().from(campaignPosts).where(eq(campaignPosts.campaignId, campaignId));
    expect(links.map((l) => [l.source, l.status])).toEqual([['deliverable', 'confirmed']]);

    report = await getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    expect(report.posts.map((p) => [p.title, p.views, p.source])).toEqual([[first.title, first.views, 'deliverable']]);
    expect(report.deliverables).toEqual({ approved: 1, submitted: 0, total: 2 });
    // task 1/2, goal views ¼ of the target: 0.5 × 0.5 + 0.5 × 0.25.
    expect(report.progress.task.value).toBe(0.5);
    expect(report.progress.goal.value).toBeCloseTo(0.25, 10);
    expect(report.progress.overall.value).toBeCloseTo(0.375, 10);
    const listed = (await listCampaigns({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } })).campaigns.find(
      (c) => c.id === campaignId,
    )!;
    expect(listed.progress?.overall.value).toBeCloseTo(0.375, 10);

    // A post not imported yet is recorded for the creator's account; it counts once metrics arrive.
    await submitDeliverable({
      ctx: ctxOf(creator.user),
      input: { deliverableId: d2, postUrl: 'https://www.youtube.com/shorts/NewVideo123' },
    });
    await reviewDeliverable({ ctx: ctxOf(brand.manager), input: { deliverableId: d2, decision: 'approve', comment: 'Great work' } });
    report = await getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    expect(report.posts).toHaveLength(1);
    expect(report.progress.task.value).toBe(1);
    expect(report.progress.overall.value).toBeCloseTo(0.625, 10);
    [collab] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
    expect(collab.deliverables.map((x) => x.status)).toEqual(['approved', 'approved']);
  });
});
