import { describe, expect, it } from 'vitest';
import {
  absoluteDeviations,
  engagementConcentrationSignal,
  followerGrowthSignal,
  modifiedZScores,
  peerSignal,
  severityOf,
} from '@/lib/metrics/credibility';

/** Followers on consecutive days from 2026-11-01: `start`, then each day × the day's factor. */
function series(start: number, factors: number[]) {
  const out = [{ day: '2026-11-01', followers: start }];
  let f = start;
  factors.forEach((k, i) => {
    f = Math.round(f * k);
    out.push({ day: new Date(Date.UTC(2026, 10, 2 + i)).toISOString().slice(0, 10), followers: f });
  });
  return out;
}

describe('modified z-scores (Iglewicz & Hoaglin)', () => {
  it('use the median and MAD: 100 among 1…4 is 0.6745 × 97 / 1', () => {
    const z = modifiedZScores([1, 2, 3, 4, 100]);
    expect(z[4]).toBeCloseTo(0.6745 * 97, 12);
    expect(z[0]).toBeCloseTo(-0.6745 * 2, 12);
  });

  it('fall back to the mean absolute deviation when MAD is 0, and are 0 for a constant series', () => {
    // median 5, MAD 0, mean absolute deviation 4/5 = 0.8: (9 − 5) / (1.253314 × 0.8).
    expect(modifiedZScores([5, 5, 5, 5, 9])[4]).toBeCloseTo(4 / (1.253314 * 0.8), 12);
    expect(modifiedZScores([7, 7, 7])).toEqual([0, 0, 0]);
  });

  it('take the MAD and MeanAD walking out from the median: the same as sorting the deviations, odd and even counts, ties, one value', () => {
    // The definition: sort the values, take the median, sort |x − median|, take its median.
    const reference = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = (xs: number[]) => (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
      const med = mid(sorted);
      const deviations = sorted.map((v) => Math.abs(v - med));
      return {
        sorted,
        med,
        mad: mid([...deviations].sort((a, b) => a - b)),
        meanAd: deviations.reduce((a, d) => a + d, 0) / deviations.length,
      };
    };
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cases: number[][] = [[5], [1, 9], [3, 3, 3, 3], [1, 2, 3, 4, 100], [-2, -1, 0, 0, 0, 7, 8], [0.1, 0.1, 0.2, 5, 5, 5]];
    for (let n = 1; n <= 60; n++) cases.push(Array.from({ length: n }, () => Math.round(next() * 20) / 4 - 2));
    for (let n = 1; n <= 60; n++) cases.push(Array.from({ length: n }, () => Math.log(next() * 0.2 + 1e-4)));
    for (const values of cases) {
      const { sorted, med, mad, meanAd } = reference(values);
      const walked = absoluteDeviations(sorted, med);
      expect(walked.mad, `MAD of [${values.join(', ')}]`).toBe(mad);
      expect(walked.meanAd).toBeCloseTo(meanAd, 12);
    }
    expect(absoluteDeviations([1, 2, 3, 4, 100], 3)).toEqual({ mad: 1, meanAd: 20.2 });
    expect(absoluteDeviations([1, 9], 5)).toEqual({ mad: 4, meanAd: 4 });
  });

  it('grade severity past 3.5 (low), 7 (medium) and 14 (high)', () => {
    expect([severityOf(3.6), severityOf(-7.1), severityOf(14.5)]).toEqual(['low', 'medium', 'high']);
  });
});

