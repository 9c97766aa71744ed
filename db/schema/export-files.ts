import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './users';

/** Which export a background export file holds (docs/exports.md). */
export const exportKind = pgEnum('export_kind', ['roster', 'campaign', 'influencer_posts']);
export const exportStatus = pgEnum('export_status', ['queued', 'ready', 'failed']);

/**
 * CSV exports built in the background. The file is kept in the file store every instance reads
 * (lib/storage/file-store.ts) and removed once its signed download link has expired (24 hours
 * after it was ready).
 */
export const exportFiles = pgTable(
  'export_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: exportKind('kind').notNull(),
    /** What the export was asked with: filters and sort of the page, or the campaign id. */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    status: exportStatus('status').notNull().default('queued'),
    fileName: text('file_name'),
    rowCount: integer('row_count'),
    /** The built file in the file store (lib/storage/file-store.ts). */
    storageKey: text('storage_key'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('export_files_org_idx').on(t.orgId, t.createdAt)],
);

export type ExportFile = typeof exportFiles.$inferSelect;
