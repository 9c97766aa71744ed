import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { forecasts, influencers, postSnapshots, posts, socialAccounts } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { systemCtx } from '@/lib/context';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { addToShortlist } from '@/lib/campaigns/add-to-shortlist';
import { listShortlist } from '@/lib/campaigns/list-shortlist';
import { discoverInfluencers } from '@/lib/discovery/discover-influencers';
import { NotFoundError } from '@/lib/errors';
import { forecastCreator } from '@/lib/forecasts/forecast-creator';
import { getForecastAccuracy } from '@/lib/forecasts/get-forecast-accuracy';
import { recordForecastOutcomes } from '@/lib/forecasts/record-forecast-outcomes';
import { FORECAST_MODEL_VERSION, intervalOf, logStats, shrunkLogStats } from '@/lib/metrics/forecast';
import { listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, uniq } from '../factories';
import { importYoutube, latestPerVideo, youtubeRows } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let creator: Awaited<ReturnType<typeof createInfluencerUser>>;
let offerId: string;
const videos = latestPerVideo(youtubeRows());
// The channel with the most videos in the real file (17): the creator claims it.
const counts = new Map<string, number>();
for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
const channel = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
const own = videos.filter((v) => v.channel === channel);
const peers = videos.filter((v) => v.channel !== channel);

/** The forecast the model gives from the file, computed here from the file alone. */
function expected(key: 'views' | 'engagements') {
  const of = (v: (typeof videos)[number]) => (key === 'views' ? v.views : v.likes + v.comments);
  const basis = shrunkLogStats(logStats(own.map(of)), logStats(peers.map(of)));
  if ('reason' in basis) throw new Error(basis.reason);
  return { ...intervalOf(basis), weight: basis.weight };
}

beforeAll(async () => {
  [brand, other, creator] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true }), createInfluencerUser()]);
  await importYoutube(brand.org.slug);
  const db = await getDb();
  const [account] = await db
    .select()
    .from(socialAccounts)
    .where(and(eq(socialAccounts.platform, 'youtube'), eq(socialAccounts.handle, channel)));
  await db.update(socialAccounts).set({ influencerId: creator.profile.id }).where(eq(socialAccounts.id, account.id));
  await db.update(influencers).set({ category: 'Entertainment' }).where(eq(influencers.id, creator.profile.id));
}, 120_000);

