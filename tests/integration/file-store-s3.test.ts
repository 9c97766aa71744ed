import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemCtx } from '@/lib/context';
// @ts-expect-error: the fake S3 server ships no types.
import S3rver from '@20minutes/s3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '@/lib/errors';
import { runImport } from '@/lib/imports/run-import';
import { startImport } from '@/lib/imports/start-import';
import { storeUpload } from '@/lib/imports/uploads';
import { CHUNK_BYTES, getFileStore, withLocalCopy } from '@/lib/storage/file-store';
import { createOrg, ctxOf } from '../factories';

// A fake S3 server in this process (the S3 API over HTTP, files in a temporary directory); the
// app's file store points at it through the environment, as a deployment would.
const directory = fs.mkdtempSync(path.join(tmpdir(), 'reachboard-s3-'));
// The port is fixed before the environment is read (once per process); the pid spreads parallel runs.
const port = 40_000 + (process.pid % 20_000);
const server = new S3rver({
  port,
  address: '127.0.0.1',
  silent: true,
  allowMismatchedSignatures: true,
  directory,
  configureBuckets: [{ name: 'reachboard-files' }],
});
process.env.FILE_STORE_S3_BUCKET = 'reachboard-files';
process.env.FILE_STORE_S3_PREFIX = 'test/';
process.env.FILE_STORE_S3_FORCE_PATH_STYLE = 'true';
process.env.FILE_STORE_S3_ACCESS_KEY_ID = 'S3RVER';
process.env.FILE_STORE_S3_SECRET_ACCESS_KEY = 'S3RVER';
process.env.FILE_STORE_S3_ENDPOINT = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  await server.run();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

async function* pieces(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield p;
}

async function keys(prefix = '') {
  const out: string[] = [];
  for await (const f of getFileStore().list(prefix)) out.push(f.key);
  return out.sort();
}

async function bytesOf(chunks: AsyncIterable<Buffer>) {
  const all: Buffer[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

describe('the file store in an S3-compatible bucket', () => {
  it('is the store when FILE_STORE_S3_BUCKET is set', () => {
    expect(getFileStore().location).toBe('s3://reachboard-files/test/');
  });

  it('keeps a file of several multipart parts byte for byte, lists it and deletes it', async () => {
    const line = 'post_id,views,"title, with ""quotes"""\r\n';
    // 12 MiB: three parts of the streamed multipart upload.
    const text = line.repeat(Math.ceil((12 * CHUNK_BYTES) / line.length)) + 'Ünïcödé ✓';
    const half = Math.floor(text.length / 2);
    expect(await getFileStore().write('exports/big.csv', pieces(text.slice(0, half), text.slice(half)))).toEqual({
      size: Buffer.byteLength(text),
    });
    expect((await bytesOf(getFileStore().read('exports/big.csv'))).toString('utf8')).toBe(text);
    expect(await keys('exports/')).toEqual(['exports/big.csv']);
    await withLocalCopy('exports/big.csv', async (file) => {
      expect(fs.statSync(file).size).toBe(Buffer.byteLength(text));
    });
    await getFileStore().remove(['exports/big.csv', 'exports/never-there.csv']);
    expect(await keys('exports/')).toEqual([]);
    await expect(bytesOf(getFileStore().read('exports/big.csv'))).rejects.toThrow(NotFoundError);
  });

  it('keeps nothing of a write whose source fails midway', async () => {
    async function* failing() {
      yield 'x'.repeat(6 * CHUNK_BYTES);
      throw new Error('the export query failed');
    }
    await expect(getFileStore().write('exports/failed.csv', failing())).rejects.toThrow('the export query failed');
    expect(await keys('exports/')).toEqual([]);
  });

  it('an upload kept in the bucket is imported, and its file deleted once the import completed', async () => {
    const brand = await createOrg({ approved: true });
    const csv =
      'post_id,channel,captured_at,views\nB1xyzAAAAA1,bucket_channel,2026-11-20,1200\nB1xyzAAAAA2,bucket_channel,2026-11-20,800\n';
    const upload = await storeUpload({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        fileName: 'bucket.csv',
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(csv));
            controller.close();
          },
        }),
      },
    });
    expect(await keys('uploads/')).toEqual([`uploads/${upload.id}.csv`]);
    const job = await startImport({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        uploadId: upload.id,
        mapping: {
          kind: 'post',
          columns: { platformPostId: 'post_id', accountHandle: 'channel', capturedAt: 'captured_at', views: 'views' },
          constants: { platform: 'instagram' },
          options: { dateFormat: 'iso' },
        },
      },
    });
    const done = await runImport({ ctx: systemCtx('test'), input: { jobId: job.id } });
    expect([done.status, done.rowsRead, done.imported, done.errorCount]).toEqual(['completed', 2, 2, 0]);
    expect(await keys('uploads/')).toEqual([]);
  });
});
