import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Db, Tx } from '@/db/connect';
import { importJobs, uploads, type UploadRow } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { convertToCsv } from './convert-file';
import { getEnv } from '../env';
import { NotFoundError, ValidationError } from '../errors';
import { deleteOrphanFiles, getFileStore, withLocalCopy } from '../storage/file-store';
import { reader } from '../transaction';

/** Largest accepted upload. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const MB = 1024 * 1024;

/** How an import job names a file of the file store (`stored:uploads/<id>.csv`); any other storage path is a local file (the CLI's). */
const STORED = 'stored:';

/** Whether an import job's storage path names a stored upload (else a local file, the CLI's). */
export const isStoredFile = (storagePath: string): boolean => storagePath.startsWith(STORED);

/**
 * An uploaded file, kept as CSV in the file store every instance reads (a workbook or Studio zip
 * is converted when uploaded; `notes` say what was read). `storagePath` is what its import job reads.
 */
export type Upload = {
  id: string;
  orgId: string;
  fileName: string;
  size: number;
  uploadedBy: string | null;
  uploadedAt: string;
  storagePath: string;
  notes: string[];
};

function toUpload(row: UploadRow): Upload {
  return {
    id: row.id,
    orgId: row.orgId,
    fileName: row.fileName,
    size: row.size,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
    storagePath: STORED + row.storageKey,
    notes: row.notes,
  };
}

/** Streams a request body to `target`, refusing it past 200 MB or past `room` bytes. @returns the bytes received. */
async function receive(
  body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>,
  target: string,
  room: number,
  overQuota: () => Error,
) {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) return done(new ValidationError('The file is larger than 200 MB'));
      done(size > room ? overQuota() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), limit, fs.createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    throw error instanceof ValidationError ? error : new ValidationError('The upload was interrupted: try again');
  }
  if (size === 0) throw new ValidationError('The file is empty');
  return size;
}

/**
 * Stores an uploaded CSV for an organization (managers and owners) in the file store every
 * instance reads, so the import may run on any of them. The body is streamed (memory does not grow
 * with its size) through a private temporary file that is deleted before returning; an .xlsx
 * workbook (its first worksheet) or a YouTube Studio export .zip (its `Table data.csv`) is
 * converted to the CSV the import reads (lib/imports/convert-file). The role is checked before a
 * byte is read. The organization's uploads waiting for an import may hold at most
 * `UPLOAD_QUOTA_MB` together; abandoned ones are deleted after `UPLOAD_TTL_HOURS` (cleanupUploads).
 * @throws NotFoundError; ForbiddenError; ValidationError for a name that is not .csv, .tsv, .txt,
 *         .xlsx or .zip, an empty file, one over 200 MB, one that would pass the organization's
 *         storage quota, or a workbook or zip that cannot be read.
 */
export async function storeUpload({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; fileName: string; body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> }>): Promise<Upload> {
  const db = await reader(ctx);
  const { org, actor } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'manager');
  const fileName = path.basename(input.fileName).slice(0, 200);
  if (!/\.(csv|tsv|txt|xlsx|zip)$/i.test(fileName))
    throw new ValidationError('Upload a .csv, .tsv, .txt or .xlsx file, or a YouTube Studio export .zip');
  // Also here, so expired uploads go even where no scheduler runs the hourly cleanup.
  await deleteExpiredUploads();
  const quota = getEnv().UPLOAD_QUOTA_MB * MB;
  const [{ waiting }] = await db
    .select({ waiting: sql<number>`coalesce(sum(${uploads.size}), 0)::float8` })
    .from(uploads)
    .where(eq(uploads.orgId, org.id));
  const overQuota = () =>
    new ValidationError(
      `Your organization's uploads waiting for an import would pass its ${getEnv().UPLOAD_QUOTA_MB} MB storage quota ` +
        `(${Math.ceil(waiting / MB)} MB waiting). Start or finish those imports, or wait ${getEnv().UPLOAD_TTL_HOURS} hours for unused uploads to expire.`,
    );
  if (waiting >= quota) throw overQuota();
  const id = randomUUID();
  const storageKey = `uploads/${id}.csv`;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'reachboard-upload-'));
  try {
    const source = path.join(dir, 'source');
    const size = await receive(input.body, source, quota - waiting, overQuota);
    // A workbook or a Studio zip becomes the CSV every later step reads.
    const csv = path.join(dir, 'upload.csv');
    const converted = await convertToCsv(source, csv);
    await getFileStore().write(storageKey, fs.createReadStream(converted.kind === 'text' ? source : csv));
    try {
      const [row] = await db
        .insert(uploads)
        .values({ id, orgId: org.id, fileName, size, storageKey, uploadedBy: actor.userId, notes: converted.notes })
        .returning();
      return toUpload(row);
    } catch (error) {
      await getFileStore().remove([storageKey]);
      throw error;
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * An upload of an organization the actor belongs to (any role may look; writers act on it).
 * @throws NotFoundError for an unknown upload or one of another organization.
 */
export async function getUpload({ ctx, input }: VerbArgs<{ orgSlug: string; uploadId: string }>): Promise<Upload> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!z.uuid().safeParse(input.uploadId).success) throw new NotFoundError('Upload');
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, input.uploadId), eq(uploads.orgId, org.id)));
  if (!row) throw new NotFoundError('Upload');
  return toUpload(row);
}