describe('forecasts', () => {
  it("forecasts a creator's next video from their own 17 videos shrunk toward the organization's other channels", async () => {
    const { forecasts: shown } = await forecastCreator({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, influencerId: creator.profile.id },
    });
    expect(shown).toHaveLength(1);
    const [f] = shown;
    const views = expected('views');
    const engagements = expected('engagements');
    expect(own).toHaveLength(17);
    expect(views.weight).toBeCloseTo(17 / 22, 12);
    expect(f).toMatchObject({ platform: 'youtube', tier: null, cpmMinor: null, completionProbability: null });
    if ('reason' in f.views || 'reason' in f.engagements) throw new Error('expected forecasts');
    expect(f.views).toMatchObject({ ownPosts: 17, priorPosts: peers.length });
    expect(f.views.point).toBeCloseTo(views.point, 6);
    expect(f.views.p10).toBeCloseTo(views.p10, 6);
    expect(f.views.p90).toBeCloseTo(views.p90, 6);
    expect(f.engagements.point).toBeCloseTo(engagements.point, 6);
    // Another organization without the file has nothing to forecast from.
    const { forecasts: none } = await forecastCreator({
      ctx: ctxOf(other.viewer),
      input: { orgSlug: other.org.slug, influencerId: creator.profile.id },
    });
    expect(none[0].views).toEqual({
      reason: 'Not enough data: needs 3 posts of the creator on this platform, or 10 posts of peers (has 0 and 0)',
    });
  });

  it('shows the forecast on the shortlist and in discovery for a campaign, at the rate card or else the budget per creator', async () => {
    const campaign = await createCampaign({
      orgId: brand.org.id,
      name: `Shortlist forecast ${uniq()}`,
      currency: 'USD',
      status: 'active',
      budgetMinor: 300_000,
      maxInfluencers: 3,
    });
    const input = { orgSlug: brand.org.slug, campaignId: campaign.id };
    await addToShortlist({ ctx: ctxOf(brand.manager), input: { ...input, influencerId: creator.profile.id } });
    const views = expected('views');
    const engagements = expected('engagements');
    const [row] = await listShortlist({ ctx: ctxOf(brand.viewer), input });
    // No rate card: the campaign's $3,000 over 3 creators, $1,000 each.
    expect(row.forecast).toMatchObject({ platform: 'youtube', feeMinor: 100_000, feeBasis: 'budget per creator' });
    const f = row.forecast!;
    if ('reason' in f.views || 'reason' in f.engagements) throw new Error('expected forecasts');
    expect(f.views.point).toBeCloseTo(views.point, 6);
    expect(f.engagements.point).toBeCloseTo(engagements.point, 6);
    expect(f.cpeMinor).toBeCloseTo(100_000 / engagements.point, 6);
    expect(f.cpmMinor).toBeCloseTo((100_000 / views.point) * 1000, 6);
    // Discovery for the campaign shows the same forecast on the creator's row.
    const found = await discoverInfluencers({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { campaign: campaign.id, q: creator.profile.displayName } },
    });
    expect(found.rows.find((r) => r.influencerId === creator.profile.id)?.forecast).toEqual(row.forecast);
    // A rate card in the campaign's currency is the fee; one in another currency is not.
    const db = await getDb();
    await db.update(influencers).set({ rateMinor: 80_000, rateCurrency: 'USD' }).where(eq(influencers.id, creator.profile.id));
    const [rated] = await listShortlist({ ctx: ctxOf(brand.viewer), input });
    expect(rated.forecast).toMatchObject({ feeMinor: 80_000, feeBasis: 'rate card' });
    expect(rated.forecast!.cpeMinor).toBeCloseTo(80_000 / engagements.point, 6);
    await db.update(influencers).set({ rateMinor: 80_000, rateCurrency: 'EUR' }).where(eq(influencers.id, creator.profile.id));
    expect((await listShortlist({ ctx: ctxOf(brand.viewer), input }))[0].forecast).toMatchObject({ feeBasis: 'budget per creator' });
    await db.update(influencers).set({ rateMinor: null, rateCurrency: null }).where(eq(influencers.id, creator.profile.id));
    // Another organization reads nothing of this campaign's shortlist.
    expect(await listShortlist({ ctx: ctxOf(other.viewer), input: { orgSlug: other.org.slug, campaignId: campaign.id } })).toEqual([]);
    await expect(listShortlist({ ctx: ctxOf(other.viewer), input })).rejects.toThrow(NotFoundError);
  });

  it('stores a forecast per deliverable when the offer is sent, at its share of the fee, and links it on acceptance', async () => {
    const campaign = await createCampaign({ orgId: brand.org.id, name: `Forecast ${uniq()}`, currency: 'USD', status: 'active' });
    ({ id: offerId } = await sendOffer({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        campaignId: campaign.id,
        influencerId: creator.profile.id,
        terms: {
          fee: '1,000',
          deliverables: [
            { title: 'Main video', platform: 'youtube' },
            { title: 'Follow-up video', platform: 'youtube' },
          ],
        },
      },
    }));
    const db = await getDb();
    const stored = await db.select().from(forecasts).where(eq(forecasts.offerId, offerId)).orderBy(asc(forecasts.offerDeliverableIndex));
    expect(stored).toHaveLength(2);
    const views = expected('views');
    for (const [i, f] of stored.entries()) {
      expect(f).toMatchObject({ orgId: brand.org.id, platform: 'youtube', feeMinor: 50_000, currency: 'USD', offerDeliverableIndex: i });
      expect(f.modelVersion).toBe(FORECAST_MODEL_VERSION);
      expect(f.viewsPoint).toBeCloseTo(views.point, 6);
      expect(f.deliverableId).toBeNull();
    }
    expect(stored[0].inputs).toMatchObject({ k: 5, tier: null, views: { ownPosts: 17, priorPosts: peers.length } });

    await respondToOffer({ ctx: ctxOf(creator.user), input: { offerId, roundNumber: 1, response: { action: 'accept' } } });
    const [collab] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
    const linked = await db.select().from(forecasts).where(eq(forecasts.offerId, offerId)).orderBy(asc(forecasts.offerDeliverableIndex));
    const titleOf = new Map(collab.deliverables.map((d) => [d.id, d.title]));
    expect(linked.map((f) => titleOf.get(f.deliverableId!))).toEqual(['Main video', 'Follow-up video']);
  });

  it('records the 7- and 30-day outcomes from later snapshots once, and shows the error the test computes', async () => {
    const db = await getDb();
    const [{ deliverables }] = await listMyCollaborations({ ctx: ctxOf(creator.user), input: undefined });
    const video = own[0];
    const main = deliverables.find((d) => d.title === 'Main video')!;
    await submitDeliverable({ ctx: ctxOf(creator.user), input: { deliverableId: main.id, postUrl: `https://youtu.be/${video.id}` } });
    // Not yet: the file's captures span 6 days.
    expect(await recordForecastOutcomes({ ctx: systemCtx('test'), input: {} })).toEqual({ '7d': 0, '30d': 0 });

    const [post] = await db.select().from(posts).where(eq(posts.platformPostId, video.id));
    const [{ first }] = rowsOf<{ first: string }>(
      await db.execute(sql`select min(captured_at) as first from post_snapshots where post_id = ${post.id}::uuid`),
    );
    const published = post.publishedAt ?? new Date(first);
    const at = (days: number, hours = 0) => new Date(published.getTime() + days * 86_400_000 + hours * 3_600_000);
    // Later captures, as the scheduled refresh of the channel would bring them.
    await db.insert(postSnapshots).values([
      { postId: post.id, ownerOrgId: null, capturedAt: at(7), views: 2_000_000, likes: 50_000, comments: 4_000, provenance: 'api' },
      { postId: post.id, ownerOrgId: null, capturedAt: at(30, -1), views: 2_600_000, likes: 61_000, comments: 5_000, provenance: 'api' },
      { postId: post.id, ownerOrgId: null, capturedAt: at(31), views: 2_650_000, likes: 61_500, comments: 5_100, provenance: 'api' },
    ]);
    expect(await recordForecastOutcomes({ ctx: systemCtx('test'), input: {} })).toEqual({ '7d': 1, '30d': 1 });
    expect(await recordForecastOutcomes({ ctx: systemCtx('test'), input: {} })).toEqual({ '7d': 0, '30d': 0 });
    const [f] = await db.select().from(forecasts).where(eq(forecasts.deliverableId, main.id));
    expect(f).toMatchObject({ views7d: 2_000_000, engagements7d: 54_000, views30d: 2_600_000, engagements30d: 66_000 });

    const accuracy = await getForecastAccuracy({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } });
    const views = expected('views');
    const engagements = expected('engagements');
    expect(accuracy.perPlatform).toHaveLength(1);
    const [yt] = accuracy.perPlatform;
    expect(yt.platform).toBe('youtube');
    expect(yt.forecasts).toBe(2);
    expect(yt.views.n).toBe(1);
    expect(yt.views.mdape).toBeCloseTo(Math.abs(views.point - 2_600_000) / 2_600_000, 9);
    expect(yt.views.coverage).toBe(2_600_000 >= views.p10 && 2_600_000 <= views.p90 ? 1 : 0);
    expect(yt.engagements.mdape).toBeCloseTo(Math.abs(engagements.point - 66_000) / 66_000, 9);
    expect(accuracy.forecasts).toHaveLength(2);
    expect(accuracy.forecasts[0]).toMatchObject({ influencerName: creator.profile.displayName, platform: 'youtube' });

    // Another organization sees none of it; the outcome job is not a member's to run.
    expect((await getForecastAccuracy({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug } })).perPlatform).toEqual([]);
    await expect(getForecastAccuracy({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug } })).rejects.toThrow(/not found/);
    await expect(recordForecastOutcomes({ ctx: ctxOf(brand.owner), input: {} })).rejects.toThrow(/Only background jobs/);
  });
});
