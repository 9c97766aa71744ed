import { index, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { socialAccounts } from './social-accounts';
import { users } from './users';

/** Whether a benchmarked account is the brand's own or a rival's. */
export const benchmarkKind = pgEnum('benchmark_kind', ['own', 'competitor']);

/** Accounts an organization benchmarks: its own social accounts and the rivals it chooses to track. */
export const benchmarkAccounts = pgTable(
  'benchmark_accounts',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    kind: benchmarkKind('kind').notNull(),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.socialAccountId] }), index('benchmark_accounts_account_idx').on(t.socialAccountId)],
);

export type BenchmarkAccount = typeof benchmarkAccounts.$inferSelect;
