/**
 * Credibility signals: evidence a brand can open, never a "fake followers %" the data cannot
 * support. Each signal says what it found, how strong (severity), over which window, and the
 * evidence (the flagged points); with too little data it says how much it needs instead.
 *
 * Outliers use the **modified z-score** of Iglewicz & Hoaglin (1993, "How to Detect and Handle
 * Outliers"): M = 0.6745 · (x − median) / MAD, an outlier when |M| > 3.5. The median and the median
 * absolute deviation are not moved by the outliers themselves, unlike a mean and standard
 * deviation. When more than half the values are equal (MAD = 0) the mean absolute deviation is used
 * instead, M = (x − median) / (1.253314 · MeanAD), the same fallback the IBM SPSS documentation
 * gives for the modified z. Audience-quality tools (HypeAuditor's "suspicious growth", Modash's
 * "fake followers") flag the same patterns — follower jumps not explained by content, sudden drops
 * when a platform purges bought accounts, engagement concentrated in a few posts — from data we do
 * not have; ours show the series and the rule instead. docs/metrics.md "Credibility signals".
 */

/** |M| above this is an outlier (Iglewicz & Hoaglin's recommendation). */
const OUTLIER_Z = 3.5;
/** Daily follower changes needed before growth is judged (two weeks of changes). */
const MIN_GROWTH_CHANGES = 14;
/** Posts needed before engagement concentration is judged. */
const MIN_CONCENTRATION_POSTS = 10;
/** A follower jump is explained by a post published up to this many hours before it. */
const EXPLAINED_WITHIN_HOURS = 48;

export type Severity = 'low' | 'medium' | 'high';

function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * The median and mean of |x − med| over `sorted` (ascending, at least one value) where `med` is
 * its median — the MAD and MeanAD of the modified z-score — without sorting the deviations: they
 * grow walking out from the middle on each side, so merging the two walks meets them in order and
 * the median is reached halfway (one sort instead of two). Exported for its test against the
 * sort-based definition.
 */
export function absoluteDeviations(sorted: ArrayLike<number>, med: number): { mad: number; meanAd: number } {
  const n = sorted.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.abs(sorted[k] - med);
  // Left of the split every value is ≤ med, right of it ≥ med (the median's own index, or the lower
  // of the two middle ones).
  let left = Math.floor((n - 1) / 2);
  let right = left + 1;
  const last = Math.floor(n / 2); // the deviation taken last: the middle one, or the upper of two
  let previous = 0;
  let current = 0;
  for (let step = 0; step <= last; step++) {
    const fromLeft = left >= 0 ? med - sorted[left] : Infinity;
    const fromRight = right < n ? sorted[right] - med : Infinity;
    previous = current;
    if (fromLeft <= fromRight) {
      current = fromLeft;
      left--;
    } else {
      current = fromRight;
      right++;
    }
  }
  return { mad: n % 2 ? current : (previous + current) / 2, meanAd: sum / n };
}

/**
 * Modified z-scores of `values` (same order): 0.6745 · (x − median) / MAD, or (x − median) /
 * (1.253314 · MeanAD) when MAD is 0. All 0 when every value is the same (nothing stands out).
 */
export function modifiedZScores(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const med = median(sorted);
  const { mad, meanAd } = absoluteDeviations(sorted, med);
  if (mad > 0) return values.map((v) => (0.6745 * (v - med)) / mad);
  if (meanAd === 0) return values.map(() => 0);
  return values.map((v) => (v - med) / (1.253314 * meanAd));
}

/** Severity of an outlier by the size of its modified z-score: past 3.5 low, past 7 medium, past 14 high. */
export function severityOf(z: number): Severity {
  const a = Math.abs(z);
  return a > 4 * OUTLIER_Z ? 'high' : a > 2 * OUTLIER_Z ? 'medium' : 'low';
}

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };
const worst = (a: Severity[]): Severity | null => (a.length ? a.reduce((x, y) => (SEVERITY_RANK[y] > SEVERITY_RANK[x] ? y : x)) : null);

/** A signal that could not be judged: what it needs and what there is. */
type Insufficient = { status: 'insufficient'; needed: string; have: string };

export type GrowthPoint = { day: string; followers: number };

