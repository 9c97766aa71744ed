import { known, ratio, unknown, type Metric } from './metric';

/** Interaction counts of a post or period; null = unknown. */
export type Interactions = { likes: number | null; comments: number | null; shares: number | null; saves: number | null };

/**
 * Engagements = likes + comments + shares + saves (dislikes and views are not engagements).
 * Unknown components are left out and named in `missing` (e.g. a YouTube export has no shares or
 * saves); unknown only when every component is unknown.
 * Source: Influencer Marketing Hub, "Engagement rate" definitions; docs/metrics.md.
 */
export function engagements(i: Interactions): Metric {
  const parts = Object.entries(i) as [keyof Interactions, number | null][];
  const missing = parts.filter(([, v]) => v === null).map(([k]) => k);
  if (missing.length === parts.length) return unknown(missing, 'no interaction counts known');
  return known(
    parts.reduce((sum, [, v]) => sum + (v ?? 0), 0),
    missing,
  );
}

/** Audience an engagement rate is measured against. */
export type EngagementBase = 'followers' | 'reach' | 'impressions' | 'views';

/**
 * Engagement rate = engagements / base, a fraction in [0, ∞) shown as a percentage.
 * By followers: the usual influencer benchmark; by reach or impressions: what the audience that
 * saw the post did; by views: video platforms. Unknown when the base is unknown or 0.
 * Source: Influencer Marketing Hub engagement-rate formulas; docs/metrics.md.
 */
export function engagementRate(i: Interactions, base: EngagementBase, baseValue: number | null): Metric {
  return ratio(engagements(i), baseValue, ['engagements', base]);
}

/** Middle value of the known numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/**
 * Average and median engagements per post over posts whose engagements are known.
 * `missing` lists "engagements" when some posts had none known; both unknown when no post did.
 */
export function perPostEngagement(postsInteractions: Interactions[]): { average: Metric; median: Metric; posts: number } {
  const values = postsInteractions.map((p) => engagements(p).value);
  const knownValues = values.filter((v): v is number => v !== null);
  const missing = knownValues.length < values.length ? ['engagements'] : [];
  if (knownValues.length === 0) {
    const u = unknown(['engagements'], values.length ? 'no post has known engagements' : 'no posts');
    return { average: u, median: u, posts: 0 };
  }
  return {
    average: known(knownValues.reduce((a, b) => a + b, 0) / knownValues.length, missing),
    median: known(median(knownValues)!, missing),
    posts: knownValues.length,
  };
}
