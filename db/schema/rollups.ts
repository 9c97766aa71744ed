import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { provenance } from './enums';
import { organizations } from './organizations';
import { socialAccounts } from './social-accounts';

/**
 * Rollups: what dashboards read instead of raw snapshots (docs/decision-rollups.md). Each is
 * derived from snapshots only, keyed like them by owner (the organization whose data it is), and
 * maintained by the writers of snapshots (the importer, the snapshot jobs) in the same
 * transaction. A null metric is unknown, never zero.
 */

/**
 * Per post and owner: the values of the latest snapshot, with the post's account and publish time
 * copied in so period queries need no join. Periods attribute a post to its `postDate`: the
 * publish time, or the first capture when the source gave none (the UI says which). `engagements` follows lib/metrics `engagements`:
 * likes + comments + shares + saves over the known parts, null when none is known.
 */
export const postMetrics = pgTable(
  'post_metrics',
  {
    ownerOrgId: uuid('owner_org_id'),
    // No foreign key: its per-row check cost half of the importer's rollup write; the trigger on
    // `posts` that deletes a deleted post's snapshots deletes its rollups too (docs/decision-snapshot-keys.md).
    postId: uuid('post_id').notNull(),
    socialAccountId: uuid('social_account_id').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Capture time of the latest snapshot (whose values these are). */
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    /** Capture time of the earliest snapshot: stands in for the publish time when that is unknown. */
    firstCapturedAt: timestamp('first_captured_at', { withTimezone: true }).notNull(),
    /** The date periods attribute the post to: published_at, else first_captured_at. */
    postDate: timestamp('post_date', { withTimezone: true })
      .notNull()
      .generatedAlwaysAs(sql`coalesce(published_at, first_captured_at)`),
    views: bigint('views', { mode: 'number' }),
    likes: bigint('likes', { mode: 'number' }),
    comments: bigint('comments', { mode: 'number' }),
    shares: bigint('shares', { mode: 'number' }),
    saves: bigint('saves', { mode: 'number' }),
    reach: bigint('reach', { mode: 'number' }),
    impressions: bigint('impressions', { mode: 'number' }),
    clicks: bigint('clicks', { mode: 'number' }),
    conversions: bigint('conversions', { mode: 'number' }),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }),
    revenueCurrency: char('revenue_currency', { length: 3 }),
    provenance: provenance('provenance').notNull(),
    engagements: bigint('engagements', { mode: 'number' }).generatedAlwaysAs(
      sql`case when likes is null and comments is null and shares is null and saves is null then null
        else coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) end`,
    ),
  },
  (t) => [
    unique('post_metrics_owner_post_uq').on(t.ownerOrgId, t.postId).nullsNotDistinct(),
    // Covers the period scans of the overview (top influencers at a period's edges) so they read
    // only the index (index-only scan), not posts scattered over the whole table.
    index('post_metrics_owner_date_cover_idx').on(t.ownerOrgId, t.postDate, t.socialAccountId, t.views, t.engagements),
    // Top posts by engagements: walked in order, filtered by period, stops at 10.
    index('post_metrics_owner_engagements_idx').on(t.ownerOrgId, t.engagements.desc().nullsLast()),
    index('post_metrics_account_idx').on(t.socialAccountId, t.ownerOrgId, t.postDate),
    index('post_metrics_post_idx').on(t.postId),
  ],
);

/**
 * Per post of an organization: its early curve — for each whole day 0–30 after `post_date` on which
 * the post was captured, that day's latest capture (time, views, engagements as in `post_metrics`),
 * as parallel arrays sorted by day. Kept by the importer's rollup step from each batch's staged
 * rows (lib/imports writePostRollups; recomputed from `post_snapshots` when the post date moves),
 * so content cohorts read one row per post instead of its snapshots. Captures later than day 30
 * are not kept: the latest of them is `post_metrics`' own values.
 */
export const postCurves = pgTable(
  'post_curves',
  {
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').notNull(),
    /** The post date the days count from (`post_metrics.post_date` when last written). */
    postDate: timestamp('post_date', { withTimezone: true }).notNull(),
    days: smallint('days').array().notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).array().notNull(),
    views: bigint('views', { mode: 'number' }).array().notNull(),
    engagements: bigint('engagements', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerOrgId, t.postId] }), index('post_curves_post_idx').on(t.postId)],
);

