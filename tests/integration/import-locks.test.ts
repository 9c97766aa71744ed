import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { postMetrics, postSnapshots } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { importFile } from '@/lib/imports/import-file';
import { runImport } from '@/lib/imports/run-import';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

// Read by the importer on its first run in this test process (each test file has its own).
process.env.IMPORT_LOCK_TIMEOUT_MS = '3000';

const system = systemCtx('test');
const ROWS = 12_000; // more than one 10,000-row batch
const CAPTURES = 3; // 10,000 is not a multiple of 3: a post's captures straddle the batches' boundary
const mapping = {
  kind: 'post',
  columns: { platformPostId: 'post_id', accountHandle: 'channel', capturedAt: 'captured_at', views: 'views' },
  constants: { platform: 'instagram' },
  options: { dateFormat: 'iso' },
};

/** A post-ordered file: ROWS / CAPTURES posts with CAPTURES daily captures each; views = post × 10 + day. */
function writeFile(dir: string): { file: string; firstPost: string; straddling: string } {
  const prefix = randomBytes(4).toString('hex').slice(0, 6);
  const id = (p: number) => `${prefix}${p.toString(36).padStart(5, '0')}`;
  let text = 'post_id,channel,captured_at,views\n';
  for (let p = 0; p < ROWS / CAPTURES; p++)
    for (let d = 1; d <= CAPTURES; d++) text += `${id(p)},locks_${prefix},2025-03-0${d},${p * 10 + d}\n`;
  const file = path.join(dir, `locks-${prefix}.csv`);
  fs.writeFileSync(file, text);
  return { file, firstPost: id(0), straddling: id(Math.floor(10_000 / CAPTURES)) };
}

/** A transaction on another connection holding the snapshot key of the file's first row. */
async function holdFirstSnapshot(orgId: string, platformPostId: string) {
  const db = await getDb();
  const [post] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into posts (platform, platform_post_id) values ('instagram', ${platformPostId}) returning id`),
  );
  const other = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  const reserved = await other.reserve();
  await reserved`begin`;
  await reserved`insert into post_snapshots (post_id, owner_org_id, captured_at, provenance)
    values (${post.id}, ${orgId}, '2025-03-01T00:00:00Z', 'csv')`;
  return {
    /** Whether an import statement is waiting for the held row now. */
    waiting: async () => (await other`select count(*)::int as n from pg_locks where not granted`)[0].n > 0,
    release: async () => {
      await reserved`rollback`;
      reserved.release();
      await other.end();
    },
  };
}

// The embedded database has one connection: no other transaction can hold a row while an import
// runs. CI runs this file on the Postgres server (`.ci/run`, DATABASE_URL set).
describe.runIf(process.env.DATABASE_URL)('an import meeting a row another transaction holds', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-locks-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Before issue 15, the batch after the held one wrote the rollup row of the post straddling the
  // two, then waited in JavaScript for the held batch, which then waited on that row: forever.
  it('waits for it and completes once it is released, with every snapshot and each rollup at its latest capture', async () => {
    const { org } = await createOrg();
    const { file, firstPost, straddling } = writeFile(dir);
    const held = await holdFirstSnapshot(org.id, firstPost);
    const run = importFile({ ctx: system, input: { orgSlug: org.slug, filePath: file, mapping: mapping as never } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await held.waiting()).toBe(true);
    await held.release();
    const summary = await run;
    expect(summary).toMatchObject({ status: 'completed', failureReason: null, rowsRead: ROWS, imported: ROWS, duplicates: 0 });
    const db = await getDb();
    const [snapshots] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, org.id));
    expect(snapshots.n).toBe(ROWS);
    const [rollup] = rowsOf<{ views: number; captured: string }>(
      await db.execute(sql`select pm.views::int as views, to_char(pm.captured_at at time zone 'UTC', 'YYYY-MM-DD') as captured
        from post_metrics pm join posts p on p.id = pm.post_id
        where pm.owner_org_id = ${org.id}::uuid and p.platform_post_id = ${straddling}`),
    );
    expect(rollup).toEqual({ views: Math.floor(10_000 / CAPTURES) * 10 + 3, captured: '2025-03-03' });
    const [rollups] = await db.select({ n: count() }).from(postMetrics).where(eq(postMetrics.ownerOrgId, org.id));
    expect(rollups.n).toBe(ROWS / CAPTURES);
  }, 60_000);

  it('fails with the reason after IMPORT_LOCK_TIMEOUT_MS, and a resume after the release completes it exactly', async () => {
    const { org } = await createOrg();
    const { file, firstPost } = writeFile(dir);
    const held = await holdFirstSnapshot(org.id, firstPost);
    let failed;
    try {
      failed = await importFile({ ctx: system, input: { orgSlug: org.slug, filePath: file, mapping: mapping as never } });
    } finally {
      await held.release();
    }
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/lock timeout/);
    expect(failed.imported).toBe(0);
    const resumed = await runImport({ ctx: system, input: { jobId: failed.jobId } });
    expect(resumed).toMatchObject({ status: 'completed', failureReason: null, imported: ROWS, rowsRead: ROWS });
    const db = await getDb();
    const [snapshots] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, org.id));
    expect(snapshots.n).toBe(ROWS);
  }, 60_000);
});
