/** Influencer tiers by follower count. */
export type Tier = 'nano' | 'micro' | 'mid' | 'macro' | 'mega';

/** Lower bound (followers) of each tier; below `nano` an account has no tier. */
export type TierThresholds = Record<Tier, number>;

/** Defaults: nano 1k–10k, micro 10k–50k, mid 50k–500k, macro 500k–1M, mega 1M+ (Influencer Marketing Hub). */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { nano: 1_000, micro: 10_000, mid: 50_000, macro: 500_000, mega: 1_000_000 };

/**
 * The tier of a follower count: the highest tier whose lower bound it reaches. Null when followers
 * are unknown or below the nano threshold.
 */
export function tierOf(followers: number | null, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): Tier | null {
  if (followers === null) return null;
  const order: Tier[] = ['mega', 'macro', 'mid', 'micro', 'nano'];
  return order.find((t) => followers >= thresholds[t]) ?? null;
}

/** An organization's tier thresholds: its own where set, the documented defaults elsewhere. */
export function tierThresholdsOf(org: { tierThresholds: Record<string, number> | null }): TierThresholds {
  return { ...DEFAULT_TIER_THRESHOLDS, ...(org.tierThresholds ?? {}) } as TierThresholds;
}
