import { sql } from 'drizzle-orm';
import { bigint, char, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { offerStatus, platform, side } from './enums';
import { influencers } from './influencers';
import { organizations } from './organizations';
import { users } from './users';

/** A deliverable requested in an offer round. */
export type RequestedDeliverable = { title: string; platform: (typeof platform.enumValues)[number]; dueOn?: string };

/**
 * An offer (ad request) between a brand and an influencer for a campaign. A brand sends one, or an
 * influencer applies to a public campaign (`initiatedBy = influencer`). Terms live in rounds.
 */
export const offers = pgTable(
  'offers',
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
    initiatedBy: side('initiated_by').notNull(),
    /** The influencer's pitch when applying. */
    pitch: text('pitch'),
    status: offerStatus('status').notNull().default('pending'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('offers_org_idx').on(t.orgId, t.status),
    index('offers_influencer_idx').on(t.influencerId, t.status),
    index('offers_campaign_idx').on(t.campaignId),
    // At most one offer under negotiation per campaign and influencer, even when two race.
    uniqueIndex('offers_open_uq')
      .on(t.campaignId, t.influencerId)
      .where(sql`${t.status} in ('pending', 'countered')`),
  ],
);

/** One step of a negotiation; only the latest round of an offer can be accepted. */
export const offerRounds = pgTable(
  'offer_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    roundNumber: integer('round_number').notNull(),
    proposedBySide: side('proposed_by_side').notNull(),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    feeMinor: bigint('fee_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    terms: text('terms'),
    deliverables: jsonb('deliverables').$type<RequestedDeliverable[]>().notNull().default([]),
    dueOn: date('due_on'),
    status: offerStatus('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('offer_rounds_offer_round_uq').on(t.offerId, t.roundNumber)],
);

export type Offer = typeof offers.$inferSelect;
export type OfferRound = typeof offerRounds.$inferSelect;
