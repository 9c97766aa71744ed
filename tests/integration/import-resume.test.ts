import fs from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { importJobs, postSnapshots } from '@/db/schema';
import { ConflictError } from '@/lib/errors';
import { createImportJob } from '@/lib/imports/create-import-job';
import { authorizeRerun } from '@/lib/imports/authorize-rerun';
import { getImportSummary } from '@/lib/imports/get-import-summary';
import { runImport } from '@/lib/imports/run-import';
import { createOrg, ctxOf } from '../factories';

const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';
const mapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));

describe('an interrupted import', () => {
  it('resumes after the last committed line, and the result equals an uninterrupted import', async () => {
    const db = await getDb();
    const org = await createOrg();
    const ctx = ctxOf(org.manager);
    const job = await createImportJob({ ctx, input: { orgId: org.org.id, fileName: 'yt.csv', storagePath: YOUTUBE, mapping } });

    // A worker killed a moment ago: "running", its last heartbeat fresh, nothing committed yet.
    // Its lock died with it, so it is stalled and resumes at once (it was refused for 2 minutes).
    await db.update(importJobs).set({ status: 'running', heartbeatAt: new Date() }).where(eq(importJobs.id, job.id));
    expect((await getImportSummary({ ctx, input: { orgSlug: org.org.slug, jobId: job.id } })).stalled).toBe(true);
    await expect(authorizeRerun({ ctx: ctxOf(org.viewer), input: { orgSlug: org.org.slug, jobId: job.id } })).rejects.toThrow(/Viewers/);
    await expect(authorizeRerun({ ctx, input: { orgSlug: org.org.slug, jobId: job.id } })).resolves.toEqual({ jobId: job.id });
    const done = await runImport({ ctx, input: { jobId: job.id } });
    expect(done).toMatchObject({ status: 'completed', rowsRead: 5798, imported: 5787, duplicates: 5, errorCount: 6 });
    await expect(authorizeRerun({ ctx, input: { orgSlug: org.org.slug, jobId: job.id } })).rejects.toThrow(ConflictError);
  });

  it('a re-run skips the committed lines instead of reading them again', async () => {
    const db = await getDb();
    const org = await createOrg();
    const ctx = ctxOf(org.owner);
    const job = await createImportJob({ ctx, input: { orgId: org.org.id, fileName: 'yt.csv', storagePath: YOUTUBE, mapping } });
    // As if a first run had committed lines 2–3000 and then died.
    await db
      .update(importJobs)
      .set({ status: 'failed', failureReason: 'worker killed', committedLine: 3000, rowsRead: 2999 })
      .where(eq(importJobs.id, job.id));
    const done = await runImport({ ctx, input: { jobId: job.id } });
    expect(done.status).toBe('completed');
    expect(done.rowsRead).toBe(5798);
    const [stored] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, org.org.id));
    // Only rows after line 3000 were read in the second run; they are the only ones stored here.
    expect(stored.n).toBe(done.imported);
    expect(stored.n).toBeLessThan(5787);
    expect(stored.n).toBeGreaterThan(2500);
  });

  it('a second run while the first is alive is refused, and the first is not shown as stalled', async () => {
    const db = await getDb();
    const org = await createOrg();
    const ctx = ctxOf(org.owner);
    const job = await createImportJob({ ctx, input: { orgId: org.org.id, fileName: 'yt.csv', storagePath: YOUTUBE, mapping } });
    const first = runImport({ ctx, input: { jobId: job.id } });
    for (let i = 0; i < 500; i++) {
      const [row] = await db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, job.id));
      if (row.status === 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const summary = await getImportSummary({ ctx, input: { orgSlug: org.org.slug, jobId: job.id } });
    expect(summary).toMatchObject({ status: 'running', stalled: false });
    await expect(runImport({ ctx, input: { jobId: job.id } })).rejects.toThrow('This import is already running');
    await expect(authorizeRerun({ ctx, input: { orgSlug: org.org.slug, jobId: job.id } })).rejects.toThrow('This import is running');
    expect(await first).toMatchObject({ status: 'completed', imported: 5787 });
  });
});
