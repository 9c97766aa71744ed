import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { campaignPostSource, campaignPostStatus } from './enums';
import { posts } from './posts';
import { users } from './users';

/** Link of a post to a campaign: manual, by tracking keyword (reviewable) or by an approved deliverable. */
export const campaignPosts = pgTable(
  'campaign_posts',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    source: campaignPostSource('source').notNull(),
    status: campaignPostStatus('status').notNull().default('confirmed'),
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.postId] }), index('campaign_posts_post_idx').on(t.postId)],
);
