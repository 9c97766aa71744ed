/**
 * Forecasts of a planned deliverable's views and engagements, and how good past forecasts were.
 *
 * Model (`FORECAST_MODEL_VERSION`): a post's count is log-normal. On x = ln(1 + count):
 * - the creator's own posts give mean m and standard deviation s over n posts;
 * - the prior is the organization's posts on the same platform and tier (mean μ₀, sd σ₀ over n₀);
 * - the forecast mean is shrunk toward the prior with weight w = n / (n + k), k = `SHRINKAGE_K`:
 *   μ = w·m + (1 − w)·μ₀, and σ² = w·s² + (1 − w)·σ₀² (s = σ₀ when n < 2);
 * - point = exp(μ) − 1 (the median), p10 / p90 = exp(μ ∓ 1.2816·σ) − 1.
 * Empirical-Bayes shrinkage as in Efron & Morris (1975) "Data analysis using Stein's estimator";
 * the log-normal shape of social post reach follows the heavy tails reported across platforms
 * (docs/metrics.md "Forecasts"). Pure functions; no I/O.
 */

export const FORECAST_MODEL_VERSION = 'lognormal-shrinkage-v1';
/** Pseudo-posts of prior weight: with 5 own posts the creator's history weighs one half. */
export const SHRINKAGE_K = 5;
/** Fewest posts a prior needs to count, and fewest own posts a forecast needs without a prior. */
const MIN_PRIOR_POSTS = 10;
const MIN_OWN_POSTS_WITHOUT_PRIOR = 3;
/** Standard normal quantile of 0.9: p10 and p90 are μ ∓ Z90·σ on the log scale. */
const Z90 = 1.2815515655446004;

/** Mean and sample standard deviation (n − 1) of ln(1 + x) over n non-negative counts; sd null when n < 2. */
export type LogStats = { n: number; mean: number; sd: number | null };

/** An interval forecast of a count: median and the 10th and 90th percentiles. */
export type IntervalForecast = { point: number; p10: number; p90: number };

/** What a forecast was made from: stored with it so it can be audited. */
export type ForecastBasis = {
  own: LogStats | null;
  prior: LogStats | null;
  /** Weight of the creator's own history, n / (n + k); 1 without a prior, 0 without own posts. */
  weight: number;
  mean: number;
  sd: number;
};

/**
 * Log-scale statistics of counts: ignores null and negative values.
 * @returns null when no value is known.
 */
export function logStats(counts: (number | null)[]): LogStats | null {
  const xs = counts.filter((c): c is number => c !== null && Number.isFinite(c) && c >= 0).map((c) => Math.log1p(c));
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length < 2 ? null : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return { n: xs.length, mean, sd };
}

/**
 * The shrunk log-scale mean and sd of one count (see the module comment).
 * @returns null — with the reason — when the data is too thin: neither a prior of at least
 *          `MIN_PRIOR_POSTS` posts nor `MIN_OWN_POSTS_WITHOUT_PRIOR` own posts with a spread.
 */
export function shrunkLogStats(own: LogStats | null, prior: LogStats | null, k = SHRINKAGE_K): ForecastBasis | { reason: string } {
  const usablePrior = prior && prior.n >= MIN_PRIOR_POSTS && prior.sd !== null ? prior : null;
  if (!usablePrior) {
    if (own && own.n >= MIN_OWN_POSTS_WITHOUT_PRIOR && own.sd !== null) return { own, prior, weight: 1, mean: own.mean, sd: own.sd };
    return {
      reason: `Not enough data: needs ${MIN_OWN_POSTS_WITHOUT_PRIOR} posts of the creator on this platform, or ${MIN_PRIOR_POSTS} posts of peers (has ${own?.n ?? 0} and ${prior?.n ?? 0})`,
    };
  }
  const n = own?.n ?? 0;
  const w = n / (n + k);
  const s = own && own.sd !== null ? own.sd : usablePrior.sd!;
  const mean = w * (own?.mean ?? 0) + (1 - w) * usablePrior.mean;
  const sd = Math.sqrt(w * s ** 2 + (1 - w) * usablePrior.sd! ** 2);
  return { own, prior, weight: w, mean, sd };
}

