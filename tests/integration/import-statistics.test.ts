import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { importFile } from '@/lib/imports/import-file';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const mapping = {
  kind: 'post',
  columns: { platformPostId: 'post_id', accountHandle: 'channel', capturedAt: 'captured_at', views: 'views' },
  constants: { platform: 'instagram' },
  options: { dateFormat: 'iso' },
};

// Where autovacuum is slow or off, the pages reading what an import wrote kept plans made for
// an empty table (the roster took 1 s a request instead of 50 ms).
describe('statistics after a large import', () => {
  it('an import writing a large share of the snapshots refreshes the statistics of the tables it wrote', async () => {
    const db = await getDb();
    await db.execute(sql`analyze post_snapshots`);
    const [before] = rowsOf<{ at: string; rows: number }>(
      await db.execute(
        sql`select clock_timestamp()::text as at, reltuples::float8 as rows from pg_class where oid = 'post_snapshots'::regclass`,
      ),
    );
    // A fifth of what the table holds now (other test files share a Postgres server's database).
    const rows = Math.max(2_000, Math.ceil(0.2 * before.rows));
    const prefix = randomBytes(4).toString('hex').slice(0, 6);
    let text = 'post_id,channel,captured_at,views\n';
    for (let i = 0; i < rows; i++)
      text += `${prefix}${Math.floor(i / 2)
        .toString(36)
        .padStart(5, '0')},stats_${prefix},2025-04-0${1 + (i % 2)},${i}\n`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rb-stats-')), 'stats.csv');
    fs.writeFileSync(file, text);
    const { org } = await createOrg();
    const summary = await importFile({ ctx: system, input: { orgSlug: org.slug, filePath: file, mapping: mapping as never } });
    expect(summary).toMatchObject({ status: 'completed', imported: rows });
    const analyzed = rowsOf<{ relname: string; fresh: boolean }>(
      await db.execute(sql`select relname::text, coalesce(last_analyze > ${before.at}::timestamptz, false) as fresh from pg_stat_user_tables
        where relname in ('post_snapshots', 'post_metrics', 'org_posts', 'posts') order by relname`),
    );
    expect(analyzed).toEqual([
      { relname: 'org_posts', fresh: true },
      { relname: 'post_metrics', fresh: true },
      { relname: 'post_snapshots', fresh: true },
      { relname: 'posts', fresh: true },
    ]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
