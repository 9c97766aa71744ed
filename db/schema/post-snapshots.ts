import { bigint, char, index, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { provenance } from './enums';
import { posts } from './posts';

/**
 * Post-level metrics at one moment, owned by the importing organization (null = public data).
 * Private metrics (reach, impressions, clicks, conversions, revenue) only ever come with an owner.
 * A null metric is unknown, never zero.
 */
export const postSnapshots = pgTable(
  'post_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    // No foreign key on owner_org_id / import_job_id: per-row FK triggers cost two thirds of bulk
    // import time; both are set by the importer in the same transaction (docs/decision-snapshot-keys.md).
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
    importJobId: uuid('import_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('post_snapshots_natural_uq').on(t.postId, t.capturedAt, t.ownerOrgId).nullsNotDistinct(),
    index('post_snapshots_owner_idx').on(t.ownerOrgId, t.capturedAt),
  ],
);

export type PostSnapshot = typeof postSnapshots.$inferSelect;
export type NewPostSnapshot = typeof postSnapshots.$inferInsert;
