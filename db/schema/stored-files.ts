import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './users';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Files every instance can read (uploads waiting for their import, background export files), kept
 * in the database when no S3-compatible bucket is configured (lib/storage/file-store.ts). A file is
 * readable once `complete`; its bytes are in `stored_file_chunks`, 1 MiB each.
 */
export const storedFiles = pgTable('stored_files', {
  key: text('key').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull().default(0),
  complete: boolean('complete').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The bytes of a stored file, in order of `seq` (0, 1, …). */
export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    fileKey: text('file_key')
      .notNull()
      .references(() => storedFiles.key, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileKey, t.seq] })],
);

/**
 * Uploaded files waiting for their import, of an organization: the CSV the import reads (a
 * workbook or Studio zip converted when uploaded) is the stored file `storageKey`.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** Bytes received. */
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** What the conversion read (sheet, rows), shown on the preview. */
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
  },
  (t) => [index('uploads_org_idx').on(t.orgId, t.uploadedAt)],
);
export type UploadRow = typeof uploads.$inferSelect;
