/**
 * Cohort analyses (pure functions; no I/O).
 *
 * Content cohorts: posts grouped by the week (Monday, UTC) or month of their post date, with views
 * or engagements accumulated by day N after posting — the decay curve teams read to decide when a
 * post has "finished". A post's value at day N is that of its latest capture at most N whole days
 * after its post date, known only when the post was captured again on or after day N (else it was
 * not observed that far: unknown, never carried forward). Posts with fewer than two captures say
 * nothing about a curve and are left out (counted). Cohort analysis as in Google Analytics'
 * cohort exploration; the decay ("share of final") curve as in social analytics tools' post
 * lifetime reports (docs/metrics.md "Cohorts").
 */

/** One post's captures: whole days after the post date, one point per day (the day's latest capture). */
export type PostCaptures = { postDate: Date; points: { day: number; value: number | null }[] };

/** Value of a post at day N (see the module comment); null when unknown. */
export function valueAtDay(points: PostCaptures['points'], day: number): number | null {
  if (!points.some((p) => p.day >= day)) return null;
  let value: number | null = null;
  for (const p of points) if (p.day <= day && p.value !== null) value = p.value;
  return value;
}

const DAY_MS = 86_400_000;

/** The cohort a post date belongs to: the Monday (UTC, YYYY-MM-DD) of its week, or YYYY-MM. */
export function cohortKey(date: Date, by: 'week' | 'month'): string {
  if (by === 'month') return date.toISOString().slice(0, 7);
  const day = Math.floor(date.getTime() / DAY_MS);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  return new Date((day - weekday) * DAY_MS).toISOString().slice(0, 10);
}

export type ContentCohorts = {
  /** Newest cohort first; `cells[n]` is day n: mean value per post over the posts observed that far. */
  cohorts: { key: string; posts: number; cells: { day: number; posts: number; mean: number | null }[] }[];
  /** Per day: median over posts observed that far of value(day) ÷ value at the post's last observed day. */
  curve: { day: number; posts: number; medianShareOfLatest: number | null }[];
  /** Posts left out for having fewer than two captures. */
  excluded: number;
};

/**
 * Content cohorts over days 0…`days` (see the module comment).
 * @param posts each post's captures (any order); values are views or engagements.
 */
export function contentCohorts(posts: PostCaptures[], opts: { by: 'week' | 'month'; days: number }): ContentCohorts {
  // One pass per post: its value at each day 0…days (valueAtDay over the sorted points) and its
  // last known value; the post's groups and the day's lists keep the posts' order.
  const usable: { key: string; values: (number | null)[]; last: number }[] = [];
  for (const post of posts) {
    const points = [...post.points].sort((a, b) => a.day - b.day);
    let known = 0;
    for (const p of points) if (p.value !== null) known++;
    if (known < 2) continue;
    const values: (number | null)[] = [];
    const maxDay = points[points.length - 1].day;
    let i = 0;
    let value: number | null = null;
    for (let day = 0; day <= opts.days; day++) {
      while (i < points.length && points[i].day <= day) {
        if (points[i].value !== null) value = points[i].value;
        i++;
      }
      values.push(maxDay >= day ? value : null);
    }
    let last = 0;
    for (const p of points) if (p.value !== null) last = p.value;
    usable.push({ key: cohortKey(post.postDate, opts.by), values, last });
  }
  const days = Array.from({ length: opts.days + 1 }, (_, d) => d);
  const groups = new Map<string, typeof usable>();
  for (const p of usable) {
    const group = groups.get(p.key);
    if (group) group.push(p);
    else groups.set(p.key, [p]);
  }
  const cohorts = [...groups]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([key, ps]) => ({
      key,
      posts: ps.length,
      cells: days.map((day) => {
        let n = 0;
        let sum = 0;
        for (const p of ps) {
          const v = p.values[day];
          if (v !== null) {
            sum += v;
            n++;
          }
        }
        return { day, posts: n, mean: n ? sum / n : null };
      }),
    }));
  const curve = days.map((day) => {
    const shares: number[] = [];
    for (const p of usable) {
      const v = p.values[day];
      if (v !== null && p.last) shares.push(v / p.last);
    }
    shares.sort((a, b) => a - b);
    const m = Math.floor(shares.length / 2);
    return {
      day,
      posts: shares.length,
      medianShareOfLatest: shares.length === 0 ? null : shares.length % 2 ? shares[m] : (shares[m - 1] + shares[m]) / 2,
    };
  });
  return { cohorts, curve, excluded: posts.length - usable.length };
}

/**
 * Creator cohorts: creators by the month (YYYY-MM, UTC) of their first collaboration with the
 * organization, and how many collaborated again (another collaboration starting later) within 3,
 * 6 and 12 months. A creator counts toward a window once the window has passed or they came back
 * within it; `null` when no creator of the cohort can be judged yet. Retention cohorts as in
 * customer-retention analysis.
 */
export function creatorCohorts(
  collaborations: { influencerId: string; startedAt: Date }[],
  now: Date,
): { month: string; creators: number; again: Record<3 | 6 | 12, { judged: number; again: number; share: number | null }> }[] {
  const byCreator = new Map<string, Date[]>();
  for (const c of collaborations) byCreator.set(c.influencerId, [...(byCreator.get(c.influencerId) ?? []), c.startedAt]);
  const addMonths = (d: Date, n: number) => {
    const x = new Date(d);
    x.setUTCMonth(x.getUTCMonth() + n);
    return x;
  };
  const months = new Map<string, { first: Date; next: Date | null }[]>();
  for (const dates of byCreator.values()) {
    dates.sort((a, b) => a.getTime() - b.getTime());
    const first = dates[0];
    const next = dates.find((d) => d.getTime() > first.getTime()) ?? null;
    const key = first.toISOString().slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), { first, next }]);
  }
  return [...months]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([month, cs]) => {
      const window = (n: 3 | 6 | 12) => {
        const judged = cs.filter((c) => (c.next && c.next <= addMonths(c.first, n)) || addMonths(c.first, n) <= now);
        const again = judged.filter((c) => c.next && c.next <= addMonths(c.first, n)).length;
        return { judged: judged.length, again, share: judged.length ? again / judged.length : null };
      };
      return { month, creators: cs.length, again: { 3: window(3), 6: window(6), 12: window(12) } };
    });
}