/** Per account, owner and UTC day: the last account snapshot of that day. */
export const accountDailyMetrics = pgTable(
  'account_daily_metrics',
  {
    ownerOrgId: uuid('owner_org_id'),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    followers: bigint('followers', { mode: 'number' }),
    following: bigint('following', { mode: 'number' }),
    postsCount: bigint('posts_count', { mode: 'number' }),
    totalViews: bigint('total_views', { mode: 'number' }),
    reportedEngagementRate: doublePrecision('reported_engagement_rate'),
    provenance: provenance('provenance').notNull(),
  },
  (t) => [
    unique('account_daily_metrics_uq').on(t.socialAccountId, t.ownerOrgId, t.day).nullsNotDistinct(),
    index('account_daily_metrics_owner_day_idx').on(t.ownerOrgId, t.day),
  ],
);

/**
 * Per account and owner: the current summary the roster sorts and filters on, recomputed from
 * the two rollups above for the accounts a job touched. Followers are the latest known; growth
 * compares with the last value at least 30 days older; post figures cover posts published in the
 * 90 days up to the account's latest post. Engagement rate by views = median over those posts of
 * engagements / views; by followers = median engagements per post / followers (lib/metrics).
 */
export const accountMetrics = pgTable(
  'account_metrics',
  {
    ownerOrgId: uuid('owner_org_id'),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id').notNull(),
    followers: bigint('followers', { mode: 'number' }),
    followersCapturedAt: timestamp('followers_captured_at', { withTimezone: true }),
    followers30dAgo: bigint('followers_30d_ago', { mode: 'number' }),
    reportedEngagementRate: doublePrecision('reported_engagement_rate'),
    postsTracked: integer('posts_tracked').notNull().default(0),
    posts90d: integer('posts_90d').notNull().default(0),
    medianViews: doublePrecision('median_views'),
    medianEngagements: doublePrecision('median_engagements'),
    engagementRateByViews: doublePrecision('engagement_rate_by_views'),
    engagementRateByFollowers: doublePrecision('engagement_rate_by_followers'),
    /**
     * Engagement concentration: coefficient of variation (population sd ÷ mean) of engagements over
     * the account's latest 200 posts (lib/metrics/credibility engagementConcentrationSignal); null
     * with fewer than 10 posts with engagements or none at all.
     */
    engagementCv: doublePrecision('engagement_cv'),
    /** Σ comments ÷ Σ likes over the account's posts with both known; null when none (credibility peer bands). */
    commentsPerLike: doublePrecision('comments_per_like'),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }),
    /** Date of the account's first post in the 90 days up to `last_post_at`: with it, posts per week use the days data covers. */
    firstPostIn90dAt: timestamp('first_post_in_90d_at', { withTimezone: true }),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('account_metrics_uq').on(t.socialAccountId, t.ownerOrgId).nullsNotDistinct(),
    index('account_metrics_owner_influencer_idx').on(t.ownerOrgId, t.influencerId),
  ],
);

export type PostMetrics = typeof postMetrics.$inferSelect;
export type AccountDailyMetrics = typeof accountDailyMetrics.$inferSelect;
export type AccountMetrics = typeof accountMetrics.$inferSelect;

/**
 * Per organization, UTC day and revenue currency: totals over the organization's posts dated
 * that day (`post_metrics.post_date`), with their latest values — what the overview's KPIs and
 * trend read for any period without scanning posts. `*_n` counts the posts where the value is
 * known; `er_engagements`/`er_views` sum over posts where both are known (engagement rate by
 * views). Rows are split by `revenue_currency` (null: no revenue) so revenue is never summed
 * across currencies. Refreshed from `post_metrics` when an import job completes
 * (lib/rollups/refresh-org-daily-metrics.ts).
 */
