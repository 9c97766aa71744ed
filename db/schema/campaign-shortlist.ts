import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { influencers } from './influencers';
import { users } from './users';

/** Influencers a brand shortlisted for a campaign during discovery. */
export const campaignShortlist = pgTable(
  'campaign_shortlist',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.influencerId] })],
);
