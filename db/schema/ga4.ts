import { date, doublePrecision, bigint, char, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './users';

/**
 * A Google Analytics 4 property an organization reads campaign traffic from, as the organization's
 * own service account (granted Viewer on the property): a property is read only with the key of an
 * account its owner let in, so no organization can read another brand's traffic through Reachboard.
 */
export const ga4Properties = pgTable(
  'ga4_properties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** GA4's numeric property id (Admin → Property details), without `properties/`. */
    propertyId: text('property_id').notNull(),
    name: text('name').notNull(),
    /** The service account the property is read as (shown to the owner). Null: connected before per-organization keys. */
    serviceAccountEmail: text('service_account_email'),
    /** Its JSON key's credentials, sealed (lib/crypto/secret-box.ts, bound to this row). Never sent to the browser. */
    serviceAccountKey: text('service_account_key'),
    /** The property's reporting currency (from the last report's metadata). */
    currency: char('currency', { length: 3 }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the last sync was tried and when one last succeeded; the last failure's reason (bounded). */
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [unique('ga4_properties_org_property_uq').on(t.orgId, t.propertyId)],
);

export type Ga4Property = typeof ga4Properties.$inferSelect;

/**
 * GA4's sessions, key events and revenue per day and session campaign/source/manual ad content, as
 * the Data API reported them (provenance `api`). Matched to a campaign and creator at read time through
 * the UTM values of the organization's tracking links; a re-sync overwrites a day (GA4 revises
 * recent days), never adds to it.
 */
export const ga4CampaignMetrics = pgTable(
  'ga4_campaign_metrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ga4PropertyId: uuid('ga4_property_id')
      .notNull()
      .references(() => ga4Properties.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    sessionCampaignName: text('session_campaign_name').notNull(),
    sessionSource: text('session_source').notNull(),
    sessionManualAdContent: text('session_manual_ad_content').notNull(),
    sessions: integer('sessions').notNull(),
    /** GA4's `keyEvents` (formerly conversions); fractional when a key event is counted per value. */
    keyEvents: doublePrecision('key_events').notNull(),
    /** GA4's `totalRevenue` in minor units of `currency`. */
    revenueMinor: bigint('revenue_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('ga4_campaign_metrics_row_uq').on(t.ga4PropertyId, t.day, t.sessionCampaignName, t.sessionSource, t.sessionManualAdContent),
    index('ga4_campaign_metrics_org_idx').on(t.orgId, t.sessionCampaignName),
  ],
);
