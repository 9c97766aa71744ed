import { bigint, char, index, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { collaborationStatus } from './enums';
import { influencers } from './influencers';

/** An influencer working on a campaign at an agreed fee (created when an offer is accepted). */
export const collaborations = pgTable(
  'collaborations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    status: collaborationStatus('status').notNull().default('active'),
    agreedFeeMinor: bigint('agreed_fee_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    offerId: uuid('offer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('collaborations_campaign_influencer_uq').on(t.campaignId, t.influencerId),
    index('collaborations_influencer_idx').on(t.influencerId),
  ],
);

export type Collaboration = typeof collaborations.$inferSelect;
