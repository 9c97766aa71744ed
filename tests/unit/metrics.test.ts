import { describe, expect, it } from 'vitest';
import { conversionRate, conversionsPerThousandImpressions, cpa, cpc, cpe, cpm, cpv, roas, roi } from '@/lib/metrics/cost';
import { DEFAULT_EMV_VALUES, emv } from '@/lib/metrics/emv';
import { engagementRate, engagements, median, perPostEngagement } from '@/lib/metrics/engagement';
import { followerGrowth } from '@/lib/metrics/growth';
import { DEFAULT_TIER_THRESHOLDS, tierOf } from '@/lib/metrics/tier';

// Every expected value below is worked out by hand in the comment next to it.

describe('engagements and engagement rate', () => {
  it('adds the known interactions and names the unknown ones', () => {
    // 320,053 likes + 46,245 comments (the Logan Paul row of the YouTube export); no shares/saves in that export.
    expect(engagements({ likes: 320_053, comments: 46_245, shares: null, saves: null })).toEqual({
      value: 366_298,
      missing: ['shares', 'saves'],
    });
    expect(engagements({ likes: null, comments: null, shares: null, saves: null }).value).toBeNull();
  });

  it('divides by each base', () => {
    const i = { likes: 80, comments: 15, shares: 3, saves: 2 }; // 100 engagements
    expect(engagementRate(i, 'followers', 10_000).value).toBeCloseTo(0.01, 12); // 100 / 10,000
    expect(engagementRate(i, 'reach', 2_000).value).toBeCloseTo(0.05, 12); // 100 / 2,000
    expect(engagementRate(i, 'impressions', 4_000).value).toBeCloseTo(0.025, 12); // 100 / 4,000
    expect(engagementRate(i, 'views', 500).value).toBeCloseTo(0.2, 12); // 100 / 500
  });

  it('is unknown, with the reason, for a zero or unknown base', () => {
    const i = { likes: 10, comments: 0, shares: 0, saves: 0 };
    expect(engagementRate(i, 'followers', 0)).toEqual({ value: null, missing: [], reason: 'followers is 0' });
    expect(engagementRate(i, 'reach', null)).toEqual({ value: null, missing: ['reach'], reason: 'reach unknown' });
  });

  it('averages and takes the median per post over known posts', () => {
    const posts = [
      { likes: 10, comments: 0, shares: null, saves: null }, // 10
      { likes: 30, comments: 10, shares: null, saves: null }, // 40
      { likes: 100, comments: 0, shares: null, saves: null }, // 100
      { likes: null, comments: null, shares: null, saves: null }, // unknown
    ];
    const r = perPostEngagement(posts);
    expect(r.average.value).toBe(50); // (10 + 40 + 100) / 3
    expect(r.median.value).toBe(40);
    expect(r.average.missing).toEqual(['engagements']);
    expect(r.posts).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([null])).toBeNull();
    expect(perPostEngagement([]).average.value).toBeNull();
  });
});

describe('follower growth', () => {
  it('absolute and percent', () => {
    const g = followerGrowth(40_000, 50_000);
    expect(g.absolute.value).toBe(10_000);
    expect(g.percent.value).toBe(0.25); // 10,000 / 40,000
    expect(followerGrowth(50_000, 40_000).percent.value).toBe(-0.2); // -10,000 / 50,000
  });
  it('unknown when a side is unknown; percent unknown from zero', () => {
    expect(followerGrowth(null, 5).absolute).toEqual({
      value: null,
      missing: ['followers at start'],
      reason: 'followers at start unknown',
    });
    expect(followerGrowth(0, 5).absolute.value).toBe(5);
    expect(followerGrowth(0, 5).percent.reason).toBe('followers at start is 0');
  });
});

describe('cost metrics (minor units)', () => {
  const cost = 250_000; // $2,500.00
  it('per thousand and per unit', () => {
    expect(cpm(cost, 500_000).value).toBe(500); // 250,000 / 500,000 × 1,000 = 500 cents = $5.00
    expect(cpe(cost, 10_000).value).toBe(25); // $0.25
    expect(cpe(cost, { value: 10_000, missing: ['saves'] })).toEqual({ value: 25, missing: ['saves'] });
    expect(cpv(cost, 1_000_000).value).toBe(0.25); // a quarter of a cent
    expect(cpc(cost, 2_000).value).toBe(125); // $1.25
    expect(cpa(cost, 50).value).toBe(5_000); // $50.00
    expect(conversionRate(50, 2_000).value).toBe(0.025); // 50 / 2,000
    expect(conversionsPerThousandImpressions(50, 500_000).value).toBe(0.1); // 50 / 500,000 × 1,000
  });
  it('ROI and ROAS', () => {
    expect(roi(1_000_000, cost).value).toBe(3); // (10,000 − 2,500) / 2,500
    expect(roi(100_000, cost).value).toBe(-0.6); // (1,000 − 2,500) / 2,500
    expect(roas(1_000_000, cost).value).toBe(4); // 10,000 / 2,500
  });
  it('never divide by zero or guess an unknown', () => {
    expect(cpm(cost, 0)).toEqual({ value: null, missing: [], reason: 'impressions is 0' });
    expect(cpa(null, 10)).toEqual({ value: null, missing: ['cost'], reason: 'cost unknown' });
    expect(roi(500, 0)).toEqual({ value: null, missing: [], reason: 'cost is 0' });
    expect(roi(null, cost).missing).toEqual(['revenue']);
    expect(roas(100, 0).value).toBeNull();
  });
});

describe('EMV', () => {
  it('sums count × value and names the unknown counts', () => {
    // 10,000 impressions × 0.5 + 2,000 likes × 8 + 100 comments × 40 = 5,000 + 16,000 + 4,000 = 25,000 cents
    const r = emv({ impressions: 10_000, likes: 2_000, comments: 100, views: null });
    expect(r.value).toBe(25_000);
    expect(r.missing).toEqual(['views', 'shares', 'saves', 'clicks']);
    expect(emv({ likes: 10 }, { ...DEFAULT_EMV_VALUES, likes: 100 }).value).toBe(1_000); // custom table
    expect(emv({}).value).toBeNull();
  });
});

describe('tiers', () => {
  it.each([
    [999, null],
    [1_000, 'nano'],
    [9_999, 'nano'],
    [10_000, 'micro'],
    [50_000, 'mid'],
    [499_999, 'mid'],
    [500_000, 'macro'],
    [1_000_000, 'mega'],
    [475_800_000, 'mega'],
    [null, null],
  ])('%s followers → %s', (followers, tier) => expect(tierOf(followers)).toBe(tier));
  it('uses configured thresholds', () => expect(tierOf(20_000, { ...DEFAULT_TIER_THRESHOLDS, micro: 25_000 })).toBe('nano'));
});
