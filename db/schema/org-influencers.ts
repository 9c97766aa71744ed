import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { influencers } from './influencers';
import { organizations } from './organizations';
import { users } from './users';

/**
 * An organization's roster: the influencers it tracks or works with, with what the organization's
 * own imports say about them (its view: never shown to another organization, never written by one).
 */
export const orgInfluencers = pgTable(
  'org_influencers',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    /** How the influencer entered the roster: "import", "manual", "collaboration", "self" (a creator workspace's own profile). */
    source: text('source').notNull(),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    /** The name, country and category this organization's imports gave; null = not given. */
    displayName: text('display_name'),
    country: text('country'),
    category: text('category'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.influencerId] }), index('org_influencers_influencer_idx').on(t.influencerId)],
);

export type OrgInfluencer = typeof orgInfluencers.$inferSelect;
