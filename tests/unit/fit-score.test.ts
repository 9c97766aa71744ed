import { describe, expect, it } from 'vitest';
import { fitScore, fitScoreValue } from '@/lib/metrics/fit-score';

const unknown = {
  campaignCategory: 'Outdoor',
  influencerCategory: null,
  engagementRate: null,
  tierMedianEngagementRate: 0.02,
  growth30d: null,
  followers: null,
  budgetPerInfluencerMinor: 200_000,
  rateMinor: null,
  history: null,
};

describe('fit score', () => {
  it('keeps a creator known only by a matching niche near the middle, below a measured strong creator', () => {
    const nicheOnly = fitScore({ ...unknown, influencerCategory: 'outdoor' });
    // 30 × 1 + 70 × ½ (unknown parts) = 65; it scored 100 when unknown parts were left out.
    expect(nicheOnly).toMatchObject({ score: 65, measured: 30 });
    expect(nicheOnly.parts.map((p) => [p.key, p.score])).toEqual([
      ['niche', 1],
      ['engagement', null],
      ['growth', null],
      ['budget', null],
      ['history', null],
    ]);
    const strong = fitScore({
      ...unknown,
      influencerCategory: 'Outdoor',
      engagementRate: 0.04,
      growth30d: 0.05,
      followers: 150_000,
      history: { approved: 3, total: 4 },
    });
    // 30 + 25 + 15 + 15 (fee 150,000 ≤ 200,000) + 15 × ¾ = 96.25.
    expect(strong).toMatchObject({ score: 96, measured: 100 });
    expect(strong.score!).toBeGreaterThan(nicheOnly.score!);
  });

  it('shows engagement concentration in the breakdown without changing the score', () => {
    const even = fitScore({ ...unknown, influencerCategory: 'outdoor', concentrationCv: 0.88 });
    const pod = fitScore({ ...unknown, influencerCategory: 'outdoor', concentrationCv: 2.4 });
    expect(even.score).toBe(65);
    expect(pod.score).toBe(65);
    expect(even.parts.at(-1)).toEqual({
      key: 'credibility',
      label: 'Engagement concentration (shown, not scored)',
      weight: 0,
      score: 1,
      detail: 'Coefficient of variation 0.88: engagement spread evenly',
    });
    expect(pod.parts.at(-1)).toMatchObject({
      score: 1 / 3,
      detail: 'Coefficient of variation 2.40: engagement sits in a few posts — open the signals',
    });
  });

  it('scores a measured average creator on what is known, and nothing known as unknown', () => {
    const average = fitScore({
      ...unknown,
      influencerCategory: 'Beauty',
      engagementRate: 0.02,
      growth30d: -0.01,
      followers: 400_000,
    });
    // niche 0, engagement ½ × 25, growth 0, budget ½ × 15, history unknown ½ × 15 = 27.5.
    expect(average).toMatchObject({ score: 28, measured: 85 });
    expect(fitScore({ ...unknown, campaignCategory: null, tierMedianEngagementRate: null, budgetPerInfluencerMinor: null })).toMatchObject({
      score: null,
      measured: 0,
    });
  });

  it('ranks on the same score the breakdown shows, for every mix of known and unknown parts', () => {
    // Discovery ranks 10,000 creators on fitScoreValue and shows fitScore for the page: they must agree.
    let cases = 0;
    const mismatches: unknown[] = [];
    for (const influencerCategory of [null, 'outdoor', 'Beauty'])
      for (const engagementRate of [null, 0, 0.013, 0.05])
        for (const tierMedianEngagementRate of [null, 0, 0.02])
          for (const growth30d of [null, -0.2, 0.011, 0.09])
            for (const [followers, rateMinor] of [
              [null, null],
              [0, null],
              [12_345, null],
              [400_000, 150_000],
            ] as const)
              for (const history of [null, { approved: 0, total: 0 }, { approved: 2, total: 3 }])
                for (const concentrationCv of [undefined, null, 0.4, 1.7, 2.5, 3.2]) {
                  const input = {
                    ...unknown,
                    influencerCategory,
                    engagementRate,
                    tierMedianEngagementRate,
                    growth30d,
                    followers,
                    rateMinor,
                    history,
                    concentrationCv,
                  };
                  if (fitScoreValue(input) !== fitScore(input).score) mismatches.push(input);
                  cases++;
                }
    expect(mismatches).toEqual([]);
    expect(cases).toBe(3 * 4 * 3 * 4 * 4 * 3 * 6);
    expect(fitScoreValue({ ...unknown, influencerCategory: 'outdoor' })).toBe(65);
  });
});
