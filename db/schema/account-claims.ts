import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claimMethod, claimStatus, platform } from './enums';
import { influencers } from './influencers';
import { socialAccounts } from './social-accounts';
import { users } from './users';

/**
 * A creator's claim that a social account (platform + handle) is theirs. The account joins their
 * profile only once proven (docs/decision-identity-and-tenancy.md): `code` is put in the channel
 * description or bio and read back through the connector, or an admin approves it from the review
 * queue with the evidence the creator gave.
 */
export const accountClaims = pgTable(
  'account_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    /** Normalised like social_accounts.handle: lower-case, without "@". */
    handle: text('handle').notNull(),
    /** The verification code, e.g. `RB-7KQ2M9XD`. */
    code: text('code').notNull(),
    status: claimStatus('status').notNull().default('pending'),
    method: claimMethod('method'),
    /** What the creator gave an admin to check (a link, a note), when they asked for a review. */
    evidence: text('evidence'),
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    /** The last automatic check and what it found, shown to the creator. */
    lastCheckAt: timestamp('last_check_at', { withTimezone: true }),
    lastCheckResult: text('last_check_result'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why an admin rejected it, shown to the creator. */
    rejectionReason: text('rejection_reason'),
    socialAccountId: uuid('social_account_id').references(() => socialAccounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('account_claims_open_uq')
      .on(t.influencerId, t.platform, t.handle)
      .where(sql`${t.status} = 'pending'`),
    index('account_claims_review_idx').on(t.status, t.reviewRequestedAt),
  ],
);

export type AccountClaim = typeof accountClaims.$inferSelect;
