import { bigint, char, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * An influencer (creator) profile: a shared identity. A tracked profile (no `userId`) is created by
 * an import or a connector and holds only what a platform's API says (its name); a creator's own
 * profile (`userId`) holds what the creator writes, and is `verifiedAt` once they proved control of
 * one of its social accounts (docs/decision-identity-and-tenancy.md). What an organization imports
 * about a profile (name, country, category) is that organization's view, in `org_influencers`;
 * what it measures lives in snapshots it owns.
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
    /** When the creator proved control of one of the profile's accounts (verification code, admin review). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** A deleted creator's profile, kept only as the brands' counterpart in past offers and conversations. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('influencers_category_idx').on(t.category), index('influencers_country_idx').on(t.country)],
);

export type Influencer = typeof influencers.$inferSelect;
export type NewInfluencer = typeof influencers.$inferInsert;
