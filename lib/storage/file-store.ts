import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getConnection, getDb } from '@/db';
import { copyChunks } from '@/db/copy';
import { storedFileChunks, storedFiles } from '@/db/schema';
import { getEnv } from '../env';
import { NotFoundError } from '../errors';

/** Bytes per stored chunk: large enough that a 200 MB upload is 200 rows, small enough to stay out of memory's way. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Files every instance reads and writes — uploads received by one instance and imported by
 * another, export files built by a background function and downloaded through any instance.
 * Never one instance's disk: the database (chunked) by default, an S3-compatible bucket when
 * configured. Keys are paths written by our code (`uploads/<id>.csv`, `exports/<id>.csv`).
 */
export type FileStore = {
  /** Where files are kept, for the operator ("database", "s3://bucket/prefix"). */
  location: string;
  /**
   * Stores `source` under `key` as it arrives (memory holds one chunk), replacing a file of that
   * key. The file is readable only once complete; a failed write leaves nothing behind.
   * @returns the bytes written.
   */
  write: (key: string, source: AsyncIterable<Uint8Array | string>) => Promise<{ size: number }>;
  /** The file's bytes in order, a chunk at a time. @throws NotFoundError for a missing or incomplete file. */
  read: (key: string) => AsyncGenerator<Buffer>;
  /** Deletes files (missing ones are ignored). */
  remove: (keys: string[]) => Promise<void>;
  /** Every file whose key starts with `prefix` (for the cleanup of orphans). */
  list: (prefix: string) => AsyncGenerator<StoredFileInfo>;
};

/** A stored file as listed: its key, whether its write completed, and when it was started. */
export type StoredFileInfo = { key: string; complete: boolean; createdAt: Date };

/** Groups a byte stream into chunks of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let buf = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (held + buf.length >= size) {
      const take = size - held;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      // Copied: a caller may reuse the buffer it gave us.
      parts.push(Buffer.from(buf));
      held += buf.length;
    }
  }
  if (held) yield Buffer.concat(parts);
}

/** The file store in the database: `stored_files` and its 1 MiB `stored_file_chunks`. */
function databaseFileStore(): FileStore {
  return {
    location: 'database',
    async write(key, source) {
      const db = await getDb();
      await db.delete(storedFiles).where(eq(storedFiles.key, key));
      await db.insert(storedFiles).values({ key });
      let size = 0;
      let seq = 0;
      try {
        if ((await getConnection()).driver === 'postgres') {
          // Bytes as they are, by binary COPY (db/copy.ts): no hex-encoded parameters to collect.
          const client = (db as unknown as { $client: Parameters<typeof copyChunks>[0] }).$client;
          size = await copyChunks(client, key, rechunk(source, CHUNK_BYTES));
        } else
          for await (const chunk of rechunk(source, CHUNK_BYTES)) {
            await db.insert(storedFileChunks).values({ fileKey: key, seq: seq++, data: chunk });
            size += chunk.length;
          }
        await db.update(storedFiles).set({ size, complete: true }).where(eq(storedFiles.key, key));
      } catch (error) {
        // A lost connection may take a pooled one with it: the first delete can fail on a
        // connection that died with the COPY's, and the next opens a new one. What still fails
        // is an incomplete file, never readable, removed by deleteOrphanFiles after an hour.
        for (let attempt = 0; attempt < 2; attempt++) {
          const removed = await db
            .delete(storedFiles)
            .where(eq(storedFiles.key, key))
            .then(() => true)
            .catch(() => false);
          if (removed) break;
        }
        throw error;
      }
      return { size };
    },
    async *read(key) {
      const db = await getDb();
      const [file] = await db.select().from(storedFiles).where(eq(storedFiles.key, key));
      if (!file?.complete) throw new NotFoundError('File');
      for (let seq = 0; ; seq++) {
        const [chunk] = await db
          .select({ data: storedFileChunks.data })
          .from(storedFileChunks)
          .where(and(eq(storedFileChunks.fileKey, key), eq(storedFileChunks.seq, seq)));
        if (!chunk) return;
        yield Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
      }
    },
    async remove(keys) {
      if (keys.length === 0) return;
      const db = await getDb();
      await db.delete(storedFiles).where(inArray(storedFiles.key, keys));
    },
    async *list(prefix) {
      const db = await getDb();
      yield* await db
        .select({ key: storedFiles.key, complete: storedFiles.complete, createdAt: storedFiles.createdAt })
        .from(storedFiles)
        .where(sql`${storedFiles.key} like ${prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
    },
  };
}

/**
 * Deletes stored files of `prefix` that nothing refers to any more (`referenced` says which keys
 * are still in use) and incomplete writes, once older than an hour (a file is written before the
 * row that refers to it), in whichever store is configured.
 * @returns how many files were deleted.
 */
export async function deleteOrphanFiles(prefix: string, referenced: (keys: string[]) => Promise<Set<string>>): Promise<number> {
  const store = getFileStore();
  const files: StoredFileInfo[] = [];
  for await (const file of store.list(prefix)) files.push(file);
  const used = await referenced(files.map((f) => f.key));
  const hourAgo = Date.now() - 3_600_000;
  const orphans = files.filter((f) => f.createdAt.getTime() < hourAgo && !(f.complete && used.has(f.key))).map((f) => f.key);
  await store.remove(orphans);
  return orphans.length;
}

/** A store built on first use (the S3 client is loaded only when configured). */
function lazyStore(location: string, open: () => Promise<FileStore>): FileStore {
  let opened: Promise<FileStore> | undefined;
  const store = () => (opened ??= open());
  return {
    location,
    write: async (key, source) => (await store()).write(key, source),
    read: async function* (key) {
      yield* (await store()).read(key);
    },
    remove: async (keys) => (await store()).remove(keys),
    list: async function* (prefix) {
      yield* (await store()).list(prefix);
    },
  };
}

let store: FileStore | undefined;

/**
 * The process's file store: an S3-compatible bucket when `FILE_STORE_S3_BUCKET` is set
 * (lib/storage/s3-file-store.ts), else the database.
 */
export function getFileStore(): FileStore {
  if (store) return store;
  const env = getEnv();
  const bucket = env.FILE_STORE_S3_BUCKET;
  store = bucket
    ? lazyStore(`s3://${bucket}/${env.FILE_STORE_S3_PREFIX}`, async () => {
        const { s3FileStore } = await import('./s3-file-store');
        return s3FileStore({
          bucket,
          prefix: env.FILE_STORE_S3_PREFIX,
          region: env.FILE_STORE_S3_REGION,
          endpoint: env.FILE_STORE_S3_ENDPOINT,
          forcePathStyle: env.FILE_STORE_S3_FORCE_PATH_STYLE,
          credentials: env.FILE_STORE_S3_ACCESS_KEY_ID
            ? { accessKeyId: env.FILE_STORE_S3_ACCESS_KEY_ID, secretAccessKey: env.FILE_STORE_S3_SECRET_ACCESS_KEY! }
            : undefined,
        });
      })
    : databaseFileStore();
  return store;
}

/**
 * Runs `fn` with the stored file `key` copied to a private temporary file (for readers that need a
 * path: encoding detection, the CSV reader), deleted afterwards whatever happens.
 * @throws NotFoundError for a missing file.
 */
export async function withLocalCopy<T>(key: string, fn: (filePath: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'reachboard-'));
  const file = path.join(dir, `${randomUUID()}${path.extname(key)}`);
  try {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    try {
      for await (const chunk of getFileStore().read(key)) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    } finally {
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
    return await fn(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
