import { known, unknown, type Metric } from './metric';

/**
 * Follower growth between two measurements: absolute = end − start; percent = (end − start) / start
 * as a fraction. Unknown when either is unknown; percent unknown when start is 0.
 * Source: standard period-over-period growth; docs/metrics.md.
 */
export function followerGrowth(start: number | null, end: number | null): { absolute: Metric; percent: Metric } {
  const missing = [start === null ? 'followers at start' : null, end === null ? 'followers at end' : null].filter(
    (m): m is string => m !== null,
  );
  if (start === null || end === null) {
    const u = unknown(missing, `${missing.join(' and ')} unknown`);
    return { absolute: u, percent: u };
  }
  return {
    absolute: known(end - start),
    percent: start === 0 ? unknown([], 'followers at start is 0') : known((end - start) / start),
  };
}