describe('follower growth', () => {
  const steady = Array.from({ length: 19 }, () => 1.01);

  it('flags a bought-followers spike no post explains: 1 % a day, then +30 % in one day', () => {
    const factors = [...steady];
    factors[9] = 1.3;
    const s = followerGrowthSignal(series(10_000, factors), []);
    if (s.status !== 'ok') throw new Error(s.status);
    expect(s.changes).toBe(19);
    expect(s.window).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(s.flags).toHaveLength(1);
    const [flag] = s.flags;
    expect(flag).toMatchObject({ day: '2026-11-11', kind: 'spike', explained: false, severity: 'high' });
    // Rounding to whole followers moves the daily log changes a hair off ln(1.01); recompute from the counts.
    const counts = series(10_000, factors).map((p) => p.followers);
    const logs = counts.slice(1).map((f, i) => Math.log(f) - Math.log(counts[i]));
    expect(flag.z).toBeCloseTo(modifiedZScores(logs)[9], 12);
    expect(flag.change).toBe(counts[10] - counts[9]);
    expect(s.severity).toBe('high');
  });

  it('calls the same spike explained when a post went out the day before, and then it sets no severity', () => {
    const factors = [...steady];
    factors[9] = 1.3;
    const s = followerGrowthSignal(series(10_000, factors), ['2026-11-10T18:00:00Z']);
    if (s.status !== 'ok') throw new Error(s.status);
    expect(s.flags.map((f) => [f.day, f.explained])).toEqual([['2026-11-11', true]]);
    expect(s.severity).toBeNull();
  });

  it('flags a purge: a sudden drop is never explained by a post', () => {
    const factors = [...steady];
    factors[14] = 0.85;
    const s = followerGrowthSignal(series(50_000, factors), ['2026-11-15T09:00:00Z']);
    if (s.status !== 'ok') throw new Error(s.status);
    expect(s.flags.map((f) => [f.day, f.kind, f.explained])).toEqual([['2026-11-16', 'drop', false]]);
    expect(s.severity).toBe('high');
  });

  it('spreads a gap of several days evenly, and says how much is needed for a thin account', () => {
    const thin = followerGrowthSignal(
      series(
        2_000,
        Array.from({ length: 9 }, () => 1.02),
      ),
      [],
    );
    expect(thin).toEqual({ status: 'insufficient', needed: 'follower counts on 15 days', have: '10 days' });
    const gapped = followerGrowthSignal(
      [
        ...series(
          1_000,
          Array.from({ length: 14 }, () => 1.01),
        ),
        { day: '2026-11-25', followers: Math.round(1_000 * 1.01 ** 14 * 1.01 ** 10) },
      ],
      [],
    );
    // Ten days of 1 % growth in one gap is 1 % a day: nothing stands out.
    if (gapped.status !== 'ok') throw new Error(gapped.status);
    expect(gapped.flags).toEqual([]);
  });
});

describe('engagement concentration', () => {
  it('measures a feed where one post holds the engagement: CV 1470 ÷ 590, the top post 5000 ÷ 5900', () => {
    const s = engagementConcentrationSignal([100, 100, 100, 100, 5_000, 100, 100, 100, 100, 100]);
    if (s.status !== 'ok') throw new Error(s.status);
    // mean 590; variance (9 × 490² + 4410²) ÷ 10 = 2,160,900; sd 1470.
    expect(s.coefficientOfVariation).toBeCloseTo(1_470 / 590, 12);
    expect(s.topShare).toBeCloseTo(5_000 / 5_900, 12);
    expect(s.outliers).toEqual([5_000]);
    expect(s.severity).toBe('medium');
  });

  it('finds nothing in an even feed, and needs ten posts with engagements', () => {
    const even = engagementConcentrationSignal([100, 120, 80, 150, 90, 110, 130, 70, 95, 105]);
    expect(even).toMatchObject({ status: 'ok', severity: null, outliers: [] });
    expect(engagementConcentrationSignal([10, 20, null, 30])).toEqual({
      status: 'insufficient',
      needed: '10 posts with engagements',
      have: '3 posts',
    });
  });
});

describe('a value against its peers', () => {
  const peers = [0.02, 0.025, 0.03, 0.03, 0.035, 0.02, 0.025, 0.03, 0.04, 0.03];

  it('puts an engagement pod’s comments-to-likes ratio far above the band of its peers', () => {
    const s = peerSignal(0.25, peers);
    if (s.status !== 'ok') throw new Error(s.status);
    // Peers' median ln 0.03; MAD of |ln p − ln 0.03| = (ln(0.035/0.03) + ln(0.025/0.03)… the 5th and 6th) ÷ 2.
    const mad = (Math.log(0.035 / 0.03) + Math.log(0.03 / 0.025)) / 2;
    expect(s.z).toBeCloseTo((0.6745 * Math.log(0.25 / 0.03)) / mad, 12);
    expect(s.band.median).toBeCloseTo(0.03, 12);
    expect(s.band.peers).toBe(10);
    expect(s.band.high).toBeCloseTo(0.03 * Math.exp((3.5 * mad) / 0.6745), 12);
    expect([s.direction, s.severity]).toEqual(['above', 'medium']);
  });

  it('leaves a usual value inside the band, and needs ten peers', () => {
    expect(peerSignal(0.028, peers)).toMatchObject({ status: 'ok', direction: null, severity: null });
    expect(peerSignal(0.03, peers.slice(0, 4))).toEqual({ status: 'insufficient', needed: '10 peers with a value', have: '4 peers' });
  });
});
