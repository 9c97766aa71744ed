import { bigint, char, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { deliverables } from './deliverables';
import { platform } from './enums';
import { influencers } from './influencers';
import { offers } from './offers';
import { organizations } from './organizations';

/**
 * A forecast of one planned deliverable (creator × platform, at a fee), stored when it is made so
 * its outcome can be compared with it later (lib/metrics/forecast). Counts are the post's values
 * 30 days after publishing; `inputs` holds the log-scale statistics and the shrinkage weight used.
 * Outcomes are recorded once the deliverable's post has a snapshot at least N days after it was
 * published: the value of the latest snapshot within N days, null when none falls in that window.
 */
export const forecasts = pgTable(
  'forecasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    /** Position of the deliverable in the offer round that asked for it. */
    offerDeliverableIndex: integer('offer_deliverable_index'),
    deliverableId: uuid('deliverable_id').references(() => deliverables.id, { onDelete: 'set null' }),
    /** The deliverable's share of the fee, minor units of `currency`. */
    feeMinor: bigint('fee_minor', { mode: 'number' }),
    currency: char('currency', { length: 3 }),
    modelVersion: text('model_version').notNull(),
    inputs: jsonb('inputs').notNull(),
    viewsPoint: doublePrecision('views_point'),
    viewsP10: doublePrecision('views_p10'),
    viewsP90: doublePrecision('views_p90'),
    engagementsPoint: doublePrecision('engagements_point'),
    engagementsP10: doublePrecision('engagements_p10'),
    engagementsP90: doublePrecision('engagements_p90'),
    completionProbability: doublePrecision('completion_probability'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    views7d: bigint('views_7d', { mode: 'number' }),
    engagements7d: bigint('engagements_7d', { mode: 'number' }),
    /** When the 7-day outcome was recorded (values may be null: no snapshot within 7 days). */
    outcome7dAt: timestamp('outcome_7d_at', { withTimezone: true }),
    views30d: bigint('views_30d', { mode: 'number' }),
    engagements30d: bigint('engagements_30d', { mode: 'number' }),
    outcome30dAt: timestamp('outcome_30d_at', { withTimezone: true }),
  },
  (t) => [
    index('forecasts_org_idx').on(t.orgId, t.platform, t.createdAt),
    index('forecasts_offer_idx').on(t.offerId),
    index('forecasts_deliverable_idx').on(t.deliverableId),
  ],
);

export type Forecast = typeof forecasts.$inferSelect;
