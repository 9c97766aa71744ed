import { date, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platform } from './enums';
import { organizations } from './organizations';
import { socialAccounts } from './social-accounts';
import { users } from './users';

/**
 * Quota units spent per platform and quota day (YouTube's day runs midnight to midnight Pacific
 * time). Charged before each API call, shared by every instance and job.
 */
export const connectorQuotaUsage = pgTable(
  'connector_quota_usage',
  {
    platform: platform('platform').notNull(),
    day: date('day').notNull(),
    unitsUsed: integer('units_used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.day] })],
);

/**
 * Units each organization's refreshes spent per platform and quota day: its share of the daily
 * budget is checked before a refresh for it is fetched (lib/connectors/quota.ts).
 */
export const connectorQuotaOrgUsage = pgTable(
  'connector_quota_org_usage',
  {
    platform: platform('platform').notNull(),
    day: date('day').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    unitsUsed: integer('units_used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.day, t.orgId] })],
);

/**
 * Accounts an organization asked to keep current through the platform APIs, with that
 * organization's own schedule: how often, and when its data last received a capture. One
 * organization's settings never change another's.
 */
export const trackedAccounts = pgTable(
  'tracked_accounts',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    refreshIntervalHours: integer('refresh_interval_hours').notNull().default(24),
    /** Capture time of the last refresh written for this organization. */
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.socialAccountId] })],
);

export type TrackedAccount = typeof trackedAccounts.$inferSelect;