/** One day whose follower change stands out. */
type GrowthFlag = {
  /** The day the change was measured on (the later capture), YYYY-MM-DD. */
  day: string;
  /** Followers gained (or lost, negative) per day since the previous capture. */
  change: number;
  /** Δ ln(followers) per day, the series judged. */
  logChange: number;
  z: number;
  kind: 'spike' | 'drop';
  /** A spike with a post published up to 48 hours before it (content explains growth); drops are never explained. */
  explained: boolean;
  severity: Severity;
};

export type GrowthSignal =
  | Insufficient
  | {
      status: 'ok';
      /** First and last day of the series judged. */
      window: { from: string; to: string };
      changes: number;
      flags: GrowthFlag[];
      /** Worst severity of the unexplained flags; null: nothing unexplained stands out. */
      severity: Severity | null;
    };

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * Follower-growth anomalies of one account: the daily change of ln(followers) between consecutive
 * captures (a gap of several days is spread evenly over them), judged by its modified z-score; a
 * change past {@link OUTLIER_Z} is a **spike** (up) or a **drop** (down, e.g. a platform purging
 * bought accounts). A spike with a post published within {@link EXPLAINED_WITHIN_HOURS} hours
 * before it is marked explained (a viral post gains followers) and does not count toward the
 * severity. Captures with unknown or zero followers are skipped.
 * @param series captures, any order; one per day (the latest of a day is used).
 * @param postTimes publication times of the account's posts (ISO strings).
 * @returns the flags, or what is missing when there are fewer than {@link MIN_GROWTH_CHANGES} changes.
 */
export function followerGrowthSignal(series: GrowthPoint[], postTimes: string[]): GrowthSignal {
  const byDay = new Map<string, number>();
  for (const p of series) if (Number.isFinite(p.followers) && p.followers > 0) byDay.set(p.day, p.followers);
  const days = [...byDay.keys()].sort();
  const steps: { day: string; change: number; logChange: number }[] = [];
  for (let i = 1; i < days.length; i++) {
    const gap = Math.max(1, Math.round((dayMs(days[i]) - dayMs(days[i - 1])) / DAY_MS));
    const a = byDay.get(days[i - 1])!;
    const b = byDay.get(days[i])!;
    steps.push({ day: days[i], change: (b - a) / gap, logChange: (Math.log(b) - Math.log(a)) / gap });
  }
  if (steps.length < MIN_GROWTH_CHANGES)
    return {
      status: 'insufficient',
      needed: `follower counts on ${MIN_GROWTH_CHANGES + 1} days`,
      have: `${days.length} day${days.length === 1 ? '' : 's'}`,
    };
  const z = modifiedZScores(steps.map((s) => s.logChange));
  const posts = postTimes.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  const flags: GrowthFlag[] = [];
  steps.forEach((s, i) => {
    if (Math.abs(z[i]) <= OUTLIER_Z) return;
    const kind = z[i] > 0 ? 'spike' : 'drop';
    // The change shows at the day's capture; a post up to 48 h before that day's end explains it.
    const end = dayMs(s.day) + DAY_MS;
    const explained = kind === 'spike' && posts.some((t) => t <= end && t >= end - DAY_MS - EXPLAINED_WITHIN_HOURS * 3_600_000);
    flags.push({ day: s.day, change: s.change, logChange: s.logChange, z: z[i], kind, explained, severity: severityOf(z[i]) });
  });
  return {
    status: 'ok',
    window: { from: days[0], to: days[days.length - 1] },
    changes: steps.length,
    flags,
    severity: worst(flags.filter((f) => !f.explained).map((f) => f.severity)),
  };
}

export type ConcentrationSignal =
  | Insufficient
  | {
      status: 'ok';
      posts: number;
      /** Coefficient of variation of engagements per post: standard deviation ÷ mean. */
      coefficientOfVariation: number;
      /** Share of all engagements held by the top 10 % of posts (at least one post). */
      topShare: number;
      /** Engagements of the posts that are outliers by modified z-score (above the rest), most first. */
      outliers: number[];
      /** low past a CV of 1.5, medium past 2, high past 3; null below 1.5. */
      severity: Severity | null;
    };

/**
 * Engagement concentration of one account's posts: the coefficient of variation (population
 * standard deviation ÷ mean) of engagements per post, the top 10 %'s share of all engagements, and
 * the outlier posts (modified z-score past {@link OUTLIER_Z}). Organic accounts have a few hits, but
 * engagement held by one or two posts while the rest get almost none is what bought engagement on
 * selected posts looks like. Severity by CV: over 1.5 low, over 2 medium, over 3 high. Posts with
 * unknown engagements are skipped.
 * @returns the measures, or what is missing with fewer than {@link MIN_CONCENTRATION_POSTS} posts or no engagement at all.
 */
