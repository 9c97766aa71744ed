import { bigint, date, doublePrecision, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { platform } from './enums';
import { socialAccounts } from './social-accounts';

/**
 * An account's audience as its platform reports it to the connected creator (first-party, provenance
 * `api`): one row per breakdown (`age`, `gender`, `country`, `city`), bucket and capture day.
 * `share` is the bucket's part of the breakdown in [0, 1]; `count` the people in it where the
 * platform gives counts (Instagram's follower_demographics) and null where it gives only
 * percentages (YouTube's viewerPercentage). `bucket` null is the part the platform **withheld**
 * (buckets too small to report, or beyond the top ones it lists) — never shown as 0.
 * Shared by everyone who sees the account: it comes from the platform through the verified creator.
 */
export const audienceDemographics = pgTable(
  'audience_demographics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    /** `age` (e.g. 18-24), `gender` (female / male / unknown), `country` (ISO 3166-1 alpha-2), `city`. */
    breakdown: text('breakdown').notNull(),
    bucket: text('bucket'),
    count: bigint('count', { mode: 'number' }),
    share: doublePrecision('share').notNull(),
    /** What the platform calls it (`follower_demographics`, `viewerPercentage`): followers or viewers. */
    source: text('source').notNull(),
    capturedOn: date('captured_on', { mode: 'string' }).notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('audience_demographics_uq').on(t.socialAccountId, t.breakdown, t.bucket, t.capturedOn).nullsNotDistinct(),
    index('audience_demographics_country_idx').on(t.breakdown, t.bucket, t.share),
  ],
);

export type AudienceDemographic = typeof audienceDemographics.$inferSelect;

/**
 * A connected channel's daily analytics as its platform reports them to the creator (YouTube
 * Analytics: views, watch time, subscribers gained and lost; Twitch: paid subscriptions), first-party. One row per account and
 * day; a re-read overwrites the day (the platform revises recent days). Shared like the audience.
 * A null value was not reported, never 0.
 */
export const accountDailyInsights = pgTable(
  'account_daily_insights',
  {
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    views: bigint('views', { mode: 'number' }),
    /** `estimatedMinutesWatched`. */
    watchMinutes: bigint('watch_minutes', { mode: 'number' }),
    subscribersGained: bigint('subscribers_gained', { mode: 'number' }),
    subscribersLost: bigint('subscribers_lost', { mode: 'number' }),
    /** Paid subscriptions to the channel that day and their sub points (Twitch, a connected broadcaster). */
    paidSubscribers: bigint('paid_subscribers', { mode: 'number' }),
    subscriberPoints: bigint('subscriber_points', { mode: 'number' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.socialAccountId, t.day] })],
);

/**
 * An account's totals over a period as its platform reports them to the connected creator
 * (Instagram account insights with `metric_type=total_value`: unique accounts reached, views,
 * accounts engaged, total interactions over the period), first-party and shared like the audience.
 * One row per account and period end; a re-read of the same period overwrites it. Null: not reported.
 */
export const accountPeriodInsights = pgTable(
  'account_period_insights',
  {
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Unique accounts that saw any of the account's content in the period (not a sum of days). */
    reach: bigint('reach', { mode: 'number' }),
    views: bigint('views', { mode: 'number' }),
    accountsEngaged: bigint('accounts_engaged', { mode: 'number' }),
    totalInteractions: bigint('total_interactions', { mode: 'number' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.socialAccountId, t.periodEnd] })],
);