/** The count interval of a log-scale basis: exp(μ) − 1 and exp(μ ∓ Z90·σ) − 1, never below 0. */
export function intervalOf(basis: { mean: number; sd: number }): IntervalForecast {
  const at = (z: number) => Math.max(0, Math.expm1(basis.mean + z * basis.sd));
  return { point: at(0), p10: at(-Z90), p90: at(Z90) };
}

/**
 * Probability that a deliverable is completed, from the organization's deliverable history:
 * (completed + K·r₀) / (due + K), a Beta prior of strength K = 4 centred on the organization's
 * rate over all its creators, itself taken by Laplace's rule of succession,
 * r₀ = (org completed + 1) / (org due + 2), so a short perfect record never gives certainty
 * (Gelman et al., BDA §2.4). `due` counts deliverables approved or past their due date;
 * `completed` those approved.
 * @returns null when neither the creator nor the organization has a due deliverable.
 */
export function completionProbability(creator: { completed: number; due: number }, org: { completed: number; due: number }): number | null {
  const K = 4;
  if (org.due === 0 && creator.due === 0) return null;
  const r0 = (org.completed + 1) / (org.due + 2);
  return (creator.completed + K * r0) / (creator.due + K);
}

/**
 * A planned deliverable's forecast at a fee (minor units): views and engagements with intervals,
 * and the implied CPM (fee ÷ forecast views × 1000, views standing in for impressions) and CPE
 * (fee ÷ forecast engagements), both at the point forecast and in minor units.
 * Each count is null with a reason when its data is too thin.
 */
export function forecastDeliverable(input: {
  views: { own: (number | null)[]; prior: (number | null)[] };
  engagements: { own: (number | null)[]; prior: (number | null)[] };
  feeMinor: number | null;
}): {
  views: (IntervalForecast & { basis: ForecastBasis }) | { reason: string };
  engagements: (IntervalForecast & { basis: ForecastBasis }) | { reason: string };
  cpmMinor: number | null;
  cpeMinor: number | null;
} {
  const one = (v: { own: (number | null)[]; prior: (number | null)[] }) => {
    const basis = shrunkLogStats(logStats(v.own), logStats(v.prior));
    return 'reason' in basis ? basis : { ...intervalOf(basis), basis };
  };
  const views = one(input.views);
  const engagements = one(input.engagements);
  const per = (f: typeof views, times: number) =>
    input.feeMinor === null || 'reason' in f || f.point <= 0 ? null : (input.feeMinor / f.point) * times;
  return { views, engagements, cpmMinor: per(views, 1000), cpeMinor: per(engagements, 1) };
}

/**
 * Accuracy of forecasts against outcomes: median absolute percentage error |point − actual| ÷ actual
 * (outcomes of 0 left out), and interval coverage, the share of outcomes within [p10, p90]
 * (a calibrated 80 % interval covers about 0.8). Hyndman & Koehler (2006) on MdAPE.
 * @returns nulls when no outcome is known.
 */
export function forecastAccuracy(rows: { point: number; p10: number; p90: number; actual: number | null }[]): {
  n: number;
  mdape: number | null;
  coverage: number | null;
} {
  const known = rows.filter((r): r is typeof r & { actual: number } => r.actual !== null);
  const apes = known
    .filter((r) => r.actual > 0)
    .map((r) => Math.abs(r.point - r.actual) / r.actual)
    .sort((a, b) => a - b);
  const mid = Math.floor(apes.length / 2);
  const mdape = apes.length === 0 ? null : apes.length % 2 ? apes[mid] : (apes[mid - 1] + apes[mid]) / 2;
  const coverage = known.length ? known.filter((r) => r.actual >= r.p10 && r.actual <= r.p90).length / known.length : null;
  return { n: known.length, mdape, coverage };
}
