import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { getCohorts } from '@/lib/cohorts/get-cohorts';
import { systemCtx } from '@/lib/context';
import { importFile } from '@/lib/imports/import-file';
import { recomputePostCurves } from '@/lib/rollups/post-curves';
import { createOrg, ctxOf } from '../factories';
import { importYoutube, youtubeRows } from '../youtube-file';

const system = systemCtx('test');
const mapping = {
  kind: 'post',
  columns: {
    platformPostId: 'post_id',
    accountHandle: 'channel',
    capturedAt: 'captured_at',
    publishedAt: 'published_at',
    views: 'views',
    likes: 'likes',
  },
  constants: { platform: 'instagram' },
  options: { dateFormat: 'iso' },
};

type Curve = { post_id: string; post_date: string; days: number[]; views: (number | null)[]; engagements: (number | null)[] };

async function curvesOf(orgId: string): Promise<Curve[]> {
  const db = await getDb();
  return rowsOf<Curve>(
    await db.execute(sql`
      select post_id, post_date::text, days::int[] as days, views::float8[] as views, engagements::float8[] as engagements
      from post_curves where owner_org_id = ${orgId}::uuid order by post_id`),
  );
}

/** What the importer kept equals a recomputation from the snapshots. */
async function expectRecomputedEqual(orgId: string): Promise<Curve[]> {
  const kept = await curvesOf(orgId);
  const db = await getDb();
  await db.transaction((tx) => recomputePostCurves(tx, orgId, 'all'));
  expect(await curvesOf(orgId)).toEqual(kept);
  return kept;
}

// The early-curve rollup (post_curves) content cohorts read: each day 0–30 after the post date,
// that day's latest capture, kept by the importer from each batch.
describe('post curves', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-curves-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("equal the YouTube file's daily captures, imported whole or in halves newest first", async () => {
    const [whole, halves] = await Promise.all([createOrg(), createOrg()]);
    await importYoutube(whole.org.slug);
    const kept = await expectRecomputedEqual(whole.org.id);
    // Per video: its days after its first capture (the post date: the file has no publish time).
    const rows = youtubeRows();
    const byVideo = new Map<string, { day: string; views: number; engagements: number }[]>();
    for (const r of rows)
      byVideo.set(r.id, [...(byVideo.get(r.id) ?? []), { day: r.day, views: r.views, engagements: r.likes + r.comments }]);
    expect(kept).toHaveLength(byVideo.size);
    const db = await getDb();
    const ids = new Map(
      rowsOf<{ id: string; platform_post_id: string }>(
        await db.execute(sql`select p.id, p.platform_post_id from posts p join post_curves c on c.post_id = p.id
          where c.owner_org_id = ${whole.org.id}::uuid`),
      ).map((r) => [r.id, r.platform_post_id]),
    );
    for (const c of kept) {
      const captures = byVideo.get(ids.get(c.post_id)!)!.sort((a, b) => (a.day < b.day ? -1 : 1));
      const first = Date.parse(`${captures[0].day}T00:00:00Z`);
      expect([c.days, c.views]).toEqual([
        captures.map((x) => (Date.parse(`${x.day}T00:00:00Z`) - first) / 86_400_000),
        captures.map((x) => x.views),
      ]);
    }
    expect(kept.reduce((n, c) => n + c.days.length, 0)).toBe(rows.length);

    // The same file in two halves, the later days first: the post dates move back when the earlier
    // half arrives, and each curve is recomputed from the new date.
    const lines = fs.readFileSync('db/seed/data/youtube-trending-us-2017-09.csv', 'utf8').split('\n');
    const header = lines[0];
    const body = lines.slice(1).filter(Boolean);
    const later = path.join(dir, 'later.csv');
    const earlier = path.join(dir, 'earlier.csv');
    const day = (line: string) => line.slice(line.lastIndexOf(',') + 1).trim();
    const cut = '15.09';
    const ddmm = (d: string) => d.split('.').reverse().join('');
    fs.writeFileSync(later, [header, ...body.filter((l) => ddmm(day(l)) >= ddmm(cut))].join('\n') + '\n');
    fs.writeFileSync(earlier, [header, ...body.filter((l) => ddmm(day(l)) < ddmm(cut))].join('\n') + '\n');
    const youtubeMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));
    for (const file of [later, earlier])
      await importFile({ ctx: system, input: { orgSlug: halves.org.slug, filePath: file, mapping: youtubeMapping } });
    const split = await expectRecomputedEqual(halves.org.id);
    const strip = (cs: Curve[]) =>
      cs.map(({ days, views, engagements, post_date }) => JSON.stringify([post_date, days, views, engagements])).sort();
    expect(strip(split)).toEqual(strip(kept));
  });

  it('keep the later capture of a day, take a re-import’s corrected value, and follow a publish time learnt later', async () => {
    const { org, viewer } = await createOrg();
    const prefix = randomBytes(4).toString('hex').slice(0, 6);
    const write = (name: string, lines: string[]) => {
      const file = path.join(dir, `${prefix}-${name}`);
      fs.writeFileSync(file, ['post_id,channel,captured_at,published_at,views,likes', ...lines].join('\n') + '\n');
      return file;
    };
    const run = (file: string) => importFile({ ctx: system, input: { orgSlug: org.slug, filePath: file, mapping: mapping as never } });
    const p = `${prefix}p1`;
    const ch = `curves_${prefix}`;
    // Day 0 twice (the later wins), day 2, and day 40 (past the curve: post_metrics keeps it).
    await run(
      write('a.csv', [
        `${p},${ch},2025-03-01T08:00:00Z,,100,10`,
        `${p},${ch},2025-03-01T20:00:00Z,,140,12`,
        `${p},${ch},2025-03-03T08:00:00Z,,300,30`,
        `${p},${ch},2025-04-10T08:00:00Z,,900,80`,
      ]),
    );
    expect((await expectRecomputedEqual(org.id)).map((c) => [c.days, c.views, c.engagements])).toEqual([
      [
        [0, 2],
        [140, 300],
        [12, 30],
      ],
    ]);
    // An older file arriving late: its earlier capture of day 0 does not replace the later one; a
    // re-import of day 2 with a corrected count does.
    await run(write('b.csv', [`${p},${ch},2025-03-01T10:00:00Z,,120,11`, `${p},${ch},2025-03-03T08:00:00Z,,310,31`]));
    expect((await expectRecomputedEqual(org.id)).map((c) => [c.days, c.views])).toEqual([
      [
        [0, 2],
        [140, 310],
      ],
    ]);
    // The publish time, learnt later, is two days before the first capture: every day moves by two.
    await run(write('c.csv', [`${p},${ch},2025-04-10T08:00:00Z,2025-02-27T08:00:00Z,900,80`]));
    const moved = await expectRecomputedEqual(org.id);
    expect(moved.map((c) => [c.post_date.slice(0, 10), c.days, c.views])).toEqual([['2025-02-27', [2, 4], [140, 310]]]);
    // Cohorts read it: by day 3 the post had 140 views, by day 4 310; seen past day 6 (its latest, 900).
    const r = await getCohorts({ ctx: ctxOf(viewer), input: { orgSlug: org.slug, query: { by: 'week', days: '6' } } });
    expect(r.content.cohorts.map((c) => c.cells.map((x) => x.mean))).toEqual([[null, null, 140, 140, 310, 310, 310]]);
  });
});
