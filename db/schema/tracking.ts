import { bigint, boolean, char, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { attributionMethod, attributionStatus, conversionKind, provenance } from './enums';
import { influencers } from './influencers';
import { organizations } from './organizations';
import { users } from './users';

/**
 * A short tracking link of one collaboration (influencer × campaign): `/l/<key>` redirects to the
 * destination with the UTM parameters and a click id. Disabled or expired links never redirect.
 */
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
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    /** The short key in `/l/<key>`: unique across the platform. */
    key: text('key').notNull().unique(),
    /** The destination without the UTM parameters (they are added on redirect). */
    destinationUrl: text('destination_url').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No unique (campaign, influencer, destination): two profiles merged by a claim may both have one.
  (t) => [index('tracking_links_campaign_idx').on(t.campaignId, t.influencerId)],
);

export type TrackingLink = typeof trackingLinks.$inferSelect;

/**
 * One visit of a tracking link. The id is the click id passed to the destination (`rb_click`), a
 * time-ordered UUID (version 7). No IP address is stored: `visitorHash` is an HMAC of IP and user
 * agent under a daily salt. No foreign key: the one writer of clicks (lib/links/click-writer.ts)
 * checks each batch's links and their organization once, in the transaction that copies it, and
 * locks them until it commits; deleting links deletes their clicks through the statement-level
 * trigger `tracking_links_delete_clicks` (migration 0044) — docs/attribution.md, "What a click
 * costs the database".
 */
export const linkClicks = pgTable(
  'link_clicks',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    trackingLinkId: uuid('tracking_link_id').notNull(),
    clickedAt: timestamp('clicked_at', { withTimezone: true }).notNull(),
    visitorHash: text('visitor_hash').notNull(),
    /** ISO 3166-1 alpha-2 from the configured proxy header; null when absent. */
    country: char('country', { length: 2 }),
    /** `mobile`, `tablet`, `desktop` or `unknown`, from the user agent. */
    device: text('device').notNull(),
    referrerHost: text('referrer_host'),
    /** A crawler or link-preview bot (the `isbot` list): kept, never counted. */
    isBot: boolean('is_bot').notNull(),
  },
  (t) => [index('link_clicks_link_idx').on(t.trackingLinkId, t.clickedAt)],
);

/** A discount code of one collaboration: a sale naming it is attributed to the creator. */
export const discountCodes = pgTable(
  'discount_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    /** As the shop knows it (upper case); unique per organization. */
    code: text('code').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('discount_codes_org_code_uq').on(t.orgId, t.code), index('discount_codes_campaign_idx').on(t.campaignId)],
);

/** A reusable UTM template of an organization; `{platform}`, `{campaign}`, `{influencer}` are filled per link. */
export const utmTemplates = pgTable(
  'utm_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    utmSource: text('utm_source').notNull(),
    utmMedium: text('utm_medium').notNull(),
    utmCampaign: text('utm_campaign').notNull(),
    utmContent: text('utm_content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('utm_templates_org_name_uq').on(t.orgId, t.name)],
);

/**
 * An organization's key for the server-to-server tracking API. Only a SHA-256 hash is stored;
 * the key is shown once. Revoked keys stay for the audit trail.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the key (`rb_` + 8), shown to tell keys apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_org_idx').on(t.orgId)],
);

export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * A conversion (lead or sale): tracked through the API or a shop webhook, imported, or entered.
 * Attribution (campaign, influencer, link, method, status) is decided when it arrives
 * (lib/metrics/attribution.ts); unmatched and out-of-window conversions are kept and labelled.
 */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: conversionKind('kind').notNull().default('sale'),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    influencerId: uuid('influencer_id').references(() => influencers.id, { onDelete: 'set null' }),
    trackingLinkId: uuid('tracking_link_id').references(() => trackingLinks.id, { onDelete: 'set null' }),
    /** The brand's own id of the order/event: re-sending it never doubles a conversion. */
    externalId: text('external_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }),
    currency: char('currency', { length: 3 }),
    /** Σ refunds of this sale, minor units of `currency`; revenue counted is revenue − refunded. */
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    provenance: provenance('provenance').notNull(),
    attributedBy: attributionMethod('attributed_by'),
    attributionStatus: attributionStatus('attribution_status').notNull().default('attributed'),
    /** The click id the shop passed back (`rb_click`), as received. */
    clickId: uuid('click_id'),
    discountCode: text('discount_code'),
    customerExternalId: text('customer_external_id'),
    /** Days of the attribution window applied (the campaign's at the time). */
    windowDays: integer('window_days'),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('conversions_org_kind_external_uq').on(t.orgId, t.kind, t.externalId),
    index('conversions_campaign_idx').on(t.campaignId, t.occurredAt),
    index('conversions_org_idx').on(t.orgId, t.occurredAt),
  ],
);

/** A refund of a sale, idempotent on the organization's refund id. */
export const conversionRefunds = pgTable(
  'conversion_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversion_refunds_org_external_uq').on(t.orgId, t.externalId)],
);

/**
 * A shop's webhook into Reachboard (Shopify orders and refunds, Stripe checkouts and refunds),
 * verified with the signing secret the shop gave: `/api/v1/webhooks/<provider>/<id>`.
 */
export const shopWebhooks = pgTable(
  'shop_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['shopify', 'stripe'] }).notNull(),
    name: text('name').notNull(),
    /** The shop's signing secret (Shopify's webhook secret, Stripe's `whsec_…`); never shown again. */
    signingSecret: text('signing_secret').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastReceivedAt: timestamp('last_received_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('shop_webhooks_org_idx').on(t.orgId)],
);