export const orgDailyPostMetrics = pgTable(
  'org_daily_post_metrics',
  {
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    revenueCurrency: char('revenue_currency', { length: 3 }),
    posts: integer('posts').notNull(),
    views: bigint('views', { mode: 'number' }),
    viewsN: integer('views_n').notNull(),
    reach: bigint('reach', { mode: 'number' }),
    reachN: integer('reach_n').notNull(),
    impressions: bigint('impressions', { mode: 'number' }),
    impressionsN: integer('impressions_n').notNull(),
    engagements: bigint('engagements', { mode: 'number' }),
    engagementsN: integer('engagements_n').notNull(),
    /** Posts whose each engagement part is known, so the overview names the parts an engagements total leaves out. */
    likesN: integer('likes_n').notNull().default(0),
    commentsN: integer('comments_n').notNull().default(0),
    sharesN: integer('shares_n').notNull().default(0),
    savesN: integer('saves_n').notNull().default(0),
    erEngagements: bigint('er_engagements', { mode: 'number' }),
    erViews: bigint('er_views', { mode: 'number' }),
    conversions: bigint('conversions', { mode: 'number' }),
    conversionsN: integer('conversions_n').notNull(),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }),
    revenueN: integer('revenue_n').notNull(),
  },
  (t) => [unique('org_daily_post_metrics_uq').on(t.ownerOrgId, t.day, t.revenueCurrency).nullsNotDistinct()],
);

/**
 * Per organization and UTC day: the net follower change of its accounts, Σ over account
 * captures that day of (followers − the account's previous known follower count), and how many
 * captures had a previous value. A period's follower growth is the sum over its days (an
 * account's first capture has no previous value and adds nothing). Refreshed from
 * `account_daily_metrics` when an import job completes.
 */
export const orgDailyFollowerMetrics = pgTable(
  'org_daily_follower_metrics',
  {
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    followerChange: bigint('follower_change', { mode: 'number' }).notNull(),
    changes: integer('changes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerOrgId, t.day] })],
);

/**
 * Per organization, influencer and calendar month (UTC, first day): totals over the influencer's
 * posts dated that month, for ranking influencers over long periods (the overview's top
 * influencers reads whole months here and the partial months at a period's edges from
 * `post_metrics`). Refreshed with the daily rollups above.
 */
export const influencerMonthlyMetrics = pgTable(
  'influencer_monthly_metrics',
  {
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    posts: integer('posts').notNull(),
    views: bigint('views', { mode: 'number' }),
    engagements: bigint('engagements', { mode: 'number' }),
    erEngagements: bigint('er_engagements', { mode: 'number' }),
    erViews: bigint('er_views', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.ownerOrgId, t.month, t.influencerId] })],
);

/**
 * Per organization and influencer: the roster row, summed and picked from the influencer's
 * `account_metrics` (followers summed over accounts where known; engagement rate, median views
 * and posting frequency of the primary account, the one with the most followers), so the roster
 * sorts and pages 10,000 influencers without aggregating their accounts on every request.
 * Recomputed whenever `account_metrics` changes for the influencer
 * (lib/rollups/refresh-influencer-metrics.ts).
 */
export const influencerMetrics = pgTable(
  'influencer_metrics',
  {
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id').notNull(),
    followers: bigint('followers', { mode: 'number' }),
    /** Σ followers now and 30 days before, over the accounts where both are known (growth). */
    followersNowWithPast: bigint('followers_now_with_past', { mode: 'number' }),
    followersPast: bigint('followers_past', { mode: 'number' }),
    growth30d: doublePrecision('growth_30d'),
    platforms: text('platforms').array().notNull(),
    /** The accounts' handles separated by spaces, for search. */
    handles: text('handles').notNull(),
    /** [{ platform, handle }], primary account first. */
    accounts: jsonb('accounts').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    engagementRate: doublePrecision('engagement_rate'),
    engagementRateBasis: text('engagement_rate_basis'),
    medianViews: doublePrecision('median_views'),
    postsPerWeek: doublePrecision('posts_per_week'),
    /** The highest engagement concentration (CV) over the influencer's judged accounts; null when none is judged. */
    engagementCv: doublePrecision('engagement_cv'),
  },
  (t) => [primaryKey({ columns: [t.ownerOrgId, t.influencerId] })],
);
