import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platform } from './enums';
import { influencers } from './influencers';

/** One account of an influencer on one platform; identity is platform + handle. */
export const socialAccounts = pgTable(
  'social_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    /** Normalised: lower-case, without a leading "@". */
    handle: text('handle').notNull(),
    platformAccountId: text('platform_account_id'),
    displayName: text('display_name'),
    url: text('url'),
    /** Connector health, shared by everyone tracking the account (the platform's answer, not a setting). */
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
    lastError: text('last_error'),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    /** No refresh before this moment (quota exhausted, rate limited, backing off after failures). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('social_accounts_platform_handle_uq').on(t.platform, t.handle),
    uniqueIndex('social_accounts_platform_account_id_uq')
      .on(t.platform, t.platformAccountId)
      .where(sql`${t.platformAccountId} is not null`),
    index('social_accounts_influencer_idx').on(t.influencerId),
  ],
);

export type SocialAccount = typeof socialAccounts.$inferSelect;
export type NewSocialAccount = typeof socialAccounts.$inferInsert;
