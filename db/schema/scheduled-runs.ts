import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Runs of scheduled functions in the embedded mode (no Inngest server): each instance's scheduler
 * claims a function's slot (its scheduled minute) before running it, so several instances run each
 * slot once (inngest/embedded.ts). Rows older than 30 days are deleted by the hourly cleanup.
 */
export const scheduledRuns = pgTable(
  'scheduled_runs',
  {
    functionId: text('function_id').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    /** Which process ran it (host and pid), for the operator. */
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The failure, bounded, when the run threw. */
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.slot] })],
);