export function engagementConcentrationSignal(engagements: (number | null)[]): ConcentrationSignal {
  const known = engagements.filter((e): e is number => e !== null && e >= 0).map((e) => ({ e }));
  const total = known.reduce((s, x) => s + x.e, 0);
  if (known.length < MIN_CONCENTRATION_POSTS || total === 0)
    return {
      status: 'insufficient',
      needed: `${MIN_CONCENTRATION_POSTS} posts with engagements`,
      have: `${known.length} post${known.length === 1 ? '' : 's'}${known.length && total === 0 ? ' with none' : ''}`,
    };
  const mean = total / known.length;
  const sd = Math.sqrt(known.reduce((s, x) => s + (x.e - mean) ** 2, 0) / known.length);
  const cv = sd / mean;
  const sorted = known.map((x) => x.e).sort((a, b) => b - a);
  const top = Math.max(1, Math.round(known.length / 10));
  const topShare = sorted.slice(0, top).reduce((s, e) => s + e, 0) / total;
  const z = modifiedZScores(known.map((x) => x.e));
  return {
    status: 'ok',
    posts: known.length,
    coefficientOfVariation: cv,
    topShare,
    outliers: known
      .filter((_, k) => z[k] > OUTLIER_Z)
      .map((x) => x.e)
      .sort((a, b) => b - a),
    severity: concentrationSeverity(cv),
  };
}

/** Severity of an engagement concentration (coefficient of variation): low past 1.5, medium past 2, high past 3; null below. */
export function concentrationSeverity(cv: number | null): Severity | null {
  if (cv === null) return null;
  return cv > 3 ? 'high' : cv > 2 ? 'medium' : cv > 1.5 ? 'low' : null;
}

export type PeerSignal =
  | Insufficient
  | {
      status: 'ok';
      value: number;
      /** The peer band: the peers' median and the values between which |M| ≤ 3.5, and how many peers. */
      band: { median: number; low: number; high: number; peers: number };
      z: number;
      /** Above or below the band; null inside it. */
      direction: 'above' | 'below' | null;
      severity: Severity | null;
    };

/** Peers needed before a value is judged against them. */
const MIN_PEERS = 10;

/**
 * A value (an engagement rate, comments ÷ likes, likes ÷ views) against its peers (the same
 * platform and follower band): the modified z-score of ln(value) among ln(peer values) — rates are
 * judged on a log scale, where "3 × the usual" and "a third of the usual" are as far. Outside
 * |M| > {@link OUTLIER_Z} it is above or below the band. Values ≤ 0 are not judged (ln undefined).
 * @returns the band and where the value sits, or what is missing with fewer than {@link MIN_PEERS} peers.
 */
export function peerSignal(value: number | null, peers: (number | null)[]): PeerSignal {
  const logs = peers.filter((p): p is number => p !== null && p > 0).map(Math.log);
  if (value === null || value <= 0)
    return { status: 'insufficient', needed: 'a value above 0', have: value === null ? 'none' : String(value) };
  if (logs.length < MIN_PEERS)
    return {
      status: 'insufficient',
      needed: `${MIN_PEERS} peers with a value`,
      have: `${logs.length} peer${logs.length === 1 ? '' : 's'}`,
    };
  // The band is the peers' own: their median and MAD (or mean absolute deviation when MAD is 0).
  // One numeric sort of a Float64Array (no comparator call per pair) and no second sort for the
  // MAD: a tier holds thousands of peers and the influencer page judges each account twice.
  const sorted = Float64Array.from(logs).sort();
  const med = median(sorted);
  const { mad, meanAd } = absoluteDeviations(sorted, med);
  const scale = mad > 0 ? mad / 0.6745 : meanAd * 1.253314;
  const x = Math.log(value);
  // Peers all alike and the value not: as far out as a number can say (capped, never Infinity).
  const z = scale > 0 ? (x - med) / scale : x === med ? 0 : Math.sign(x - med) * 99;
  const spread = OUTLIER_Z * scale;
  const outside = Math.abs(z) > OUTLIER_Z;
  return {
    status: 'ok',
    value,
    band: { median: Math.exp(med), low: Math.exp(med - spread), high: Math.exp(med + spread), peers: logs.length },
    z,
    direction: outside ? (z > 0 ? 'above' : 'below') : null,
    severity: outside ? severityOf(z) : null,
  };
}
