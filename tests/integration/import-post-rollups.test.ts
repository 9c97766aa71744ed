import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { systemCtx } from '@/lib/context';
import { importFile } from '@/lib/imports/import-file';
import { runImport } from '@/lib/imports/run-import';
import { recomputePostRollups } from '@/lib/rollups/post-rollups';
import { createOrg, uniq } from '../factories';

const system = systemCtx('test');
const POSTS = 4_000;

/**
 * 4,000 YouTube videos published on 2026-01-01, captured on the 2nd, 3rd and 4th, the rows ordered
 * by day: 12,000 rows in two batches of the importer, the third
 * day's captures split between them, so half of the posts are named by both batches. Video i has
 * (i + 1) × 10 × d views and d likes on day d.
 */
function writeByDayFile(): string {
  const lines = ['video_id,channel,published,date,views,likes'];
  for (let d = 1; d <= 3; d++)
    for (let i = 0; i < POSTS; i++)
      lines.push(`${`r${i.toString(36)}`.padStart(11, 'x')},channel${i % 40},2026-01-01,2026-01-0${d + 1},${(i + 1) * 10 * d},${d}`);
  const file = path.join(os.tmpdir(), `${uniq()}-by-day.csv`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const mapping = {
  kind: 'post' as const,
  columns: {
    platformPostId: 'video_id',
    accountHandle: 'channel',
    publishedAt: 'published',
    capturedAt: 'date',
    views: 'views',
    likes: 'likes',
  },
  constants: { platform: 'youtube' },
};

/** What a user sees of the organization's posts: the roster's per-post rollup, the curves, the overview's day. */
async function rollupsOf(orgId: string, jobId: string) {
  const db = await getDb();
  const [state] = rowsOf<{
    posts: number;
    views: number;
    latest: number;
    first: number;
    curves: number;
    curve_days: number;
    first_curve: string;
    pending: number;
    day_posts: number | null;
    day_views: number | null;
  }>(
    await db.execute(sql`
      select (select count(*)::int from post_metrics where owner_org_id = ${orgId}) as posts,
        (select sum(views)::float8 from post_metrics where owner_org_id = ${orgId}) as views,
        (select count(*)::int from post_metrics where owner_org_id = ${orgId} and captured_at = '2026-01-04T00:00:00Z' and likes = 3) as latest,
        (select count(*)::int from post_metrics where owner_org_id = ${orgId} and first_captured_at = '2026-01-02T00:00:00Z') as first,
        (select count(*)::int from post_curves where owner_org_id = ${orgId}) as curves,
        (select count(*)::int from post_curves where owner_org_id = ${orgId} and days = '{1,2,3}') as curve_days,
        (select views::text from post_curves c join posts p on p.id = c.post_id
          where c.owner_org_id = ${orgId} and p.platform_post_id = 'xxxxxxxxxr0') as first_curve,
        (select count(*)::int from import_job_posts where import_job_id = ${jobId}) as pending,
        (select posts from org_daily_post_metrics where owner_org_id = ${orgId} and day = '2026-01-01') as day_posts,
        (select views::float8 from org_daily_post_metrics where owner_org_id = ${orgId} and day = '2026-01-01') as day_views`),
  );
  return state;
}

// Day 3's views of every video: 30 × (1 + 2 + … + 4,000).
const LATEST_VIEWS = 30 * ((POSTS * (POSTS + 1)) / 2);

/** What {@link rollupsOf} reads once the by-day file is imported and its rollups recomputed. */
const EVERY_POST_AT_ITS_LATEST = {
  posts: POSTS,
  views: LATEST_VIEWS,
  latest: POSTS,
  first: POSTS,
  curves: POSTS,
  curve_days: POSTS,
  first_curve: '{10,20,30}',
  pending: 0,
  day_posts: POSTS,
  day_views: LATEST_VIEWS,
};

describe('the per-post rollups of an import', () => {
  afterAll(async () => {
    const db = await getDb();
    await db.execute(sql`drop trigger if exists test_refuse_post_metrics on post_metrics`);
  });

  it('are each post’s latest snapshot and early curve when its captures are spread over several batches', async () => {
    const org = await createOrg();
    const summary = await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: writeByDayFile(), mapping } });
    expect(summary).toMatchObject({ status: 'completed', rowsRead: 12_000, imported: 12_000 });
    expect(await rollupsOf(org.org.id, summary.jobId)).toEqual(EVERY_POST_AT_ITS_LATEST);
  });

  it('lose nothing when their recomputation fails: the resume recomputes them', async () => {
    const org = await createOrg();
    const db = await getDb();
    // Refuses this organization's rollup rows, as a full disk or a lost connection would at the job's end.
    await db.execute(
      sql.raw(`
      create or replace function test_refuse_post_metrics() returns trigger language plpgsql as $$
      begin
        if new.owner_org_id = '${org.org.id}' then raise exception 'refused by a test trigger'; end if;
        return new;
      end $$`),
    );
    await db.execute(
      sql`create trigger test_refuse_post_metrics before insert or update on post_metrics for each row execute function test_refuse_post_metrics()`,
    );
    const failed = await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: writeByDayFile(), mapping } });
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'refused by a test trigger (Postgres P0001)', imported: 12_000 });
    // Every snapshot is stored; the posts wait on the job for their rollups.
    expect(await rollupsOf(org.org.id, failed.jobId)).toMatchObject({ posts: 0, curves: 0, pending: POSTS, day_posts: null });

    await db.execute(sql`drop trigger test_refuse_post_metrics on post_metrics`);
    const resumed = await runImport({ ctx: system, input: { jobId: failed.jobId } });
    expect(resumed).toMatchObject({ status: 'completed', rowsRead: 12_000, imported: 12_000 });
    expect(await rollupsOf(org.org.id, failed.jobId)).toEqual(EVERY_POST_AT_ITS_LATEST);
  });

  it('keep a newer capture another writer stored while they were recomputed', async () => {
    const org = await createOrg();
    const file = path.join(os.tmpdir(), `${uniq()}-one.csv`);
    fs.writeFileSync(file, 'video_id,channel,published,date,views,likes\nxxxxxxxxxz1,channel1,2026-01-01,2026-01-02,100,5\n');
    expect(await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: file, mapping } })).toMatchObject({
      status: 'completed',
    });
    const db = await getDb();
    const [post] = rowsOf<{ id: string }>(await db.execute(sql`select id from posts where platform_post_id = 'xxxxxxxxxz1'`));
    // A connector's refresh committed a later capture after the recomputation read the snapshots.
    await db.execute(
      sql`update post_metrics set captured_at = '2026-01-09T00:00:00Z', views = 900, provenance = 'api' where owner_org_id = ${org.org.id}`,
    );
    const touched = await db.transaction((tx) => recomputePostRollups(tx, org.org.id, [post.id]));
    expect(touched).toEqual({ postDays: [], accounts: [] });
    const row = async () =>
      rowsOf<{ captured_at: string; views: number; provenance: string }>(
        await db.execute(
          sql`select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD') as captured_at, views::int as views, provenance::text as provenance
            from post_metrics where owner_org_id = ${org.org.id}`,
        ),
      );
    expect(await row()).toEqual([{ captured_at: '2026-01-09', views: 900, provenance: 'api' }]);
    // Where the stored capture is the snapshots' latest, a corrected value replaces it.
    await db.execute(sql`update post_metrics set captured_at = '2026-01-02T00:00:00Z', views = 1 where owner_org_id = ${org.org.id}`);
    expect(await db.transaction((tx) => recomputePostRollups(tx, org.org.id, [post.id]))).toMatchObject({ postDays: ['2026-01-01'] });
    expect(await row()).toEqual([{ captured_at: '2026-01-02', views: 100, provenance: 'csv' }]);
  });
});
