import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { importIssueKind, importKind, importStatus } from './enums';
import { organizations } from './organizations';
import { users } from './users';

export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    fileSha256: text('file_sha256').notNull(),
    /** Where the uploaded file is kept until the job finishes. */
    storagePath: text('storage_path'),
    kind: importKind('kind').notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    status: importStatus('status').notNull().default('queued'),
    rowsTotal: integer('rows_total'),
    rowsRead: integer('rows_read').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    /** Rows whose values were already stored exactly (re-imports). */
    unchanged: integer('unchanged').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    /** Summary rows ("Total", "Average") the file carried, skipped. */
    summaryRows: integer('summary_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** The text encoding the file was read in (detected, or chosen by the user). */
    encoding: text('encoding'),
    /**
     * What the job's committed batches changed and the rollups do not reflect yet: UTC days of posts
     * and of account captures, and accounts (docs/decision-rollups.md). Added to in each batch's
     * transaction; refreshed and emptied when the job completes or fails, so a job resumed after a
     * crash still refreshes what its dead run wrote, and nothing else.
     */
    refreshPostDays: date('refresh_post_days', { mode: 'string' }).array().notNull().default([]),
    refreshCaptureDays: date('refresh_capture_days', { mode: 'string' }).array().notNull().default([]),
    refreshAccounts: uuid('refresh_accounts').array().notNull().default([]),
    failureReason: text('failure_reason'),
    /** The known layout the mapping came from, if any. */
    layoutId: text('layout_id'),
    /** Last file line whose rows are committed: a re-run resumes after it. */
    committedLine: integer('committed_line').notNull().default(1),
    /** Refreshed by the running import; a stale heartbeat means the run died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_jobs_org_idx').on(t.orgId, t.createdAt)],
);

/**
 * Posts a post import's committed batches named and whose per-post rollups (`post_metrics`,
 * `post_curves`) the job has not recomputed yet: written in the transaction of each batch's
 * identities (which also writes the organization's view of each post the rollups copy), recomputed
 * from the snapshots and deleted in chunks when the job completes or fails (lib/imports runImport),
 * so a job resumed after a crash still recomputes what its dead run wrote.
 * No foreign key to the post: a deleted post's rollups go with it (docs/decision-snapshot-keys.md).
 */
export const importJobPosts = pgTable(
  'import_job_posts',
  {
    importJobId: uuid('import_job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importJobId, t.postId] })],
);

/** A rejected row of an import, with the 1-based line number in the file. */
export const importRowErrors = pgTable(
  'import_row_errors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importJobId: uuid('import_job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    kind: importIssueKind('kind').notNull().default('error'),
    column: text('column'),
    reason: text('reason').notNull(),
  },
  (t) => [index('import_row_errors_job_idx').on(t.importJobId, t.line)],
);

/** A saved column mapping (the JSON documented in docs/import-mapping.md). */
export const importMappingPresets = pgTable(
  'import_mapping_presets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('import_mapping_presets_org_name_uq').on(t.orgId, t.name)],
);

export type ImportJob = typeof importJobs.$inferSelect;
export type ImportRowError = typeof importRowErrors.$inferSelect;
