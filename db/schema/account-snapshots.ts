import { bigint, boolean, doublePrecision, index, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { provenance } from './enums';
import { socialAccounts } from './social-accounts';

/**
 * Account-level metrics at one moment. `ownerOrgId` is the organization that imported the
 * values (null for public data fetched by connectors): one organization never sees another's.
 * A null metric is unknown, never zero.
 */
export const accountSnapshots = pgTable(
  'account_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    // No foreign key on owner_org_id / import_job_id: per-row FK triggers cost two thirds of bulk
    // import time; both are set by the importer in the same transaction (docs/decision-snapshot-keys.md).
    ownerOrgId: uuid('owner_org_id'),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    followers: bigint('followers', { mode: 'number' }),
    following: bigint('following', { mode: 'number' }),
    postsCount: bigint('posts_count', { mode: 'number' }),
    totalViews: bigint('total_views', { mode: 'number' }),
    totalLikes: bigint('total_likes', { mode: 'number' }),
    avgLikes: bigint('avg_likes', { mode: 'number' }),
    /** Engagement rate as reported by the source, in [0, 1]. */
    reportedEngagementRate: doublePrecision('reported_engagement_rate'),
    provenance: provenance('provenance').notNull(),
    /** Read with the creator's own connection (their insights), not from public data or a file. */
    firstParty: boolean('first_party').notNull().default(false),
    importJobId: uuid('import_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('account_snapshots_natural_uq').on(t.socialAccountId, t.capturedAt, t.ownerOrgId).nullsNotDistinct(),
    index('account_snapshots_owner_idx').on(t.ownerOrgId, t.capturedAt),
  ],
);

export type AccountSnapshot = typeof accountSnapshots.$inferSelect;
export type NewAccountSnapshot = typeof accountSnapshots.$inferInsert;
