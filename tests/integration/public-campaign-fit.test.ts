import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { influencers } from '@/db/schema';
import { listPublicCampaigns } from '@/lib/campaigns/list-public-campaigns';
import { createCampaign, createInfluencerUser, createOrg, createUser, ctxOf, uniq } from '../factories';

describe('public campaigns for a creator', () => {
  it('are ordered by how well they fit the creator’s niche and rate card, each fit explained', async () => {
    const [brand, creator] = await Promise.all([createOrg({ approved: true }), createInfluencerUser()]);
    const db = await getDb();
    await db
      .update(influencers)
      .set({ category: 'Outdoors', rateMinor: 50_000, rateCurrency: 'USD' })
      .where(eq(influencers.id, creator.profile.id));
    const tag = uniq();
    const open = { orgId: brand.org.id, currency: 'USD', status: 'active' as const, visibility: 'public' as const };
    const [outdoors, beauty, bare] = await Promise.all([
      createCampaign({ ...open, name: `Outdoors ${tag}`, category: 'Outdoors', budgetMinor: 400_000, maxInfluencers: 4 }),
      createCampaign({ ...open, name: `Beauty ${tag}`, category: 'Beauty', budgetMinor: 400_000, maxInfluencers: 4 }),
      createCampaign({ ...open, name: `Bare ${tag}` }),
    ]);
    const { campaigns, query } = await listPublicCampaigns({ ctx: ctxOf(creator.user), input: { q: tag } });
    expect(query.sort).toBe('fit');
    // Outdoors: niche 30 + budget 15 ($1,000 a creator ≥ the $500 rate) + ½ × 55 unknown = 72.5 → 73;
    // beauty: 0 + 15 + 27.5 = 42.5 → 43; bare (no niche, no budget): nothing known, no score, last.
    expect(campaigns.map((c) => [c.id, c.fit?.score])).toEqual([
      [outdoors.id, 73],
      [beauty.id, 43],
      [bare.id, null],
    ]);
    expect(campaigns[0].fit!.parts.map((p) => p.detail)).toEqual([
      'Both Outdoors',
      'Engagement rate not measured',
      'No follower count 30 days back',
      'Rate card fits the budget per influencer',
      'No earlier collaboration with you',
    ]);
    // An admin browsing sees no fit, sorted by start date.
    const admin = await createUser('admin');
    const seen = await listPublicCampaigns({ ctx: ctxOf(admin), input: { q: tag } });
    expect(seen.query.sort).toBe('startsOn');
    expect(seen.campaigns.every((c) => c.fit === null)).toBe(true);
  });
});
