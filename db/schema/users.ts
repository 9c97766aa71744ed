import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userRole } from './enums';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased and trimmed; unique across the platform. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** `scrypt$N$r$p$saltB64$hashB64` (see lib/auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  role: userRole('role').notNull(),
  /** Per-kind email preferences, e.g. `{ "offer_received": false }`; absent means on. */
  emailPreferences: jsonb('email_preferences').$type<Record<string, boolean>>().notNull().default({}),
  /** Sessions issued before this moment are no longer valid (password reset or change). */
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  flaggedAt: timestamp('flagged_at', { withTimezone: true }),
  /** When the person confirmed their email address through the emailed link; null until then. */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  flagReason: text('flag_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
