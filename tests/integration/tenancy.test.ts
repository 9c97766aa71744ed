import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { influencers, posts, socialAccounts } from '@/db/schema';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { getOverview } from '@/lib/analytics/get-overview';
import { getPostDrilldown } from '@/lib/analytics/get-post-drilldown';
import { listRoster } from '@/lib/analytics/list-roster';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { reviewDeliverable } from '@/lib/deliverables/review-deliverable';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { influencerPostsCsv } from '@/lib/exports/posts-csv';
import { importFile } from '@/lib/imports/import-file';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, textOf, uniq } from '../factories';
import { systemCtx } from '@/lib/context';

// The probe of the security review: a stranger's workspace imports a real post id under its own
// handle, title and a phishing URL; a brand then imports the real post.
const postId = `vid${uniq()}`;
const realHandle = `real-${uniq()}`;
const dir = fs.mkdtempSync(path.join(tmpdir(), 'reachboard-tenancy-'));
function csv(name: string, rows: string[][]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
  return file;
}
const mapping = {
  version: 1,
  kind: 'post',
  columns: {
    platformPostId: 'video_id',
    accountHandle: 'channel',
    accountDisplayName: 'channel_name',
    title: 'title',
    url: 'url',
    tags: 'tags',
    views: 'views',
    likes: 'likes',
    capturedAt: 'date',
    publishedAt: 'published',
  },
  constants: { platform: 'youtube' },
  options: { dateFormat: 'yyyy-MM-dd' },
} as const;
const header = ['video_id', 'channel', 'channel_name', 'title', 'url', 'tags', 'views', 'likes', 'date', 'published'];
const PHISH = 'https://phish.example/login';
const REAL_URL = `https://www.youtube.com/watch?v=${postId}`;

let attacker: Awaited<ReturnType<typeof createOrg>>;
let brand: Awaited<ReturnType<typeof createOrg>>;
let creator: Awaited<ReturnType<typeof createInfluencerUser>>;
let realProfileId: string;
let sharedPostId: string;

beforeAll(async () => {
  [attacker, brand, creator] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true }), createInfluencerUser()]);
  const db = await getDb();
  // The real creator's verified account.
  await db.update(influencers).set({ verifiedAt: new Date() }).where(eq(influencers.id, creator.profile.id));
  await db.insert(socialAccounts).values({ influencerId: creator.profile.id, platform: 'youtube', handle: realHandle });
  realProfileId = creator.profile.id;
  await importFile({
    ctx: systemCtx('test'),
    input: {
      orgSlug: attacker.org.slug,
      filePath: csv('poison.csv', [
        header,
        [postId, 'attacker', 'Attacker TV', 'Free gift cards', PHISH, 'giftcards', '12', '3', '2026-11-01', '2026-10-30'],
      ]),
      mapping,
    },
  });
  await importFile({
    ctx: systemCtx('test'),
    input: {
      orgSlug: brand.org.slug,
      filePath: csv('real.csv', [
        header,
        [
          postId,
          realHandle,
          'Real Creator',
          'Trail jacket in the rain',
          REAL_URL,
          'hiking|northwindtrail',
          '999999',
          '42000',
          '2026-11-01',
          '2026-10-31',
        ],
      ]),
      mapping,
    },
  });
  [{ id: sharedPostId }] = await db.select({ id: posts.id }).from(posts).where(eq(posts.platformPostId, postId));
});

describe('imported data belongs to the organization that imported it', () => {
  it('each organization sees its own title, URL, account and numbers on every page', async () => {
    const period = { from: '2026-10-01', to: '2026-11-30' };
    const brandTop = (await getOverview({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, period } })).topPosts;
    expect(brandTop.map((p) => [p.title, p.url, p.handle, p.views])).toEqual([['Trail jacket in the rain', REAL_URL, realHandle, 999_999]]);
    const theirTop = (await getOverview({ ctx: ctxOf(attacker.viewer), input: { orgSlug: attacker.org.slug, period } })).topPosts;
    expect(theirTop.map((p) => [p.title, p.url, p.handle, p.views])).toEqual([['Free gift cards', PHISH, 'attacker', 12]]);

    const drill = await getPostDrilldown({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, postId: sharedPostId } });
    expect(drill.post).toMatchObject({ title: 'Trail jacket in the rain', url: REAL_URL, tags: ['hiking', 'northwindtrail'] });
    expect(drill.account.handle).toBe(realHandle);
    expect(drill.influencer).toEqual({ id: realProfileId, name: 'Real Creator' });

    const roster = await listRoster({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: {} } });
    expect(roster.rows.map((r) => [r.name, r.accounts.map((a) => a.handle)])).toEqual([['Real Creator', [realHandle]]]);
    const analytics = await getInfluencerAnalytics({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, influencerId: realProfileId },
    });
    expect(analytics.posts.map((p) => [p.title, p.url, p.views])).toEqual([['Trail jacket in the rain', REAL_URL, 999_999]]);

    const exported = await influencerPostsCsv({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, influencerId: realProfileId },
    });
    const text = await textOf(exported.chunks);
    expect(text).toContain(
      `,youtube,${realHandle},Trail jacket in the rain,,hiking | northwindtrail,2026-10-31T00:00:00.000Z,true,999999,42000,`,
    );
    expect(text).not.toContain('phish.example');
    expect(text).not.toContain('gift cards');
  });

  it('the shared post holds nothing any import wrote', async () => {
    const db = await getDb();
    const [shared] = await db.select().from(posts).where(eq(posts.id, sharedPostId));
    expect(shared).toMatchObject({ socialAccountId: null, title: null, url: null, publishedAt: null, tags: [] });
    const [attackerAccount] = await db
      .select({ influencerId: socialAccounts.influencerId })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, 'youtube'), eq(socialAccounts.handle, 'attacker')));
    const [attackerProfile] = await db.select().from(influencers).where(eq(influencers.id, attackerAccount.influencerId));
    // A tracked profile an import creates is named after its handle, not after the file.
    expect(attackerProfile).toMatchObject({ displayName: 'attacker', country: null, category: null, userId: null });
  });

  it('the real creator’s deliverable for their own post is accepted and joins the brand’s report with the brand’s numbers', async () => {
    const c = await createCampaign({ orgId: brand.org.id, name: `Tenancy ${uniq()}`, currency: 'USD', status: 'active' });
    const { id } = await sendOffer({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        campaignId: c.id,
        influencerId: realProfileId,
        terms: { fee: '500', deliverables: [{ title: 'Video', platform: 'youtube' }] },
      },
    });
    await respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } });
    const [collab] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
    await submitDeliverable({ ctx: ctxOf(creator.user), input: { deliverableId: collab.deliverables[0].id, postUrl: REAL_URL } });
    await reviewDeliverable({ ctx: ctxOf(brand.manager), input: { deliverableId: collab.deliverables[0].id, decision: 'approve' } });
    const report = await getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: c.id } });
    expect(report.posts.map((p) => [p.title, p.handle, p.views])).toEqual([['Trail jacket in the rain', realHandle, 999_999]]);
  });
});
