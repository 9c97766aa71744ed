import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { collaborations } from './collaborations';
import { deliverableStatus, platform } from './enums';
import { posts } from './posts';
import { users } from './users';

export const deliverables = pgTable(
  'deliverables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collaborationId: uuid('collaboration_id')
      .notNull()
      .references(() => collaborations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    platform: platform('platform').notNull(),
    dueOn: date('due_on'),
    status: deliverableStatus('status').notNull().default('pending'),
    postUrl: text('post_url'),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewComment: text('review_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deliverables_collaboration_idx').on(t.collaborationId), index('deliverables_due_idx').on(t.status, t.dueOn)],
);

export type Deliverable = typeof deliverables.$inferSelect;
