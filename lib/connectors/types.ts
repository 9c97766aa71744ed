import type { mediaType, SocialAccount } from '@/db/schema';

export type Platform = SocialAccount['platform'];

/** An account's profile statistics as a connector reads them; null = the platform does not say. */
type ConnectorProfile = {
  platformAccountId: string;
  /** Normalised: lower-case, without "@". */
  handle: string;
  displayName: string | null;
  url: string | null;
  followers: number | null;
  totalViews: number | null;
  postsCount: number | null;
  /** Accounts it follows, where the platform says. */
  following?: number | null;
  /** Likes over all its posts, where the platform says (TikTok). */
  totalLikes?: number | null;
};

/** An account's public profile text, where a creator puts a verification code. */
export type ConnectorProfileText = {
  platformAccountId: string;
  /** Normalised: lower-case, without "@". */
  handle: string;
  displayName: string | null;
  url: string | null;
  /** The channel description or bio, as the platform serves it. */
  text: string;
};

/** One recent post with its statistics at capture time. */
export type ConnectorPost = {
  platformPostId: string;
  publishedAt: Date | null;
  title: string | null;
  url: string;
  mediaType: (typeof mediaType.enumValues)[number] | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  /** Private metrics a platform gives only to the connected creator (Instagram insights); absent = unknown. */
  shares?: number | null;
  saves?: number | null;
  reach?: number | null;
};

/** One day of a connected channel's analytics (YouTube Analytics, Twitch subscriptions); null = not reported. */
export type ConnectorDailyInsight = {
  /** YYYY-MM-DD in the channel's reporting time zone (Pacific for YouTube). */
  day: string;
  views: number | null;
  /** `estimatedMinutesWatched`. */
  watchMinutes: number | null;
  subscribersGained: number | null;
  subscribersLost: number | null;
  /** Paid subscriptions and their sub points (Twitch); absent where the platform has none. */
  paidSubscribers?: number | null;
  subscriberPoints?: number | null;
};

/** An account's totals over a period (Instagram account insights, `total_value`); null = not reported. */
export type ConnectorPeriodInsight = {
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  /** Unique accounts reached in the period (not a sum of days). */
  reach: number | null;
  views: number | null;
  accountsEngaged: number | null;
  totalInteractions: number | null;
};

/**
 * One audience bucket as the platform reports it to the connected creator: `bucket` null is the
 * part the platform withheld (small buckets, or beyond the top ones it lists), never a zero.
 */
export type ConnectorAudienceBucket = {
  breakdown: 'age' | 'gender' | 'country' | 'city';
  bucket: string | null;
  /** People in the bucket, where the platform gives counts; null where it gives only shares. */
  count: number | null;
  /** The bucket's part of the breakdown, in [0, 1]. */
  share: number;
  /** The platform's name for what is counted (`follower_demographics`, `viewerPercentage`). */
  source: string;
};

/** What one refresh of an account read, all captured at `capturedAt`. */
export type ConnectorResult = {
  capturedAt: Date;
  profile: ConnectorProfile;
  posts: ConnectorPost[];
  /** Post ids the platform listed but no longer serves (deleted or private videos). */
  unavailablePostIds: string[];
  /** Quota units spent by this refresh. */
  unitsUsed: number;
  /** Read with the creator's own connection: the values are stored as first-party. */
  firstParty?: boolean;
  /** The audience, where the connection gives it; absent or empty when the platform gave none. */
  audience?: ConnectorAudienceBucket[];
  /** Daily channel analytics, where the connection gives them (YouTube Analytics). */
  dailyInsights?: ConnectorDailyInsight[];
  /** Account totals over a period, where the connection gives them (Instagram account insights). */
  periodInsights?: ConnectorPeriodInsight;
  /** Breakdowns the platform refused this time (each failed alone: the others are kept), with the reason. */
  partialFailures?: string[];
};

/** Where an account is found: a platform id, or a handle (a profile URL is reduced to one). */
export type AccountRef = { platformAccountId?: string | null; handle?: string | null };

/** How a platform limits us: a daily budget of units (YouTube), or request rate only (Dailymotion). */
export type QuotaModel =
  | { kind: 'daily-units'; dailyBudget: number; resetsAt: 'midnight-pacific'; costs: Record<string, number> }
  | { kind: 'rate-limited'; note: string };

export type ConnectorErrorKind = 'not_configured' | 'not_found' | 'quota_exhausted' | 'rate_limited' | 'unavailable';

/** A connector failure a user can read; `retryAt` says when trying again makes sense. */
export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/** Charges quota units before each call; throws ConnectorError('quota_exhausted') when the budget would be exceeded. */
export type QuotaGuard = { spend(units: number, call: string): Promise<void> };

/** One platform's connector. */
export interface Connector {
  readonly platform: Platform;
  readonly quota: QuotaModel;
  /** Whether the connector can run, or the environment variable to set. */
  configuration(): { configured: true } | { configured: false; variable: string };
  /**
   * Reads an account's profile statistics and its most recent posts (at most `maxPosts`) with
   * their statistics.
   * @throws ConnectorError
   */
  fetchAccount(ref: AccountRef, opts: { quota: QuotaGuard; maxPosts: number }): Promise<ConnectorResult>;
  /** False for a platform whose bios Reachboard cannot read (Instagram: proven by connecting instead). */
  readonly readsProfileText?: false;
  /**
   * Reads an account's public description or bio (one cheap call), to find a verification code.
   * @throws ConnectorError
   */
  fetchProfileText(ref: AccountRef, opts: { quota: QuotaGuard }): Promise<ConnectorProfileText>;
}
