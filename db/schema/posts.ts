import { sql } from 'drizzle-orm';
import { bigint, char, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { mediaType, platform } from './enums';
import { socialAccounts } from './social-accounts';

/**
 * A published piece of content, a shared identity: platform + platform post id. Its attributes
 * (account, title, URL, publish time, media type, tags) come only from a platform's API (the
 * connectors) and are null until one read it. What an organization imports about a post is its
 * own view, in `org_posts`.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The account the platform's API says published it; null until a connector read it. */
    socialAccountId: uuid('social_account_id').references(() => socialAccounts.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    platformPostId: text('platform_post_id').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    title: text('title'),
    mediaType: mediaType('media_type'),
    url: text('url'),
    tags: text('tags').array().notNull().default([]),
    /** The platform's own category id (e.g. YouTube's numeric video category). */
    platformCategoryId: text('platform_category_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('posts_platform_post_uq').on(t.platform, t.platformPostId),
    index('posts_account_published_idx').on(t.socialAccountId, t.publishedAt),
  ],
);

export type Post = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;

/**
 * An organization's view of a post: the account, title, URL, publish time, media type and tags its
 * own imports (or the connector refreshes of accounts it tracks) gave. Every page and export of the
 * organization reads these; another organization's import never changes them. The latest write
 * wins; a value the source does not give keeps the one stored.
 */
export const orgPosts = pgTable(
  'org_posts',
  {
    // No foreign key on org_id, as on snapshots (docs/decision-snapshot-keys.md): deleted with the
    // organization's data (lib/orgs/delete-organization-data.ts).
    orgId: uuid('org_id').notNull(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    socialAccountId: uuid('social_account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    platformPostId: text('platform_post_id').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    title: text('title'),
    mediaType: mediaType('media_type'),
    url: text('url'),
    tags: text('tags').array().notNull().default([]),
    platformCategoryId: text('platform_category_id'),
    /** What the organization paid for the post (imported, e.g. an agency sheet's fee), in minor units. */
    costMinor: bigint('cost_minor', { mode: 'number' }),
    costCurrency: char('cost_currency', { length: 3 }),
    /** The capture the attributes above come from: a later capture's attributes replace them, an earlier one's never. */
    attributesCapturedAt: timestamp('attributes_captured_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.postId] }),
    index('org_posts_account_idx').on(t.socialAccountId, t.orgId),
    // The overview's spend reads the few posts with an imported cost.
    index('org_posts_cost_idx')
      .on(t.orgId)
      .where(sql`cost_minor is not null`),
  ],
);

export type OrgPost = typeof orgPosts.$inferSelect;
