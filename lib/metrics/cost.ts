import { known, ratio, unknown, type Metric } from './metric';

/*
 * Cost metrics. Money is integer minor units (cents) of one currency; results are minor units
 * (fractional allowed) per unit named. All unknown when cost or the count is unknown or the count is 0.
 */

/** CPM = cost / impressions × 1,000. Source: IAB glossary ("cost per thousand"). */
export const cpm = (costMinor: number | null, impressions: number | null): Metric =>
  ratio(costMinor, impressions, ['cost', 'impressions'], 1000);
/** CPE = cost / engagements. Source: Influencer Marketing Hub. */
export const cpe = (costMinor: number | null, engagements: Metric | number | null): Metric =>
  ratio(costMinor, engagements, ['cost', 'engagements']);
/** CPV = cost / views. Source: Google Ads ("cost per view"). */
export const cpv = (costMinor: number | null, views: number | null): Metric => ratio(costMinor, views, ['cost', 'views']);
/** CPC = cost / clicks. Source: IAB glossary. */
export const cpc = (costMinor: number | null, clicks: number | null): Metric => ratio(costMinor, clicks, ['cost', 'clicks']);
/** CPA = cost / conversions (cost per acquisition). Source: IAB glossary. */
export const cpa = (costMinor: number | null, conversions: number | null): Metric => ratio(costMinor, conversions, ['cost', 'conversions']);
/** Conversion rate = conversions / clicks, a fraction. Source: Google Analytics. */
export const conversionRate = (conversions: number | null, clicks: number | null): Metric =>
  ratio(conversions, clicks, ['conversions', 'clicks']);
/** CTR = clicks / impressions, a fraction (click-through rate). Source: IAB glossary. */
export const ctr = (clicks: number | null, impressions: number | null): Metric => ratio(clicks, impressions, ['clicks', 'impressions']);
/** Conversions per 1,000 impressions. */
export const conversionsPerThousandImpressions = (conversions: number | null, impressions: number | null): Metric =>
  ratio(conversions, impressions, ['conversions', 'impressions'], 1000);

/**
 * ROI = (revenue − cost) / cost, a fraction (0.5 = 50 % return). Unknown when revenue or cost is
 * unknown or cost is 0. Source: standard return on investment; docs/metrics.md.
 */
export function roi(revenueMinor: number | null, costMinor: number | null): Metric {
  if (revenueMinor === null || costMinor === null) return ratio(revenueMinor, costMinor, ['revenue', 'cost']);
  if (costMinor === 0) return unknown([], 'cost is 0');
  return known((revenueMinor - costMinor) / costMinor);
}

/** ROAS = revenue / cost (2 = two of revenue per one spent). Source: Google Ads. */
export const roas = (revenueMinor: number | null, costMinor: number | null): Metric => ratio(revenueMinor, costMinor, ['revenue', 'cost']);
