/** Weights of the fit score's parts (they sum to 100; credibility is shown, never scored). */
const FIT_WEIGHTS = { niche: 30, engagement: 25, growth: 15, budget: 15, history: 15, credibility: 0 } as const;
type FitPartKey = keyof typeof FIT_WEIGHTS;

/** One part of a fit score: its score in [0, 1] (null = unknown) and why, in words. */
type FitPart = { key: FitPartKey; label: string; weight: number; score: number | null; detail: string };
/**
 * A fit score, 0–100 (null when no part is known), the share of its weight that is measured
 * (0–100: the weights of the known parts), and its parts.
 */
export type FitScore = { score: number | null; measured: number; parts: FitPart[] };

/** What an unknown part counts for in the score: neither good nor bad. */
const UNKNOWN_PART_SCORE = 0.5;

/** Rule of thumb for a creator's fee when no rate card applies: $10 (1,000 minor units) per 1,000 followers. */
const ESTIMATED_FEE_MINOR_PER_FOLLOWER = 1;

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)} %`;
const clamp = (v: number) => Math.min(Math.max(v, 0), 1);

/** What a fit score reads about one influencer and one campaign. */
export type FitInput = {
  campaignCategory: string | null;
  influencerCategory: string | null;
  engagementRate: number | null;
  tierMedianEngagementRate: number | null;
  growth30d: number | null;
  followers: number | null;
  budgetPerInfluencerMinor: number | null;
  /** The rate card, only when it is in the campaign currency. */
  rateMinor: number | null;
  history: { approved: number; total: number } | null;
  /** The highest engagement concentration (CV) over the influencer's accounts; null when not judged; left out (no part) when not asked. */
  concentrationCv?: number | null;
};

/** The creator's expected fee, minor units: the rate card, else the followers' estimate; null when neither is known. */
const expectedFeeOf = (i: FitInput): number | null =>
  i.rateMinor ?? (i.followers === null ? null : i.followers * ESTIMATED_FEE_MINOR_PER_FOLLOWER);

/** Each part's score before clamping (null = unknown), in the breakdown's order; credibility only when asked. */
function partScores(i: FitInput): [FitPartKey, number | null][] {
  const fee = expectedFeeOf(i);
  const cv = i.concentrationCv ?? null;
  const scores: [FitPartKey, number | null][] = [
    [
      'niche',
      !i.campaignCategory || !i.influencerCategory
        ? null
        : i.campaignCategory.trim().toLowerCase() === i.influencerCategory.trim().toLowerCase()
          ? 1
          : 0,
    ],
    ['engagement', i.engagementRate === null || !i.tierMedianEngagementRate ? null : i.engagementRate / i.tierMedianEngagementRate / 2],
    ['growth', i.growth30d === null ? null : i.growth30d / 0.05],
    ['budget', i.budgetPerInfluencerMinor === null || fee === null ? null : fee === 0 ? 1 : i.budgetPerInfluencerMinor / fee],
    ['history', !i.history || i.history.total === 0 ? null : i.history.approved / i.history.total],
  ];
  if (i.concentrationCv !== undefined)
    scores.push(['credibility', cv === null ? null : cv > 3 ? 0 : cv > 2 ? 1 / 3 : cv > 1.5 ? 2 / 3 : 1]);
  return scores;
}

/** The score and measured share of {@link fitScore} from parts' scores (clamped), summed in the breakdown's order. */
function combine(parts: { weight: number; score: number | null }[]): Pick<FitScore, 'score' | 'measured'> {
  const measured = parts.reduce((s, p) => s + (p.score === null ? 0 : p.weight), 0);
  const total = parts.reduce((s, p) => s + p.weight * (p.score ?? UNKNOWN_PART_SCORE), 0);
  const weights = parts.reduce((s, p) => s + p.weight, 0);
  return { score: measured ? Math.round((total / weights) * 100) : null, measured };
}

/**
 * {@link fitScore}'s score alone (0–100, null when no part is known), without the breakdown's
 * words: what ranking a whole population reads. Always equal to `fitScore(i).score`.
 */
export function fitScoreValue(i: FitInput): number | null {
  return combine(partScores(i).map(([key, score]) => ({ weight: FIT_WEIGHTS[key], score: score === null ? null : clamp(score) }))).score;
}

/**
 * How well an influencer fits a campaign, 0–100, explained part by part:
 * - niche match (30): 1 when the influencer's niche equals the campaign's (case-insensitive), else 0;
 * - engagement rate vs the median of the influencer's tier (25): min(rate ÷ median ÷ 2, 1), so the median scores ½;
 * - follower growth over 30 days (15): min(growth ÷ 5 %, 1), shrinking scores 0;
 * - audience size vs budget (15): min(budget per influencer ÷ expected fee, 1), the fee being the
 *   rate card in the campaign currency, else an estimate of {@link ESTIMATED_FEE_MINOR_PER_FOLLOWER}
 *   minor unit per follower;
 * - past performance with this brand (15): approved ÷ all deliverables of earlier collaborations;
 * - engagement concentration (0: shown in the breakdown, never scored): 1 even, ⅔ low, ⅓ medium,
 *   0 high (lib/metrics/credibility `concentrationSeverity`).
 * Score = Σ weight × part ÷ 100 × 100, rounded, where an unknown part counts
 * {@link UNKNOWN_PART_SCORE} (½): the less is known of a creator, the closer the score stays to the
 * middle, so the least-known creators never rank first on parts nobody measured. `measured` is
 * Σ weights of the known parts (how much of the score rests on data). Unknown parts say why; the
 * score is null when every part is unknown. Source: Reachboard (docs/metrics.md "fit score").
 */
export function fitScore(i: FitInput): FitScore {
  const scores = new Map(partScores(i));
  const parts: FitPart[] = [];
  const add = (key: FitPartKey, label: string, detail: string) => {
    const score = scores.get(key)!;
    parts.push({ key, label, weight: FIT_WEIGHTS[key], score: score === null ? null : clamp(score), detail });
  };

  add(
    'niche',
    'Niche match',
    !i.campaignCategory
      ? 'The campaign has no niche'
      : !i.influencerCategory
        ? 'The influencer has no niche'
        : scores.get('niche') === 1
          ? `Both ${i.influencerCategory}`
          : `${i.influencerCategory}, not ${i.campaignCategory}`,
  );
  add(
    'engagement',
    'Engagement rate vs tier',
    i.engagementRate === null
      ? 'Engagement rate not measured'
      : !i.tierMedianEngagementRate
        ? 'No tier median to compare with'
        : `${pct(i.engagementRate)} vs tier median ${pct(i.tierMedianEngagementRate)}`,
  );
  add(
    'growth',
    'Follower growth',
    i.growth30d === null
      ? 'No follower count 30 days back'
      : `${i.growth30d >= 0 ? '+' : ''}${pct(i.growth30d)} in 30 days (5 % or more scores full)`,
  );
  const fee = expectedFeeOf(i);
  add(
    'budget',
    'Audience size vs budget',
    i.budgetPerInfluencerMinor === null
      ? 'The campaign has no budget'
      : fee === null
        ? 'No rate card and followers unknown'
        : `${i.rateMinor !== null ? 'Rate card' : 'Estimated fee ($10 per 1,000 followers)'} ${fee <= i.budgetPerInfluencerMinor ? 'fits' : 'exceeds'} the budget per influencer`,
  );
  add(
    'history',
    'Past work with you',
    !i.history || i.history.total === 0
      ? 'No earlier collaboration with you'
      : `${i.history.approved} of ${i.history.total} deliverables approved`,
  );
  // Credibility is in the breakdown, with weight 0: evidence to open, not a number to trade off.
  const cv = i.concentrationCv ?? null;
  if (i.concentrationCv !== undefined)
    add(
      'credibility',
      'Engagement concentration (shown, not scored)',
      cv === null
        ? 'Not judged: needs 10 posts with engagements'
        : `Coefficient of variation ${cv.toFixed(2)}${cv > 1.5 ? ': engagement sits in a few posts — open the signals' : ': engagement spread evenly'}`,
    );
  return { ...combine(parts), parts };
}
