import { bigint, char, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { provenance } from './enums';
import { influencers } from './influencers';
import { organizations } from './organizations';

/** A short tracking link with UTM parameters, given to one influencer for one campaign. */
export const trackingLinks = pgTable(
  'tracking_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id').references(() => influencers.id, { onDelete: 'set null' }),
    slug: text('slug').notNull().unique(),
    destinationUrl: text('destination_url').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tracking_links_campaign_idx').on(t.campaignId)],
);

export const linkClicks = pgTable(
  'link_clicks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    trackingLinkId: uuid('tracking_link_id')
      .notNull()
      .references(() => trackingLinks.id, { onDelete: 'cascade' }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Salted hash of the visitor IP, for de-duplication without storing the address. */
    visitorHash: text('visitor_hash'),
    referrer: text('referrer'),
  },
  (t) => [index('link_clicks_link_idx').on(t.trackingLinkId, t.clickedAt)],
);

/** A conversion (order, sign-up) attributed to a campaign and, when known, an influencer. */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    influencerId: uuid('influencer_id').references(() => influencers.id, { onDelete: 'set null' }),
    trackingLinkId: uuid('tracking_link_id').references(() => trackingLinks.id, { onDelete: 'set null' }),
    /** The brand's own id of the order/event: re-sending it never doubles a conversion. */
    externalId: text('external_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }),
    currency: char('currency', { length: 3 }),
    provenance: provenance('provenance').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('conversions_org_external_uq').on(t.orgId, t.externalId),
    index('conversions_campaign_idx').on(t.campaignId, t.occurredAt),
  ],
);
