import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { emailStatus } from './enums';

/**
 * Every email Reachboard sends. Without RESEND_API_KEY an email is only captured here
 * (status `captured`) and readable in the development mailbox.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Template kind, e.g. "password_reset", "invitation". */
    kind: text('kind').notNull(),
    status: emailStatus('status').notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    /** Key of one delivery: a retried send with the same key neither sends nor records twice. */
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_outbox_to_idx').on(t.to, t.createdAt)],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
