import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportJob } from '@/lib/imports/create-import-job';
import { getImportSummary } from '@/lib/imports/get-import-summary';
import { runImport } from '@/lib/imports/run-import';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const ROWS = 60_000;
const mapping = {
  kind: 'post',
  columns: { platformPostId: 'post_id', accountHandle: 'channel', capturedAt: 'captured_at', views: 'views' },
  constants: { platform: 'instagram' },
  options: { dateFormat: 'iso' },
};

// Terminating backends needs a second session on a server; the embedded database has one connection.
describe.runIf(process.env.DATABASE_URL)('an import whose database connections are terminated', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-loss-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails with the reason instead of crashing, is not left running, and resumes to an exact result', async () => {
    const prefix = randomBytes(4).toString('hex').slice(0, 6);
    let text = 'post_id,channel,captured_at,views\n';
    for (let i = 0; i < ROWS; i++)
      text += `${prefix}${Math.floor(i / 3)
        .toString(36)
        .padStart(5, '0')},loss_${prefix},2025-05-0${1 + (i % 3)},${i}\n`;
    const file = path.join(dir, 'loss.csv');
    fs.writeFileSync(file, text);
    const { org } = await createOrg();
    const job = await createImportJob({
      ctx: system,
      input: { orgId: org.id, fileName: 'loss.csv', storagePath: file, mapping: mapping as never },
    });
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const run = runImport({ ctx: system, input: { jobId: job.id } });
    // Once the first batch is in, terminate every other session of this test file (the import's pool).
    for (let i = 0; i < 1000; i++) {
      const [row] = await admin`select committed_line from import_jobs where id = ${job.id}`;
      if (row.committed_line > 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Then keep terminating them for half a second (a terminated idle connection is reopened by the
    // driver, so one round may miss the statements in flight); the import may record its failure after.
    for (let round = 0; round < 20; round++) {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
          and application_name = ${process.env.PGAPPNAME!}`;
      await new Promise((r) => setTimeout(r, 25));
    }
    const failed = await run;
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/terminat|connection/i);
    const summary = await getImportSummary({ ctx: system, input: { orgSlug: org.slug, jobId: job.id } });
    expect(summary).toMatchObject({ status: 'failed', stalled: false });
    const done = await runImport({ ctx: system, input: { jobId: job.id } });
    expect(done).toMatchObject({ status: 'completed', rowsRead: ROWS, duplicates: 0, errorCount: 0 });
    expect(done.imported + done.updated + done.unchanged).toBe(ROWS);
    const [stored] = await admin`select count(*)::int as n from post_snapshots where owner_org_id = ${org.id}`;
    expect(stored.n).toBe(ROWS);
    await admin.end();
  }, 120_000);
});
