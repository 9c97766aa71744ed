import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { importJobs, storedFiles, uploads } from '@/db/schema';
import { POST } from '@/app/api/orgs/[slug]/imports/uploads/route';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { cleanupUploads } from '@/lib/imports/cleanup-uploads';
import { getImportSummary } from '@/lib/imports/get-import-summary';
import { previewImport } from '@/lib/imports/preview-import';
import { storeUpload } from '@/lib/imports/uploads';
import { getFileStore } from '@/lib/storage/file-store';
import { createOrg, ctxOf } from '../factories';
import { systemCtx } from '@/lib/context';

process.env.UPLOAD_QUOTA_MB = '1';
process.env.UPLOAD_TTL_HOURS = '24';

const KB = 1024;

/** What is kept: this file's organizations' uploads, and the stored upload files (theirs, and any no upload refers to). */
async function kept() {
  const db = await getDb();
  const ours = (await db.select().from(uploads)).filter((u) => u.orgId === brand.org.id || u.orgId === other.org.id);
  const referenced = new Set((await db.select({ key: uploads.storageKey }).from(uploads)).map((u) => u.key));
  const files = (await db.select({ key: storedFiles.key }).from(storedFiles))
    .map((f) => f.key)
    .filter((key) => key.startsWith('uploads/') && (!referenced.has(key) || ours.some((u) => u.storageKey === key)));
  return { uploads: ours, files: files.sort() };
}

async function storedText(key: string) {
  let out = '';
  for await (const chunk of getFileStore().read(key)) out += chunk.toString('utf8');
  return out;
}
let brand: Awaited<ReturnType<typeof createOrg>>;
let other: Awaited<ReturnType<typeof createOrg>>;

/** A request body that records whether anyone read from it. */
function body(bytes: number) {
  const probe = { pulled: false };
  const line = 'channel,views\n';
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        probe.pulled = true;
        controller.enqueue(new TextEncoder().encode(line + 'x'.repeat(Math.max(0, bytes - line.length))));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, probe };
}

beforeAll(async () => {
  brand = await createOrg({ approved: true });
  other = await createOrg({ approved: true });
});

describe('the upload endpoint', () => {
  it('answers 400 to a malformed X-File-Name, before anything else', async () => {
    const res = await POST(
      new Request('http://localhost:3000/api/orgs/x/imports/uploads', {
        method: 'POST',
        headers: { 'x-file-name': '%E0%A4%A', origin: 'http://localhost:3000' },
        body: 'a,b\n1,2\n',
      }),
      { params: Promise.resolve({ slug: brand.org.slug }) },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'X-File-Name must be the file name, URI-encoded' });
  });

  it('refuses a cross-site request with 403', async () => {
    const res = await POST(
      new Request('http://localhost:3000/api/orgs/x/imports/uploads', {
        method: 'POST',
        headers: { 'x-file-name': 'a.csv', origin: 'https://evil.example', host: 'localhost:3000' },
        body: 'a,b\n1,2\n',
      }),
      { params: Promise.resolve({ slug: brand.org.slug }) },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'Cross-site requests are not accepted' });
  });
});