/**
 * Runs `fn` with a local path of an import's file: a stored upload is copied to a private
 * temporary file (deleted afterwards), so any instance can read it; a local file (the CLI's) is
 * read where it is.
 * @throws ValidationError for a stored file that is gone (expired).
 */
export async function withImportFile<T>(storagePath: string, fn: (filePath: string) => Promise<T>): Promise<T> {
  if (!isStoredFile(storagePath)) return fn(storagePath);
  let opened = false;
  try {
    return await withLocalCopy(storagePath.slice(STORED.length), (file) => {
      opened = true;
      return fn(file);
    });
  } catch (error) {
    if (!opened && error instanceof NotFoundError)
      throw new ValidationError(
        `The uploaded file is no longer stored (uploads not imported are kept ${getEnv().UPLOAD_TTL_HOURS} hours): upload it again`,
      );
    throw error;
  }
}

/** Storage paths of imports still queued or running: their files must stay. */
async function activeImportPaths(db: Db | Tx): Promise<Set<string>> {
  const rows = await db
    .select({ path: importJobs.storagePath })
    .from(importJobs)
    .where(inArray(importJobs.status, ['queued', 'running']));
  return new Set(rows.flatMap((r) => (r.path ? [r.path] : [])));
}

/**
 * Deletes uploads older than `UPLOAD_TTL_HOURS` that no queued or running import reads (abandoned
 * after the preview, or left by an import that failed long ago), with their stored files, and
 * stored upload files no upload refers to (an upload whose organization was deleted). Run hourly
 * by the `uploads-cleanup` function; safe to run anywhere, any number of times.
 * @returns how many uploads were deleted.
 */
export async function deleteExpiredUploads(now = new Date()): Promise<number> {
  // The process's database, never a caller's transaction: the file store works outside it (on
  // embedded PGlite a query outside a held transaction would wait for it for ever).
  const db = await getDb();
  const cutoff = new Date(now.getTime() - getEnv().UPLOAD_TTL_HOURS * 3_600_000);
  const inUse = await activeImportPaths(db);
  const expired = (await db.select().from(uploads).where(lt(uploads.uploadedAt, cutoff))).filter((u) => !inUse.has(STORED + u.storageKey));
  for (const upload of expired) await discardUpload(STORED + upload.storageKey);
  await deleteOrphanFiles('uploads/', async (keys) => {
    const rows = keys.length ? await db.select({ key: uploads.storageKey }).from(uploads).where(inArray(uploads.storageKey, keys)) : [];
    return new Set(rows.map((r) => r.key));
  });
  return expired.length;
}

/**
 * Deletes an uploaded file and its upload once its import completed (on the process's database,
 * outside any transaction, like the file store). Local files (the CLI imports files where they
 * are) are never touched.
 */
export async function discardUpload(storagePath: string): Promise<void> {
  if (!isStoredFile(storagePath)) return;
  const key = storagePath.slice(STORED.length);
  await (await getDb()).delete(uploads).where(eq(uploads.storageKey, key));
  await getFileStore().remove([key]);
}
