import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { mediaType, platform } from './enums';
import { socialAccounts } from './social-accounts';

/** A published piece of content; identity is platform + platform post id. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
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
