import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { NotFoundError, ValidationError } from '../errors';
import { reader } from '../transaction';

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export type Upload = { id: string; orgId: string; fileName: string; size: number; uploadedBy: string; uploadedAt: string; path: string };

const metaSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  fileName: z.string(),
  size: z.number(),
  uploadedBy: z.uuid(),
  uploadedAt: z.string(),
});

function dir(): string {
  return path.resolve(getEnv().UPLOAD_DIR);
}

/**
 * Stores an uploaded CSV for an organization (managers and owners), streaming it to disk so memory
 * does not grow with its size.
 * @throws NotFoundError; ForbiddenError; ValidationError for a non-CSV name, an empty file or one over 200 MB.
 */
export async function storeUpload({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; fileName: string; body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> }>): Promise<Upload> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'manager');
  const fileName = path.basename(input.fileName).slice(0, 200);
  if (!/\.(csv|tsv|txt)$/i.test(fileName)) throw new ValidationError('Upload a .csv, .tsv or .txt file');
  fs.mkdirSync(dir(), { recursive: true });
  const id = randomUUID();
  const target = path.join(dir(), `${id}.csv`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > MAX_UPLOAD_BYTES ? new ValidationError('The file is larger than 200 MB') : null, chunk);
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
  const meta = { id, orgId: org.id, fileName, size, uploadedBy: ctx.actor!.userId, uploadedAt: new Date().toISOString() };
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
