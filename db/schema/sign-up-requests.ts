import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A sign-up waiting for its address to be confirmed: the account is created only when the emailed
 * link is opened (lib/accounts/email-verification.ts), so signing up never tells whether an
 * address already has an account, and nobody can create an account with someone else's address.
 * Only the link token's SHA-256 and the password's hash are stored.
 */
export const signUpRequests = pgTable(
  'sign_up_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased and trimmed, like users.email. */
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    /** What the form said besides the password: role, name and the role's fields (lib/accounts/schemas.ts). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_up_requests_email_idx').on(t.email)],
);

export type SignUpRequest = typeof signUpRequests.$inferSelect;
