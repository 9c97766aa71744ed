import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { collaborations, deliverables, orgInfluencers } from '@/db/schema';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { listRoster } from '@/lib/analytics/list-roster';
import { linkPostToCampaign } from '@/lib/campaigns/link-post-to-campaign';
import { discoverInfluencers } from '@/lib/discovery/discover-influencers';
import { forecastCreator } from '@/lib/forecasts/forecast-creator';
import { recommendCreators } from '@/lib/recommendations/recommend-creators';
import { createCampaign, createOrg, ctxOf } from '../factories';
import { importYoutube, latestPerVideo, youtubeRows } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
const videos = latestPerVideo(youtubeRows());
const counts = new Map<string, number>();
for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
// Two channels of the real file with several videos: A delivered, B missed a deliverable.
const [channelA, channelB] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
const engagementsOf = (channel: string) => videos.filter((v) => v.channel === channel).reduce((s, v) => s + v.likes + v.comments, 0);
const ids: Record<string, string> = {};
let pastCampaignId: string;
const entertainmentIds = () => Object.entries(ids).flatMap(([c, id]) => (c !== channelA && c !== channelB ? [id] : []));
let nextCampaignId: string;

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true })]);
  await importYoutube(brand.org.slug);
  const db = await getDb();
  const past = await createCampaign({ orgId: brand.org.id, name: 'Past', currency: 'USD', status: 'completed' });
  pastCampaignId = past.id;
  for (const [channel, fee, status] of [
    [channelA, 100_000, 'approved'],
    [channelB, 200_000, 'pending'],
  ] as const) {
    const roster = await listRoster({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } },
    });
    const id = roster.rows.find((r) => r.accounts.some((a) => a.handle === channel))!.influencerId;
    ids[channel] = id;
    const [collab] = await db
      .insert(collaborations)
      .values({ campaignId: past.id, influencerId: id, agreedFeeMinor: fee, currency: 'USD' })
      .returning();
    await db.insert(deliverables).values({ collaborationId: collab.id, title: 'Video', platform: 'youtube', dueOn: '2017-10-01', status });
    const page = await getInfluencerAnalytics({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, influencerId: id } });
    for (const p of page.posts)
      await linkPostToCampaign({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: past.id, postId: p.postId } });
  }
  // Three other channels of the file share the next campaign's niche (as a brand sets it on its roster).
  const entertainment = [...counts.keys()].filter((c) => c !== channelA && c !== channelB).slice(0, 3);
  for (const channel of entertainment) {
    const roster = await listRoster({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } },
    });
    const id = roster.rows.find((r) => r.accounts.some((a) => a.handle === channel))!.influencerId;
    ids[channel] = id;
    await db
      .update(orgInfluencers)
      .set({ category: 'Entertainment' })
      .where(and(eq(orgInfluencers.orgId, brand.org.id), eq(orgInfluencers.influencerId, id)));
  }
  const next = await createCampaign({
    orgId: brand.org.id,
    name: 'Next',
    currency: 'USD',
    status: 'draft',
    category: 'Entertainment',
    budgetMinor: 1_000_000,
    maxInfluencers: 4,
  });
  nextCampaignId = next.id;
}, 120_000);

describe('recommendations', () => {
  it('recommends working again with the creator of the best measured CPE, and flags the one who missed a deliverable', async () => {
    const r = await recommendCreators({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } });
    const a = engagementsOf(channelA);
    expect(r.again).toEqual([
      {
        influencerId: ids[channelA],
        name: expect.any(String),
        reasons: [
          `CPE $${(100_000 / a / 100).toFixed(4)} over 1 campaign ($1,000 for ${a.toLocaleString('en-US')} engagements)`,
          'Delivered the deliverable due',
        ],
      },
    ]);
    expect(r.avoid).toEqual([
      { influencerId: ids[channelB], name: expect.any(String), reasons: ['Missed 1 of 1 deliverable past their due date'] },
    ]);
  });

  it('suggests creators to try for the newest open campaign by fit, never ones already worked with', async () => {
    const r = await recommendCreators({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug } });
    expect(r.campaign?.id).toBe(nextCampaignId);
    const found = await discoverInfluencers({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, query: { campaign: nextCampaignId, sort: 'fit', category: 'Entertainment' } },
    });
    const expected = found.rows
      .filter(
        (row) => ![ids[channelA], ids[channelB]].includes(row.influencerId) && (row.fit?.score ?? 0) >= 60 && !row.concentration.severity,
      )
      .slice(0, 5);
    // The three of the campaign's niche, each 30 (niche) + ½ × 70 (parts unknown in a trending export) = 65.
    expect(expected).toHaveLength(3);
    expect(r.try.map((t) => t.influencerId).sort()).toEqual(entertainmentIds().sort());
    expect(r.try.map((t) => t.influencerId)).toEqual(expected.map((e) => e.influencerId));
    // No rate cards: the forecast is at the campaign's budget per creator, $10,000 ÷ 4 = $2,500.
    const { forecasts } = await forecastCreator({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, influencerId: r.try[0].influencerId },
    });
    const point = (forecasts[0].engagements as { point: number }).point;
    expect(r.try[0].reasons).toEqual([
      'Fit 65 of 100 for Next',
      `Forecast CPE $${(250_000 / point / 100).toFixed(4)} at $2,500`,
      'Niche: Entertainment',
    ]);
    for (const [i, t] of r.try.entries()) expect(t.reasons[0]).toBe(`Fit ${Math.round(expected[i].fit!.score!)} of 100 for Next`);
    // For a chosen campaign too; another organization's campaign is not found.
    const forPast = await recommendCreators({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: pastCampaignId } });
    expect(forPast.campaign?.name).toBe('Past');
    await expect(
      recommendCreators({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, campaignId: nextCampaignId } }),
    ).rejects.toThrow(/Campaign not found/);
    const theirs = await recommendCreators({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug } });
    expect(theirs).toMatchObject({ again: [], avoid: [], try: [], campaign: null });
  });
});
