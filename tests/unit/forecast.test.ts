import { describe, expect, it } from 'vitest';
import { completionProbability, forecastAccuracy, forecastDeliverable, intervalOf, logStats, shrunkLogStats } from '@/lib/metrics/forecast';

const e = Math.E;

describe('forecast', () => {
  it('takes log-scale statistics of counts, ignoring unknown values', () => {
    // ln(1 + x) of 0, e − 1 and e² − 1 is 0, 1, 2: mean 1, sample sd 1.
    const s = logStats([0, e - 1, null, e ** 2 - 1])!;
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(1, 12);
    expect(s.sd).toBeCloseTo(1, 12);
    expect(logStats([null])).toBeNull();
    expect(logStats([5])!.sd).toBeNull();
  });

  it('shrinks a creator with 5 posts halfway toward the peers (k = 5)', () => {
    const b = shrunkLogStats({ n: 5, mean: 10, sd: 1 }, { n: 20, mean: 8, sd: 2 });
    expect(b).toMatchObject({ weight: 0.5, mean: 9 });
    expect('sd' in b && b.sd).toBeCloseTo(Math.sqrt(0.5 * 1 + 0.5 * 4), 12);
    // 45 own posts: weight 0.9.
    const many = shrunkLogStats({ n: 45, mean: 10, sd: 1 }, { n: 20, mean: 8, sd: 2 });
    expect('mean' in many && many.mean).toBeCloseTo(0.9 * 10 + 0.1 * 8, 12);
    // A new creator (no posts): the peers' distribution.
    expect(shrunkLogStats(null, { n: 20, mean: 8, sd: 2 })).toMatchObject({ weight: 0, mean: 8, sd: 2 });
    // One own post has no spread of its own: the prior's spread stands in.
    const one = shrunkLogStats({ n: 1, mean: 12, sd: null }, { n: 20, mean: 8, sd: 2 });
    expect(one).toMatchObject({ weight: 1 / 6, sd: 2 });
    expect('mean' in one && one.mean).toBeCloseTo(12 / 6 + (5 / 6) * 8, 12);
  });

  it('says how much data is missing when a thin account has no usable prior', () => {
    expect(shrunkLogStats({ n: 2, mean: 5, sd: 1 }, null)).toEqual({
      reason: 'Not enough data: needs 3 posts of the creator on this platform, or 10 posts of peers (has 2 and 0)',
    });
    // A prior of 9 posts is too small to count; 3 own posts then stand alone.
    expect(shrunkLogStats({ n: 2, mean: 5, sd: 1 }, { n: 9, mean: 8, sd: 2 })).toEqual({
      reason: 'Not enough data: needs 3 posts of the creator on this platform, or 10 posts of peers (has 2 and 9)',
    });
    expect(shrunkLogStats({ n: 3, mean: 5, sd: 1 }, { n: 9, mean: 8, sd: 2 })).toMatchObject({ weight: 1, mean: 5, sd: 1 });
  });

  it('gives the median and the 10th / 90th percentiles of the log-normal', () => {
    const flat = intervalOf({ mean: Math.log(1001), sd: 0 });
    expect(flat.point).toBeCloseTo(1000, 9);
    expect(flat.p10).toBeCloseTo(1000, 9);
    const i = intervalOf({ mean: 5, sd: 1 });
    expect(i.point).toBeCloseTo(e ** 5 - 1, 9);
    expect(i.p10).toBeCloseTo(Math.exp(5 - 1.2815515655446004) - 1, 9);
    expect(i.p90).toBeCloseTo(Math.exp(5 + 1.2815515655446004) - 1, 9);
  });

  it('forecasts views and engagements of a deliverable with the implied CPM and CPE at the fee', () => {
    const f = forecastDeliverable({
      views: { own: [e ** 7 - 1, e ** 8 - 1, e ** 9 - 1], prior: [] },
      engagements: { own: [e ** 3 - 1, e ** 4 - 1, e ** 5 - 1], prior: [] },
      feeMinor: 50_000,
    });
    if ('reason' in f.views || 'reason' in f.engagements) throw new Error('expected forecasts');
    expect(f.views.point).toBeCloseTo(e ** 8 - 1, 6);
    expect(f.views.p90).toBeCloseTo(Math.exp(8 + 1.2815515655446004) - 1, 6);
    expect(f.cpmMinor).toBeCloseTo((50_000 / (e ** 8 - 1)) * 1000, 6);
    expect(f.cpeMinor).toBeCloseTo(50_000 / (e ** 4 - 1), 6);
    // A thin account: no forecast, no CPM.
    const thin = forecastDeliverable({ views: { own: [100], prior: [] }, engagements: { own: [], prior: [] }, feeMinor: 50_000 });
    expect(thin.views).toEqual({
      reason: 'Not enough data: needs 3 posts of the creator on this platform, or 10 posts of peers (has 1 and 0)',
    });
    expect(thin.cpmMinor).toBeNull();
  });

  it('estimates completion from the creator’s record shrunk toward the organization’s rate', () => {
    // Organization: 8 of 10 due deliverables done, r₀ = (8 + 1) / (10 + 2) = 0.75. Creator: 2 of 4.
    // (2 + 4 × 0.75) / (4 + 4) = 0.625.
    expect(completionProbability({ completed: 2, due: 4 }, { completed: 8, due: 10 })).toBeCloseTo(0.625, 12);
    // A creator new to the organization: the organization's rate.
    expect(completionProbability({ completed: 0, due: 0 }, { completed: 8, due: 10 })).toBeCloseTo(0.75, 12);
    // Three of three is not certainty: r₀ = 4 / 5.
    expect(completionProbability({ completed: 0, due: 0 }, { completed: 3, due: 3 })).toBeCloseTo(0.8, 12);
    expect(completionProbability({ completed: 0, due: 0 }, { completed: 0, due: 0 })).toBeNull();
  });

  it('measures accuracy as the median absolute percentage error and the p10–p90 coverage', () => {
    const acc = forecastAccuracy([
      { point: 100, p10: 50, p90: 150, actual: 80 }, // APE 0.25, inside
      { point: 100, p10: 50, p90: 150, actual: 200 }, // APE 0.5, outside
      { point: 10, p10: 0, p90: 20, actual: 0 }, // no APE (actual 0), inside
      { point: 10, p10: 0, p90: 20, actual: null }, // no outcome yet
    ]);
    expect(acc).toEqual({ n: 3, mdape: 0.375, coverage: 2 / 3 });
    expect(forecastAccuracy([])).toEqual({ n: 0, mdape: null, coverage: null });
  });
});
