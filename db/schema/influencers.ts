import { bigint, char, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * An influencer (creator) profile. It may exist without a user account (a tracked influencer
 * created by an import or a connector) and be claimed later, when `userId` is set.
 * Profiles are shared identities: what an organization measures about them lives in snapshots
 * owned by that organization.
 */
export const influencers = pgTable(
  'influencers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    displayName: text('display_name').notNull(),
    /** Niche / content category, e.g. "beauty", "gaming". */
    category: text('category'),
    country: text('country'),
    bio: text('bio'),
    /** Typical fee per deliverable, integer minor units of `rateCurrency`. */
    rateMinor: bigint('rate_minor', { mode: 'number' }),
    rateCurrency: char('rate_currency', { length: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('influencers_category_idx').on(t.category), index('influencers_country_idx').on(t.country)],
);

export type Influencer = typeof influencers.$inferSelect;
export type NewInfluencer = typeof influencers.$inferInsert;
