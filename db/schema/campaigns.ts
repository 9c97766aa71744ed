import { bigint, boolean, char, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaignStatus, campaignVisibility } from './enums';
import { organizations } from './organizations';
import { users } from './users';

/** Goal targets of a campaign; each is optional. Revenue is in minor units of the campaign currency. */
export type CampaignGoals = Partial<Record<'impressions' | 'views' | 'engagements' | 'clicks' | 'conversions' | 'revenueMinor', number>>;

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    brief: text('brief'),
    budgetMinor: bigint('budget_minor', { mode: 'number' }),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    visibility: campaignVisibility('visibility').notNull().default('private'),
    status: campaignStatus('status').notNull().default('draft'),
    /** Niche the campaign looks for (matches influencers.category). */
    category: text('category'),
    goals: jsonb('goals').$type<CampaignGoals>().notNull().default({}),
    /** Hashtags / keywords that link posts to this campaign automatically (within its dates). */
    trackingKeywords: text('tracking_keywords').array().notNull().default([]),
    maxInfluencers: integer('max_influencers'),
    /** Weight of task progress in campaign progress, [0, 1]; goal progress gets the rest. */
    taskProgressWeight: doublePrecision('task_progress_weight').notNull().default(0.5),
    /** Conversions count when they follow the matching click within this many days (default 30). */
    attributionWindowDays: integer('attribution_window_days').notNull().default(30),
    /** When a sale has both, the discount code's creator gets it (true) or the last click's (false). */
    codeBeatsClick: boolean('code_beats_click').notNull().default(true),
    flagged: boolean('flagged').notNull().default(false),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_org_idx').on(t.orgId, t.status), index('campaigns_public_idx').on(t.visibility, t.status, t.startsOn)],
);

export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
