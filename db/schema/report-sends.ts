import { date, jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { users } from './users';

/** A campaign's report totals as sent each week: the basis of "change vs last week". */
export const campaignWeeklyTotals = pgTable(
  'campaign_weekly_totals',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Monday (UTC) of the week the report was sent. */
    week: date('week').notNull(),
    totals: jsonb('totals').$type<Record<string, number | null>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.week] })],
);

/** One weekly report per campaign, person and week: claimed before sending, so never two. */
export const weeklyReportSends = pgTable(
  'weekly_report_sends',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    week: date('week').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId, t.week] })],
);
