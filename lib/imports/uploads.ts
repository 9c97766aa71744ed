import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/connect';
import { importJobs } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { convertToCsv } from './convert-file';
import { getEnv } from '../env';
import { NotFoundError, ValidationError } from '../errors';
import { reader } from '../transaction';

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const MB = 1024 * 1024;

/** An uploaded file, kept as CSV at `path` (a workbook or Studio zip is converted when uploaded; `notes` say what was read). */
export type Upload = {
  id: string;
  orgId: string;
  fileName: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  path: string;
  notes: string[];
};

const metaSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  fileName: z.string(),
  size: z.number(),
  uploadedBy: z.uuid(),
  uploadedAt: z.string(),
  notes: z.array(z.string()).default([]),
});

function dir(): string {
  return path.resolve(getEnv().UPLOAD_DIR);
}

/** Every stored upload's metadata (unreadable or foreign files in the directory are skipped). */
export function listUploads(): (z.infer<typeof metaSchema> & { path: string })[] {
  if (!fs.existsSync(dir())) return [];
  return fs.readdirSync(dir()).flatMap((name) => {
    if (!name.endsWith('.json')) return [];
    try {
      const meta = metaSchema.parse(JSON.parse(fs.readFileSync(path.join(dir(), name), 'utf8')));
      return [{ ...meta, path: path.join(dir(), `${meta.id}.csv`) }];
    } catch {
      return [];
    }
  });
}

/**
 * Stores an uploaded CSV for an organization (managers and owners), streaming it to disk so memory
 * does not grow with its size; an .xlsx workbook (its first worksheet) or a YouTube Studio export
 * .zip (its `Table data.csv`) is converted to the CSV the import reads (lib/imports/convert-file). The role is checked before a byte is read. The organization's
 * uploads waiting for an import may hold at most `UPLOAD_QUOTA_MB` together; abandoned ones are
 * deleted after `UPLOAD_TTL_HOURS` (cleanupUploads).
 * @throws NotFoundError; ForbiddenError; ValidationError for a name that is not .csv, .tsv, .txt,
 *         .xlsx or .zip, an empty file, one over 200 MB, one that would pass the organization's
 *         storage quota, or a workbook or zip that cannot be read.
 */
export async function storeUpload({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; fileName: string; body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> }>): Promise<Upload> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'manager');
  const fileName = path.basename(input.fileName).slice(0, 200);
  if (!/\.(csv|tsv|txt|xlsx|zip)$/i.test(fileName))
    throw new ValidationError('Upload a .csv, .tsv, .txt or .xlsx file, or a YouTube Studio export .zip');
  fs.mkdirSync(dir(), { recursive: true });
  // Also here, so expired uploads go even where no scheduler runs the hourly cleanup.
  deleteExpiredUploads(await activeImportPaths(db));
  const quota = getEnv().UPLOAD_QUOTA_MB * MB;
  const waiting = listUploads()
    .filter((u) => u.orgId === org.id)
    .reduce((sum, u) => sum + u.size, 0);
  const overQuota = () =>
    new ValidationError(
      `Your organization's uploads waiting for an import would pass its ${getEnv().UPLOAD_QUOTA_MB} MB storage quota ` +
        `(${Math.ceil(waiting / MB)} MB waiting). Start or finish those imports, or wait ${getEnv().UPLOAD_TTL_HOURS} hours for unused uploads to expire.`,
    );
  if (waiting >= quota) throw overQuota();
  const id = randomUUID();
  const target = path.join(dir(), `${id}.csv`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) return done(new ValidationError('The file is larger than 200 MB'));
      done(waiting + size > quota ? overQuota() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(input.body as WebReadableStream<Uint8Array>), limit, fs.createWriteStream(target));
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error instanceof ValidationError ? error : new ValidationError('The upload was interrupted: try again');
  }
  if (size === 0) {
    fs.rmSync(target, { force: true });
    throw new ValidationError('The file is empty');
  }
  // A workbook or a Studio zip becomes the CSV every later step reads.
  let notes: string[] = [];
  const source = path.join(dir(), `${id}.source`);
  try {
    fs.renameSync(target, source);
    const converted = await convertToCsv(source, target);
    if (converted.kind === 'text') fs.renameSync(source, target);
    notes = converted.notes;
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  } finally {
    fs.rmSync(source, { force: true });
  }
  const meta = { id, orgId: org.id, fileName, size, uploadedBy: ctx.actor!.userId, uploadedAt: new Date().toISOString(), notes };
  fs.writeFileSync(path.join(dir(), `${id}.json`), JSON.stringify(meta));
  return { ...meta, path: target };
}

/**
 * An upload of an organization the actor belongs to (any role may look; writers act on it).
 * @throws NotFoundError for an unknown upload or one of another organization.
 */
export async function getUpload({ ctx, input }: VerbArgs<{ orgSlug: string; uploadId: string }>): Promise<Upload> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!z.uuid().safeParse(input.uploadId).success) throw new NotFoundError('Upload');
  const metaPath = path.join(dir(), `${input.uploadId}.json`);
  if (!fs.existsSync(metaPath)) throw new NotFoundError('Upload');
  const meta = metaSchema.parse(JSON.parse(fs.readFileSync(metaPath, 'utf8')));
  if (meta.orgId !== org.id) throw new NotFoundError('Upload');
  return { ...meta, path: path.join(dir(), `${meta.id}.csv`) };
}

/** Storage paths of imports still queued or running: their files must stay. */
export async function activeImportPaths(db: Db | Tx): Promise<Set<string>> {
  const rows = await db
    .select({ path: importJobs.storagePath })
    .from(importJobs)
    .where(inArray(importJobs.status, ['queued', 'running']));
  return new Set(rows.flatMap((r) => (r.path ? [r.path] : [])));
}

/**
 * Deletes uploads older than `UPLOAD_TTL_HOURS` that no queued or running import reads (abandoned
 * after the preview, or left by an import that failed long ago): files and metadata. Run hourly by
 * the `uploads-cleanup` function; safe to run anywhere, any number of times.
 * @param inUse storage paths of imports still queued or running.
 * @returns how many uploads were deleted.
 */
export function deleteExpiredUploads(inUse: Set<string>, now = new Date()): number {
  const cutoff = now.getTime() - getEnv().UPLOAD_TTL_HOURS * 3_600_000;
  let deleted = 0;
  for (const upload of listUploads()) {
    if (new Date(upload.uploadedAt).getTime() > cutoff || inUse.has(upload.path)) continue;
    discardUpload(upload.path);
    deleted++;
  }
  return deleted;
}

/**
 * Deletes an uploaded file and its metadata once its import completed. Files outside the upload
 * directory (the CLI imports files where they are) are never touched.
 */
export function discardUpload(storagePath: string): void {
  const file = path.resolve(storagePath);
  if (path.dirname(file) !== dir() || !file.endsWith('.csv')) return;
  fs.rmSync(file, { force: true });
  fs.rmSync(file.replace(/\.csv$/, '.json'), { force: true });
}