describe('storing uploads', () => {
  it('checks the role before reading a byte', async () => {
    const viewer = body(10 * KB);
    await expect(
      storeUpload({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, fileName: 'a.csv', body: viewer.stream } }),
    ).rejects.toThrow(ForbiddenError);
    expect(viewer.probe.pulled).toBe(false);
    const stranger = body(10 * KB);
    await expect(
      storeUpload({ ctx: ctxOf(other.manager), input: { orgSlug: brand.org.slug, fileName: 'a.csv', body: stranger.stream } }),
    ).rejects.toThrow(NotFoundError);
    expect(stranger.probe.pulled).toBe(false);
  });

  it('keeps each organization within its storage quota, and keeps nothing of a refused file', async () => {
    const first = await storeUpload({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, fileName: 'first.csv', body: body(700 * KB).stream },
    });
    expect(first.size).toBe(700 * KB);
    expect(first.storagePath).toBe(`stored:uploads/${first.id}.csv`);
    expect((await storedText(`uploads/${first.id}.csv`)).length).toBe(700 * KB);
    const before = await kept();
    await expect(
      storeUpload({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, fileName: 'second.csv', body: body(700 * KB).stream } }),
    ).rejects.toThrow(
      "Your organization's uploads waiting for an import would pass its 1 MB storage quota (1 MB waiting). Start or finish those imports, or wait 24 hours for unused uploads to expire.",
    );
    expect(await kept()).toEqual(before);
    // Another organization has its own quota.
    const theirs = await storeUpload({
      ctx: ctxOf(other.manager),
      input: { orgSlug: other.org.slug, fileName: 'theirs.csv', body: body(700 * KB).stream },
    });
    expect(theirs.size).toBe(700 * KB);
  });

  it('deletes uploads abandoned past the TTL, but not one a queued import still reads', async () => {
    const db = await getDb();
    const { uploads: all } = await kept();
    const abandoned = all.find((u) => u.orgId === other.org.id)!;
    const queued = all.find((u) => u.orgId === brand.org.id)!;
    await db.insert(importJobs).values({
      orgId: brand.org.id,
      fileName: queued.fileName,
      fileSize: queued.size,
      fileSha256: 'a'.repeat(64),
      storagePath: `stored:${queued.storageKey}`,
      kind: 'post',
      mapping: {},
    });
    await expect(cleanupUploads({ ctx: ctxOf(brand.owner), input: {} })).rejects.toThrow(ForbiddenError);
    expect(await cleanupUploads({ ctx: systemCtx('test'), input: { now: new Date(Date.now() + 23 * 3_600_000) } })).toBe(0);
    const later = new Date(Date.now() + 25 * 3_600_000);
    expect(await cleanupUploads({ ctx: systemCtx('test'), input: { now: later } })).toBe(1);
    const after = await kept();
    expect(after.uploads.map((u) => u.id)).toEqual([queued.id]);
    expect(after.files).toEqual([queued.storageKey]);
    expect(abandoned.storageKey).not.toBe(queued.storageKey);
  });
});

describe('an upload whose file is gone', () => {
  it('says so and what to do, instead of a generic error', async () => {
    const upload = await storeUpload({
      ctx: ctxOf(other.manager),
      input: { orgSlug: other.org.slug, fileName: 'gone.csv', body: body(2 * KB).stream },
    });
    await getFileStore().remove([`uploads/${upload.id}.csv`]);
    const preview = await previewImport({ ctx: ctxOf(other.manager), input: { orgSlug: other.org.slug, uploadId: upload.id } });
    expect(preview.mappingErrors['options.encoding']).toBe(
      'The uploaded file is no longer stored (uploads not imported are kept 24 hours): upload it again',
    );
  });
});

describe('import progress', () => {
  it('checks membership of the URL’s organization before looking the job up', async () => {
    const db = await getDb();
    const [job] = await db.select().from(importJobs).where(eq(importJobs.orgId, brand.org.id));
    const summary = await getImportSummary({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, jobId: job.id } });
    expect(summary).toMatchObject({ jobId: job.id, status: 'queued', fileName: 'first.csv' });
    await expect(getImportSummary({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug, jobId: job.id } })).rejects.toThrow(
      'Organization not found',
    );
    await expect(getImportSummary({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, jobId: job.id } })).rejects.toThrow(
      'Import not found',
    );
    await expect(getImportSummary({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, jobId: 'not-a-uuid' } })).rejects.toThrow(
      'Import not found',
    );
  });
});

describe('uploading a workbook or a Studio export .zip', () => {
  const streamOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });

  it('keeps the CSV of the workbook’s first sheet, with a note saying so', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Content', 'Video title', 'Views']);
    sheet.addRow(['F3HVs95pagk', 'Pointallism Portrait of Lady Gaga', 2775]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const upload = await storeUpload({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, fileName: 'Export.xlsx', body: streamOf(bytes) },
    });
    expect(upload).toMatchObject({
      fileName: 'Export.xlsx',
      size: bytes.length,
      notes: ['Read from the first worksheet of the workbook.'],
    });
    expect(await storedText(`uploads/${upload.id}.csv`)).toBe(
      'Content,Video title,Views\nF3HVs95pagk,Pointallism Portrait of Lady Gaga,2775\n',
    );
  });

  it('refuses a zip that is not a Studio export, and keeps nothing of it', async () => {
    const before = await kept();
    await expect(
      storeUpload({
        ctx: ctxOf(brand.manager),
        input: { orgSlug: brand.org.slug, fileName: 'photos.zip', body: streamOf(zipSync({ 'a.jpg': new Uint8Array([1, 2, 3]) })) },
      }),
    ).rejects.toThrow('This zip holds no "Table data.csv" (a YouTube Studio export); it holds "a.jpg"');
    expect(await kept()).toEqual(before);
  });
});
