import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { describeFailure, FAILURE_REASON_LIMIT } from '@/lib/errors';
import { importFile } from '@/lib/imports/import-file';
import { createOrg, uniq } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');

describe('a database error that stops an import', () => {
  afterAll(async () => {
    const db = await getDb();
    await db.execute(sql`drop trigger if exists test_refuse_snapshots on post_snapshots`);
  });

  it('is stored as the Postgres error, bounded, never the query and its parameters', async () => {
    const org = await createOrg();
    const db = await getDb();
    // Refuses this organization's snapshots, as a constraint or a full disk would.
    await db.execute(
      sql.raw(`
      create or replace function test_refuse_snapshots() returns trigger language plpgsql as $$
      begin
        if new.owner_org_id = '${org.org.id}' then
          raise exception 'refused by a test trigger' using detail = 'snapshot of post ' || new.post_id;
        end if;
        return new;
      end $$`),
    );
    await db.execute(
      sql`create trigger test_refuse_snapshots before insert on post_snapshots for each row execute function test_refuse_snapshots()`,
    );
    // 20,000 rows: two full batches, each a statement with megabytes of parameters.
    const lines = ['video_id,channel,date,views'];
    for (let i = 0; i < 20_000; i++)
      lines.push(`${`f${i.toString(36)}`.padStart(11, 'x')},channel${i % 50},2026-02-${String((i % 28) + 1).padStart(2, '0')},${i}`);
    const file = path.join(os.tmpdir(), `${uniq()}-big.csv`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: file,
        mapping: {
          kind: 'post',
          columns: { platformPostId: 'video_id', accountHandle: 'channel', capturedAt: 'date', views: 'views' },
          constants: { platform: 'youtube' },
        },
      },
    });
    expect(summary.status).toBe('failed');
    expect(summary.failureReason).toMatch(/^refused by a test trigger — snapshot of post [0-9a-f-]{36} \(Postgres P0001\)$/);
  });

  it('cuts any other reason to the limit', () => {
    expect(describeFailure(new Error('x'.repeat(5_000)))).toHaveLength(FAILURE_REASON_LIMIT);
    const wrapped = Object.assign(new Error(`Failed query: insert … params: ${'p,'.repeat(100_000)}`), {
      cause: Object.assign(new Error('duplicate key value violates unique constraint "posts_platform_id_uq"'), {
        code: '23505',
        detail: 'Key (platform, platform_post_id)=(youtube, abc) already exists.',
      }),
    });
    expect(describeFailure(wrapped)).toBe(
      'duplicate key value violates unique constraint "posts_platform_id_uq" — Key (platform, platform_post_id)=(youtube, abc) already exists. (Postgres 23505)',
    );
  });

  it('says a refused or dropped connection as such, also under the query wrapper', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    expect(describeFailure(refused)).toBe('the connection was lost (connect ECONNREFUSED 127.0.0.1:5999)');
    const wrapped = new Error("Failed query: select to_regclass('drizzle.__drizzle_migrations')::text as name\nparams: ", {
      cause: refused,
    });
    expect(describeFailure(wrapped)).toBe('the connection was lost (connect ECONNREFUSED 127.0.0.1:5999)');
  });
});
