import { known, unknown, type Metric } from './metric';

export const EMV_ACTIONS = ['impressions', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;
export type EmvAction = (typeof EMV_ACTIONS)[number];
/** Value of one action in minor units (may be fractional: 0.5 = half a cent). */
export type EmvValueTable = Record<EmvAction, number>;

/**
 * Reachboard's default EMV values, in US cents per action, used until an organization sets its
 * own. EMV tables are vendor-specific; these are documented in docs/metrics.md and editable.
 */
export const DEFAULT_EMV_VALUES: EmvValueTable = { impressions: 0.5, views: 2, likes: 8, comments: 40, shares: 50, saves: 50, clicks: 100 };

/**
 * Earned media value = Σ count(action) × value(action), in minor units. Unknown counts are left out
 * and named in `missing`; unknown only when every count is unknown.
 * Source: industry EMV practice (value per action); docs/metrics.md.
 */
export function emv(counts: Partial<Record<EmvAction, number | null>>, values: EmvValueTable = DEFAULT_EMV_VALUES): Metric {
  const missing = EMV_ACTIONS.filter((a) => counts[a] === null || counts[a] === undefined);
  if (missing.length === EMV_ACTIONS.length) return unknown([...missing], 'no counts known');
  return known(
    EMV_ACTIONS.reduce((sum, a) => sum + (counts[a] ?? 0) * values[a], 0),
    [...missing],
  );
}
