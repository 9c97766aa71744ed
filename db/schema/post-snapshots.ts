import { bigint, boolean, char, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { provenance } from './enums';

/**
 * Post-level metrics at one moment, owned by the importing organization (null = public data).
 * Private metrics (reach, impressions, clicks, conversions, revenue) only ever come with an owner.
 * A null metric is unknown, never zero.
 *
 * The high-volume fact table, so it carries one index only: its natural key (post, owner,
 * captured_at). No surrogate id, no foreign keys (a per-row check costs more than the insert
 * itself): the importer resolves every post in the same transaction, and a trigger on `posts`
 * deletes the snapshots of deleted posts (docs/decision-snapshot-keys.md).
 */
export const postSnapshots = pgTable(
  'post_snapshots',
  {
    postId: uuid('post_id').notNull(),
    ownerOrgId: uuid('owner_org_id'),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    views: bigint('views', { mode: 'number' }),
    likes: bigint('likes', { mode: 'number' }),
    dislikes: bigint('dislikes', { mode: 'number' }),
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
    /** Read with the creator's own connection (their insights), not from public data or a file. */
    firstParty: boolean('first_party').notNull().default(false),
    importJobId: uuid('import_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Post first: a post's history (drilldown: post + owner) and the delete trigger read by post.
  (t) => [unique('post_snapshots_natural_uq').on(t.postId, t.ownerOrgId, t.capturedAt).nullsNotDistinct()],
);

export type PostSnapshot = typeof postSnapshots.$inferSelect;
export type NewPostSnapshot = typeof postSnapshots.$inferInsert;
