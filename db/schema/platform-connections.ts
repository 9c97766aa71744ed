import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectionStatus, platform } from './enums';
import { influencers } from './influencers';
import { socialAccounts } from './social-accounts';
import { users } from './users';

/**
 * A creator's OAuth connection of one platform account: proof the account is theirs and the tokens
 * that read its first-party data. Tokens are sealed (lib/crypto/secret-box.ts, bound to this row),
 * never logged, never sent to a browser.
 */
export const platformConnections = pgTable(
  'platform_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    influencerId: uuid('influencer_id')
      .notNull()
      .references(() => influencers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    socialAccountId: uuid('social_account_id').references(() => socialAccounts.id, { onDelete: 'set null' }),
    platform: platform('platform').notNull(),
    /** The platform's id of the connected account (Twitch user id, Instagram user id…). */
    platformUserId: text('platform_user_id').notNull(),
    /** Normalised login: lower-case, without "@". */
    handle: text('handle').notNull(),
    scopes: text('scopes').array().notNull(),
    /** Sealed; null once disconnected. */
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }),
    status: connectionStatus('status').notNull().default('connected'),
    statusSince: timestamp('status_since', { withTimezone: true }).notNull().defaultNow(),
    /** When the creator was last told the connection was lost (one email per loss). */
    lossNotifiedAt: timestamp('loss_notified_at', { withTimezone: true }),
    /** When the creator was told the connection is about to expire (one email per token). */
    expiryNotifiedAt: timestamp('expiry_notified_at', { withTimezone: true }),
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('platform_connections_account_uq').on(t.platform, t.platformUserId),
    index('platform_connections_influencer_idx').on(t.influencerId),
  ],
);

export type PlatformConnection = typeof platformConnections.$inferSelect;

/**
 * An authorization request in flight: the `state` sent to the platform, the PKCE verifier, who
 * asked and when it expires (10 minutes). Used once: the callback deletes it.
 */
export const oauthStates = pgTable('oauth_states', {
  state: text('state').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  platform: platform('platform').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
