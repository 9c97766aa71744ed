import { describe, expect, it } from 'vitest';
import { cohortKey, contentCohorts, creatorCohorts, valueAtDay, type PostCaptures } from '@/lib/metrics/cohorts';
import { prng } from '../../scripts/prng';

describe('content cohorts', () => {
  it('equals its definition (valueAtDay per post and day) on 600 seeded posts with gaps, unknowns and unsorted captures', () => {
    const random = prng(19);
    const posts: PostCaptures[] = Array.from({ length: 600 }, (_, i) => {
      const n = Math.floor(random() * 6);
      const days = [...new Set(Array.from({ length: n }, () => Math.floor(random() * 20) - 1))];
      return {
        postDate: new Date(Date.UTC(2026, 6, 1) + Math.floor(random() * 120) * 86_400_000 + i * 1000),
        points: days.map((day) => ({ day, value: random() < 0.15 ? null : random() < 0.05 ? 0 : Math.round(random() * 10_000) })),
      };
    });
    for (const by of ['week', 'month'] as const) {
      const days = 14;
      const r = contentCohorts(posts, { by, days });
      const usable = posts.filter((p) => p.points.filter((x) => x.value !== null).length >= 2);
      expect(r.excluded).toBe(posts.length - usable.length);
      const keys = [...new Set(usable.map((p) => cohortKey(p.postDate, by)))].sort().reverse();
      expect(r.cohorts.map((c) => c.key)).toEqual(keys);
      for (const c of r.cohorts) {
        const ps = usable.filter((p) => cohortKey(p.postDate, by) === c.key);
        expect(c.posts).toBe(ps.length);
        for (const cell of c.cells) {
          const values = ps
            .map((p) =>
              valueAtDay(
                [...p.points].sort((a, b) => a.day - b.day),
                cell.day,
              ),
            )
            .filter((v) => v !== null);
          expect(cell).toEqual({
            day: cell.day,
            posts: values.length,
            mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
          });
        }
      }
      for (const point of r.curve) {
        const shares = usable
          .map((p) => {
            const sorted = [...p.points].sort((a, b) => a.day - b.day);
            const last = sorted.filter((x) => x.value !== null).at(-1)!.value!;
            const v = valueAtDay(sorted, point.day);
            return v === null || !last ? null : v / last;
          })
          .filter((v) => v !== null)
          .sort((a, b) => a - b);
        const m = Math.floor(shares.length / 2);
        const median = shares.length === 0 ? null : shares.length % 2 ? shares[m] : (shares[m - 1] + shares[m]) / 2;
        expect(point).toEqual({ day: point.day, posts: shares.length, medianShareOfLatest: median });
      }
      expect(r.cohorts.reduce((s, c) => s + c.posts, 0)).toBe(usable.length);
    }
  });

  it('reads a post at day N from its latest capture within N days, and only when it was seen that far', () => {
    const points = [
      { day: 0, value: 100 },
      { day: 2, value: 300 },
      { day: 5, value: 400 },
    ];
    expect(valueAtDay(points, 0)).toBe(100);
    expect(valueAtDay(points, 1)).toBe(100);
    expect(valueAtDay(points, 4)).toBe(300);
    expect(valueAtDay(points, 5)).toBe(400);
    expect(valueAtDay(points, 6)).toBeNull(); // never captured after day 5
  });

  it('groups by the Monday of the week (UTC) or the month', () => {
    expect(cohortKey(new Date('2017-09-13T10:00:00Z'), 'week')).toBe('2017-09-11'); // a Wednesday
    expect(cohortKey(new Date('2017-09-17T23:59:00Z'), 'week')).toBe('2017-09-11'); // Sunday
    expect(cohortKey(new Date('2017-09-18T00:00:00Z'), 'week')).toBe('2017-09-18');
    expect(cohortKey(new Date('2017-09-18T00:00:00Z'), 'month')).toBe('2017-09');
  });

  it('averages per day over the posts observed that far and draws the share-of-latest curve', () => {
    const r = contentCohorts(
      [
        {
          postDate: new Date('2017-09-13T00:00:00Z'),
          points: [
            { day: 0, value: 100 },
            { day: 1, value: 200 },
          ],
        },
        {
          postDate: new Date('2017-09-14T00:00:00Z'),
          points: [
            { day: 0, value: 50 },
            { day: 2, value: 100 },
          ],
        },
        {
          postDate: new Date('2017-09-20T00:00:00Z'),
          points: [
            { day: 0, value: 10 },
            { day: 1, value: 40 },
          ],
        },
        { postDate: new Date('2017-09-21T00:00:00Z'), points: [{ day: 0, value: 999 }] }, // one capture: left out
      ],
      { by: 'week', days: 2 },
    );
    expect(r.excluded).toBe(1);
    expect(r.cohorts).toEqual([
      {
        key: '2017-09-18',
        posts: 1,
        cells: [
          { day: 0, posts: 1, mean: 10 },
          { day: 1, posts: 1, mean: 40 },
          { day: 2, posts: 0, mean: null },
        ],
      },
      {
        key: '2017-09-11',
        posts: 2,
        cells: [
          { day: 0, posts: 2, mean: 75 },
          { day: 1, posts: 2, mean: 125 }, // 200 and 50 (the second post's day-0 value, seen again on day 2)
          { day: 2, posts: 1, mean: 100 },
        ],
      },
    ]);
    // Day 0: 100/200, 50/100, 10/40 → median 0.5; day 1: 1, 0.5, 1 → 1; day 2: 1.
    expect(r.curve).toEqual([
      { day: 0, posts: 3, medianShareOfLatest: 0.5 },
      { day: 1, posts: 3, medianShareOfLatest: 1 },
      { day: 2, posts: 1, medianShareOfLatest: 1 },
    ]);
  });
});

describe('creator cohorts', () => {
  it('counts creators who came back within 3, 6 and 12 months, judging only windows that passed', () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    const r = creatorCohorts(
      [
        { influencerId: 'a', startedAt: d('2026-01-10') },
        { influencerId: 'a', startedAt: d('2026-03-01') }, // again within 3 months
        { influencerId: 'b', startedAt: d('2026-01-20') },
        { influencerId: 'b', startedAt: d('2026-09-01') }, // again within 12, not 6
        { influencerId: 'c', startedAt: d('2026-01-25') }, // never again
        { influencerId: 'e', startedAt: d('2026-10-01') }, // too recent to judge 3 months on Dec 1
      ],
      d('2026-12-01'),
    );
    expect(r).toEqual([
      {
        month: '2026-10',
        creators: 1,
        again: {
          3: { judged: 0, again: 0, share: null },
          6: { judged: 0, again: 0, share: null },
          12: { judged: 0, again: 0, share: null },
        },
      },
      {
        month: '2026-01',
        creators: 3,
        again: {
          3: { judged: 3, again: 1, share: 1 / 3 },
          6: { judged: 3, again: 1, share: 1 / 3 },
          // 12 months have not passed for c (Jan 25 → next Jan 25): judged are a and b, both came back.
          12: { judged: 2, again: 2, share: 1 },
        },
      },
    ]);
  });
});
