import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConnection, getDb } from '@/db';
import { orgPosts, socialAccounts } from '@/db/schema';
import { RowCounter } from '@/lib/exports/csv';
import { POSTS_CSV_HEADER, influencerPostsCsv } from '@/lib/exports/posts-csv';
import { importFile } from '@/lib/imports/import-file';
import { createOrg, ctxOf, textOf, uniq } from '../factories';
import { systemCtx } from '@/lib/context';

const dir = fs.mkdtempSync(path.join(tmpdir(), 'reachboard-export-formats-'));
const handle = `formats-${uniq()}`;
// Titles a real channel has: commas, quotes, a line break, a formula, non-ASCII.
const TITLES = [
  'Plain title',
  'Commas, "quotes" and more',
  'Two\nlines',
  '=HYPERLINK("http://evil.example","click")',
  '-5 kg in a week?',
  'Ünïcödé — 日本語 ✓',
];

let brand: Awaited<ReturnType<typeof createOrg>>;
let influencerId: string;

beforeAll(async () => {
  brand = await createOrg({ approved: true });
  const rows = TITLES.map((title, i) => ({
    video_id: `f${uniq()}x${i}`,
    channel: handle,
    title,
    views: String(1000 * (i + 1)),
    likes: String(i === 5 ? 0 : 7 * (i + 1)),
    comments: String(i),
    date: '2026-11-20',
    published: `2026-11-0${i + 1}`,
  }));
  // A zero-view post: its engagement rate is unknown (empty), not 0.
  rows.push({ ...rows[0], video_id: `f${uniq()}zz`, title: 'No views yet', views: '0', published: '2026-10-01' });
  const file = path.join(dir, 'formats.csv');
  fs.writeFileSync(file, Papa.unparse(rows) + '\n');
  const summary = await importFile({
    ctx: systemCtx('test'),
    input: {
      orgSlug: brand.org.slug,
      filePath: file,
      mapping: {
        version: 1,
        kind: 'post',
        columns: {
          platformPostId: 'video_id',
          accountHandle: 'channel',
          title: 'title',
          views: 'views',
          likes: 'likes',
          comments: 'comments',
          capturedAt: 'date',
          publishedAt: 'published',
        },
        constants: { platform: 'youtube' },
        options: { dateFormat: 'yyyy-MM-dd' },
      },
    },
  });
  expect(summary).toMatchObject({ status: 'completed', imported: 7, errors: [] });
  const db = await getDb();
  const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.handle, handle));
  influencerId = account.influencerId!;
  // A cost on the first post: cost and cost per engagement in major units.
  const [first] = await db
    .select()
    .from(orgPosts)
    .where(and(eq(orgPosts.orgId, brand.org.id), eq(orgPosts.title, 'Plain title')));
  await db
    .update(orgPosts)
    .set({ costMinor: 125_050, costCurrency: 'USD' })
    .where(and(eq(orgPosts.orgId, brand.org.id), eq(orgPosts.postId, first.postId)));
});

async function exported() {
  const csv = await influencerPostsCsv({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, influencerId } });
  const text = await textOf(csv.chunks);
  return { text, rows: csv.rows(), records: Papa.parse<string[]>(text, { skipEmptyLines: true }).data };
}

describe('the posts export', () => {
  it('writes every value as documented, text neutralised, unknowns empty, and counts its rows', async () => {
    const { text, rows, records } = await exported();
    expect(records[0]).toEqual(POSTS_CSV_HEADER);
    expect(rows).toBe(7);
    expect(records).toHaveLength(8);
    const col = (name: string) => POSTS_CSV_HEADER.indexOf(name);
    const byTitle = new Map(records.slice(1).map((r) => [r[col('title')], r]));
    expect([...byTitle.keys()]).toEqual([
      'Ünïcödé — 日本語 ✓',
      "'-5 kg in a week?",
      '\'=HYPERLINK("http://evil.example","click")',
      'Two\nlines',
      'Commas, "quotes" and more',
      'Plain title',
      'No views yet',
    ]);
    const plain = byTitle.get('Plain title')!;
    expect(plain.slice(col('post_date'), col('engagements') + 1)).toEqual([
      '2026-11-01T00:00:00.000Z',
      'true',
      '1000',
      '7',
      '0',
      '',
      '',
      '7',
    ]);
    expect(plain[col('engagement_rate')]).toBe('0.007');
    expect([plain[col('cost')], plain[col('cost_currency')], plain[col('cost_per_engagement')]]).toEqual([
      '1250.50',
      'USD',
      '178.64285714285714',
    ]);
    expect(plain[col('captured_at')]).toBe('2026-11-20T00:00:00.000Z');
    expect(plain[col('provenance')]).toBe('csv');
    expect(byTitle.get('No views yet')![col('engagement_rate')]).toBe('');
    expect(byTitle.get('Ünïcödé — 日本語 ✓')![col('engagement_rate')]).toBe('0.0008333333333333334');
    // One line ending throughout: LF.
    expect(text.includes('\r')).toBe(false);
    // Unknown media type and no tags are empty cells, not quoted empty strings, on either database.
    expect(text).toContain(',Plain title,,,2026-11-01T00:00:00.000Z,');
  });

  it.runIf(process.env.DATABASE_URL)('on Postgres, COPY writes the same file as the cursor path', async () => {
    const connection = await getConnection();
    expect(connection.csv).toBeTypeOf('function');
    const copied = await exported();
    const csv = connection.csv;
    connection.csv = undefined;
    try {
      const paged = await exported();
      expect(paged.records).toEqual(copied.records);
      expect(paged.rows).toBe(copied.rows);
    } finally {
      connection.csv = csv;
    }
  });
});

describe('counting CSV records in bytes', () => {
  it('counts line ends outside quoted fields, across chunk boundaries', () => {
    const counter = new RowCounter();
    const text = 'a,"b\nc",d\n"x""y",2\n"open\n';
    // Every split point, including inside quotes and doubled quotes.
    for (let cut = 0; cut <= text.length; cut++) {
      const c = new RowCounter();
      c.bytes(Buffer.from(text.slice(0, cut)));
      c.bytes(Buffer.from(text.slice(cut)));
      expect(c.count).toBe(2);
    }
    counter.bytes(Buffer.from(text));
    counter.bytes(Buffer.from('still open"\n'));
    expect(counter.count).toBe(3);
  });
});
