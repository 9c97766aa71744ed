import { char, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { approvalStatus, organizationKind } from './enums';
import { influencers } from './influencers';
import { users } from './users';

/**
 * The tenant that owns imports and private metrics: a brand (which also runs campaigns), or an
 * influencer's creator workspace (`kind` creator, `influencerId` set): the same analytics over
 * the data the creator brings, private to the creator and the members they invite.
 */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  kind: organizationKind('kind').notNull().default('brand'),
  /** The influencer whose creator workspace this is; null for a brand. */
  influencerId: uuid('influencer_id')
    .unique()
    .references(() => influencers.id, { onDelete: 'cascade' }),
  website: text('website'),
  approvalStatus: approvalStatus('approval_status').notNull().default('pending'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
  /** Per-organization EMV value table, minor units per action, e.g. `{ "likes": 8 }`; null = documented defaults. */
  emvValues: jsonb('emv_values').$type<Record<string, number>>(),
  /** Influencer tier thresholds (followers); null = documented defaults. */
  tierThresholds: jsonb('tier_thresholds').$type<Record<string, number>>(),
  /** Engagement-rate basis preferred on roster rows (`followers` or `views`); null = followers. */
  engagementRateBasis: text('engagement_rate_basis').$type<'followers' | 'views'>(),
  /** Attribution window of new campaigns, in days; null = 30. */
  attributionWindowDays: integer('attribution_window_days'),
  /** Currency of new campaigns and of the overview's revenue; null = USD. */
  reportingCurrency: char('reporting_currency', { length: 3 }),
  /** When a metric setting last changed (pages say which settings they used); null = never. */
  metricSettingsUpdatedAt: timestamp('metric_settings_updated_at', { withTimezone: true }),
  flaggedAt: timestamp('flagged_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
