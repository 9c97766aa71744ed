import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { influencers } from './influencers';
import { users } from './users';

/** A fan following an influencer on Reachboard. */
export const follows = pgTable(
  'follows',
  {
    fanId: uuid('fan_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fanId, t.influencerId] }), index('follows_influencer_idx').on(t.influencerId)],
);
