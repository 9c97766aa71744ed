/**
 * The importer on the files users actually have (issue 14). Fixtures in tests/fixtures/imports are
 * real YouTube Studio exports from public repositories (sources in tests/fixtures/imports/SOURCES.md);
 * the legacy-encoding files are rows of the real trending export (db/seed/data) re-encoded here.
 * Every expected figure is computed in the test with papaparse from the file, not by the importer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { importJobs, orgPosts, posts, postMetrics } from '@/db/schema';
import { createImportJob } from '@/lib/imports/create-import-job';
import { importFile } from '@/lib/imports/import-file';
import { compileMapping, type PostRecord } from '@/lib/imports/map-row';
import { runImport } from '@/lib/imports/run-import';
import { preparePostBatch, writePostRollups, writePostSnapshots } from '@/lib/imports/write-batch';
import { detectLayout, layoutMapping } from '@/lib/imports/layouts';
import { mappingSchema, type ImportMappingInput } from '@/lib/imports/mapping';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { getOverview } from '@/lib/analytics/get-overview';
import { listRoster } from '@/lib/analytics/list-roster';
import { createOrg, ctxOf, uniq } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const FIXTURES = 'tests/fixtures/imports';
const STUDIO_2025 = `${FIXTURES}/youtube-studio-2025-likes-shares.csv`;
const TRENDING = 'db/seed/data/youtube-trending-us-2017-09.csv';
const trendingMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));

type Org = Awaited<ReturnType<typeof createOrg>>;

function table(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(os.tmpdir(), `${uniq()}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

const csvOf = (rows: (string | number)[][]) => Papa.unparse(rows) + '\n';

async function metricsOf(org: Org) {
  const db = await getDb();
  return rowsOf<{ platform_post_id: string; title: string | null; views: number | null; likes: number | null; shares: number | null }>(
    await db.execute(sql`
      select op.platform_post_id, op.title, pm.views::float8 as views, pm.likes::float8 as likes, pm.shares::float8 as shares
      from post_metrics pm join org_posts op on op.org_id = pm.owner_org_id and op.post_id = pm.post_id
      where pm.owner_org_id = ${org.org.id} order by op.platform_post_id`),
  );
}

describe('a real YouTube Studio content export ("Table data.csv", 2025)', () => {
  let brand: Org;
  const rows = table(STUDIO_2025);
  const videos = rows.filter((r) => r.Content !== 'Total');
  const sum = (column: string) => videos.reduce((total, r) => total + Number(r[column]), 0);

  beforeAll(async () => {
    brand = await createOrg();
  });

  it('imports through a layout id and --set, skips the Total row, and the totals equal the videos’ sums', async () => {
    expect(rows[0].Content).toBe('Total');
    expect(videos).toHaveLength(71);
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: brand.org.slug,
        filePath: STUDIO_2025,
        mapping: 'youtube-studio-content',
        set: { accountHandle: '@artbyalison', capturedAt: '2025-08-01' },
      },
    });
    expect(summary).toMatchObject({ status: 'completed', encoding: 'utf-8', rowsRead: 72, imported: 71, duplicates: 0, errors: [] });
    expect(summary.summaryRows).toEqual([{ line: 2, column: 'Content', reason: 'summary row skipped ("Total" with the file\'s totals)' }]);

    const stored = await metricsOf(brand);
    expect(stored).toHaveLength(71);
    expect(stored.some((p) => p.platform_post_id === 'Total')).toBe(false);
    expect(stored.reduce((t, p) => t + p.views!, 0)).toBe(sum('Views'));
    expect(stored.reduce((t, p) => t + p.likes!, 0)).toBe(sum('Likes'));
    expect(stored.reduce((t, p) => t + p.shares!, 0)).toBe(sum('Shares'));
    // The Studio writes " -JTnUJTN2aI" (a space before an id starting with "-").
    expect(stored.find((p) => p.platform_post_id === '-JTnUJTN2aI')).toMatchObject({
      title: '"Harry Styles by Harry Styles" by Art by Alison #art #painting',
      views: 704,
    });
    // The overview's daily rollup holds the videos, never the Total row on top of them.
    const db = await getDb();
    const [overview] = rowsOf<{ views: number }>(
      await db.execute(sql`select sum(views)::float8 as views from org_daily_post_metrics where owner_org_id = ${brand.org.id}`),
    );
    // The file's own Total equals the sum of its videos: imported as a video, it doubled every total.
    expect(sum('Views')).toBe(Number(rows[0].Views));
    expect(overview.views).toBe(46_333);
  });

  it('recognises every vintage and maps the columns it has', () => {
    const headersOf = (file: string) => Object.keys(table(`${FIXTURES}/${file}`)[0]);
    for (const file of [
      'youtube-studio-2025-likes-shares.csv',
      'youtube-studio-2025-no-impressions.csv',
      'youtube-studio-2026-excel-dates.csv',
      'youtube-studio-2026-thumbnail-impressions.csv',
    ])
      expect(detectLayout(headersOf(file))?.id).toBe('youtube-studio-content');
    const columns = (file: string) => layoutMapping(detectLayout(headersOf(file))!, headersOf(file)).columns;
    expect(columns('youtube-studio-2025-no-impressions.csv')).toEqual({
      platformPostId: 'Content',
      title: 'Video title',
      publishedAt: 'Video publish time',
      views: 'Views',
    });
    expect(columns('youtube-studio-2026-thumbnail-impressions.csv')).toMatchObject({
      impressions: 'Thumbnail impressions',
      likes: 'Likes',
    });
    expect(columns('youtube-studio-2025-likes-shares.csv')).toMatchObject({ impressions: 'Impressions', shares: 'Shares' });
  });

  it('reads an export re-saved by Excel (dates as 3-Jun-26, no Total row) without being told', async () => {
    const org = await createOrg();
    const file = `${FIXTURES}/youtube-studio-2026-excel-dates.csv`;
    const expected = table(file);
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: file,
        mapping: 'youtube-studio-content',
        set: { accountHandle: 'jilikabo', capturedAt: '2026-08-10' },
      },
    });
    expect(summary).toMatchObject({ status: 'completed', imported: expected.length, summaryRows: [], errors: [] });
    const db = await getDb();
    const [first] = await db
      .select({ publishedAt: orgPosts.publishedAt, title: orgPosts.title })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.org.id), eq(orgPosts.platformPostId, 'vWNRhaV3KDA')));
    expect(first).toEqual({ publishedAt: new Date('2026-06-03T00:00:00Z'), title: expected[0]['Video title'] });
  });

  it('asks for what the layout cannot read from the file, naming the --set to give', async () => {
    const org = await createOrg();
    await expect(
      importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: STUDIO_2025, mapping: 'youtube-studio-content' } }),
    ).rejects.toThrow(
      'The layout youtube-studio-content needs the channel of the export (its handle) (--set accountHandle=…) and the date the export was taken (--set capturedAt=…)',
    );
    await expect(
      importFile({
        ctx: system,
        input: {
          orgSlug: org.org.slug,
          filePath: STUDIO_2025,
          mapping: 'youtube-studio-content',
          set: { acountHandle: 'x', capturedAt: '2025-08-01' },
        },
      }),
    ).rejects.toThrow('--set acountHandle: not a post-level field or an option (did you mean "accountHandle"?)');
  });
});

describe('spreadsheet error values', () => {
  it('are row errors naming the line and column, never an id; the other rows are imported', async () => {
    const org = await createOrg();
    // What Excel does to the file: ids starting with "-" become formulas that fail as #NAME?.
    const text = fs
      .readFileSync(STUDIO_2025, 'utf8')
      .replace(' -JTnUJTN2aI,', '#NAME?,')
      .replace(
        'Yn1-B0nWNdY,How I start my paintings over #art #aprilfools,"Apr 1, 2025",60,3,',
        'Yn1-B0nWNdY,How I start my paintings over #art #aprilfools,"Apr 1, 2025",60,#VALUE!,',
      );
    const lines = text.split('\n');
    const nameLine = lines.findIndex((l) => l.startsWith('#NAME?')) + 1;
    const valueLine = lines.findIndex((l) => l.includes('#VALUE!')) + 1;
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: writeFile('Table data.csv', text),
        mapping: 'youtube-studio-content',
        set: { accountHandle: 'artbyalison', capturedAt: '2025-08-01' },
      },
    });
    expect(summary).toMatchObject({ status: 'completed', imported: 69, duplicates: 0 });
    expect(summary.errors).toEqual([
      { line: nameLine, column: 'Content', reason: '"#NAME?" is a spreadsheet error value: the cell held a formula that failed, not data' },
      { line: valueLine, column: 'Likes', reason: '"#VALUE!" is a spreadsheet error value: the cell held a formula that failed, not data' },
    ]);
    expect((await metricsOf(org)).map((p) => p.platform_post_id)).not.toContain('#NAME?');
  });
});

describe('encodings', () => {
  // Rows of the real trending export whose text Windows-1252 can hold, with non-ASCII characters in them.
  const source = Papa.parse<string[]>(fs.readFileSync(TRENDING, 'utf8'), { skipEmptyLines: true }).data;
  const header = source[0];
  const picked = source
    .slice(1)
    .filter(
      (r) =>
        r.length === 11 && /[^\x00-\x7f]/.test(r.join('')) && iconv.decode(iconv.encode(r.join(''), 'win1252'), 'win1252') === r.join(''),
    )
    .slice(0, 40);
  const handleRow = [...picked[0]];
  handleRow[0] = 'cafeNandu01';
  handleRow[2] = 'café_ñandú';
  const text = csvOf([header, ...picked, handleRow]);
  const expectedTitles = new Map([...picked, handleRow].map((r) => [r[0], r[1]]));

  async function titlesOf(org: Org) {
    const db = await getDb();
    const rows = await db
      .select({ id: orgPosts.platformPostId, title: orgPosts.title })
      .from(orgPosts)
      .where(eq(orgPosts.orgId, org.org.id));
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  it('detects Windows-1252 and keeps every title byte-exact, and a Latin-1 handle distinct', async () => {
    expect(picked).toHaveLength(40);
    const org = await createOrg();
    const summary = await importFile({
      ctx: system,
      input: { orgSlug: org.org.slug, filePath: writeFile('cp1252.csv', iconv.encode(text, 'win1252')), mapping: trendingMapping },
    });
    expect(summary).toMatchObject({ status: 'completed', encoding: 'windows-1252', errors: [] });
    expect(await titlesOf(org)).toEqual(expectedTitles);
    const db = await getDb();
    const handles = rowsOf<{ handle: string }>(
      await db.execute(sql`select distinct sa.handle from org_posts op join social_accounts sa on sa.id = op.social_account_id
        where op.org_id = ${org.org.id} and sa.handle like 'caf%'`),
    );
    expect(handles).toEqual([{ handle: 'café_ñandú' }]);
  });

  it('reads UTF-16 with a byte-order mark the same way', async () => {
    const org = await createOrg();
    const file = writeFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    const summary = await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: file, mapping: trendingMapping } });
    expect(summary).toMatchObject({ status: 'completed', encoding: 'utf-16le', errors: [] });
    expect(await titlesOf(org)).toEqual(expectedTitles);
  });

  it('never replaces characters silently: a file read as UTF-8 that is not is refused, saying why', async () => {
    const org = await createOrg();
    const mapping = { ...trendingMapping, options: { ...trendingMapping.options, encoding: 'utf-8' } };
    await expect(
      importFile({
        ctx: system,
        input: { orgSlug: org.org.slug, filePath: writeFile('cp1252.csv', iconv.encode(text, 'win1252')), mapping },
      }),
    ).rejects.toThrow('The file is not valid UTF-8 (after byte 0): choose its encoding (for example Windows-1252) and import it again');
    expect(await titlesOf(org)).toEqual(new Map());
  });

  it('refuses binary data with a short message', async () => {
    const org = await createOrg();
    const garbage = Buffer.alloc(300_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251;
    await expect(
      importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: writeFile('x.csv', garbage), mapping: trendingMapping } }),
    ).rejects.toThrow(/^This is not a text \(CSV\) file: it holds binary data \(a NUL byte at byte 0\)$/);
  });
});

const genericMapping: ImportMappingInput = {
  kind: 'post',
  columns: {
    platformPostId: 'id',
    accountHandle: 'channel',
    title: 'title',
    publishedAt: 'published',
    capturedAt: 'captured',
    views: 'views',
    likes: 'likes',
  },
  constants: { platform: 'youtube' },
  options: { dateFormat: 'iso' },
};
const header = ['id', 'channel', 'title', 'published', 'captured', 'views', 'likes'];

describe('a post’s attributes follow its latest capture', () => {
  it('a renamed video shows its new title, whatever the order of files and rows', async () => {
    const org = await createOrg();
    const importRows = (rows: (string | number)[][]) =>
      importFile({
        ctx: system,
        input: { orgSlug: org.org.slug, filePath: writeFile('t.csv', csvOf([header, ...rows])), mapping: genericMapping },
      });
    // In one file, the later capture first.
    await importRows([
      ['renamed0001', 'chan', 'Second title', '2026-01-01', '2026-01-03', 20, 2],
      ['renamed0001', 'chan', 'First title', '2026-01-01', '2026-01-02', 10, 1],
    ]);
    const title = async () => {
      const db = await getDb();
      const [row] = await db
        .select({ title: orgPosts.title })
        .from(orgPosts)
        .where(and(eq(orgPosts.orgId, org.org.id), eq(orgPosts.platformPostId, 'renamed0001')));
      return row.title;
    };
    expect(await title()).toBe('Second title');
    await importRows([['renamed0001', 'chan', 'Renamed', '2026-01-01', '2026-01-10', 50, 5]]);
    expect(await title()).toBe('Renamed');
    // An older export imported afterwards does not bring the old title back.
    await importRows([['renamed0001', 'chan', 'First title', '2026-01-01', '2026-01-02', 10, 1]]);
    expect(await title()).toBe('Renamed');
  });
});

describe('the rollup refresh at the end of a job', () => {
  it('rewrites only the rows of the accounts and days the job changed', async () => {
    const org = await createOrg();
    const run = (rows: (string | number)[][]) =>
      importFile({
        ctx: system,
        input: { orgSlug: org.org.slug, filePath: writeFile('r.csv', csvOf([header, ...rows])), mapping: genericMapping },
      });
    const first = await run([
      ['refreshA001', 'alpha', 'a1', '2026-03-01', '2026-04-01', 100, 10],
      ['refreshA002', 'alpha', 'a2', '2026-03-02', '2026-04-01', 200, 20],
      ['refreshA003', 'alpha', 'a3', '2026-03-03', '2026-04-01', 300, 30],
      ['refreshB001', 'beta', 'b1', '2026-03-01', '2026-04-01', 400, 40],
      ['refreshB002', 'beta', 'b2', '2026-02-15', '2026-04-01', 500, 50],
    ]);
    expect(first).toMatchObject({ status: 'completed', imported: 5 });
    const db = await getDb();
    const versions = async () =>
      rowsOf<{ t: string; k: string; x: string }>(
        await db.execute(sql`
          select 'account' as t, social_account_id::text as k, xmin::text as x from account_metrics where owner_org_id = ${org.org.id}
          union all select 'day', day::text || coalesce(revenue_currency, ''), xmin::text from org_daily_post_metrics where owner_org_id = ${org.org.id}
          union all select 'month', influencer_id::text || month::text, xmin::text from influencer_monthly_metrics where owner_org_id = ${org.org.id}`),
      );
    const rewritten = (before: { t: string; k: string; x: string }[], after: typeof before) => {
      const old = new Map(before.map((r) => [`${r.t}|${r.k}`, r.x]));
      const counts: Record<string, number> = { account: 0, day: 0, month: 0 };
      for (const r of after) if (old.get(`${r.t}|${r.k}`) !== r.x) counts[r.t]++;
      return counts;
    };
    const before = await versions();
    // 2 accounts, 4 days (Feb 15, Mar 1–3) and 3 influencer-months (alpha: Mar; beta: Feb, Mar).
    expect(before.map((r) => r.t).sort()).toEqual(['account', 'account', 'day', 'day', 'day', 'day', 'month', 'month', 'month']);

    // One new capture of one of beta's posts: beta, Mar 1, beta's March.
    await run([['refreshB001', 'beta', 'b1', '2026-03-01', '2026-04-02', 450, 41]]);
    const after = await versions();
    expect(rewritten(before, after)).toEqual({ account: 1, day: 1, month: 1 });
    const [mar1] = rowsOf<{ views: number }>(
      await db.execute(
        sql`select views::float8 as views from org_daily_post_metrics where owner_org_id = ${org.org.id} and day = '2026-03-01'`,
      ),
    );
    expect(mar1.views).toBe(100 + 450);

    // The same file again changes nothing and rewrites nothing.
    await run([['refreshB001', 'beta', 'b1', '2026-03-01', '2026-04-02', 450, 41]]);
    expect(rewritten(after, await versions())).toEqual({ account: 0, day: 0, month: 0 });
    const [job] = await db
      .select({ days: importJobs.refreshPostDays, accounts: importJobs.refreshAccounts })
      .from(importJobs)
      .where(eq(importJobs.orgId, org.org.id))
      .limit(1);
    expect(job).toEqual({ days: [], accounts: [] });
  });
});

describe('values a real file carries', () => {
  it('reads numbers strictly in the file’s format: a decimal comma is an error under a decimal point, right under its own', async () => {
    const accountMapping: ImportMappingInput = {
      kind: 'account',
      columns: { handle: 'handle', followers: 'followers', engagementRate: 'er', capturedAt: 'date' },
      constants: { platform: 'instagram' },
      options: { dateFormat: 'iso' },
    };
    const file = writeFile(
      'de.csv',
      csvOf([
        ['handle', 'followers', 'er', 'date'],
        ['komma_a', '3,5k', '1,39%', '2026-05-01'],
        ['komma_b', '1.234.567', '12,5%', '2026-05-01'],
      ]),
    );
    const org = await createOrg();
    const wrong = await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: file, mapping: accountMapping } });
    expect(wrong.errors).toEqual([
      { line: 2, column: 'followers', reason: '"3,5k" is not a number in the file\'s number format 1,234.5 (thousands ",", decimal ".")' },
      {
        line: 3,
        column: 'followers',
        reason: '"1.234.567" is not a number in the file\'s number format 1,234.5 (thousands ",", decimal ".")',
      },
    ]);
    const right = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: file,
        mapping: { ...accountMapping, options: { dateFormat: 'iso', decimalSeparator: ',', thousandsSeparator: '.' } },
      },
    });
    expect(right).toMatchObject({ status: 'completed', imported: 2, errors: [] });
    const db = await getDb();
    const stored = rowsOf<{ handle: string; followers: number; rate: number }>(
      await db.execute(sql`select sa.handle, s.followers::float8 as followers, s.reported_engagement_rate as rate
        from account_snapshots s join social_accounts sa on sa.id = s.social_account_id
        where s.owner_org_id = ${org.org.id} order by sa.handle`),
    );
    expect(stored).toEqual([
      { handle: 'komma_a', followers: 3_500, rate: 0.0139 },
      { handle: 'komma_b', followers: 1_234_567, rate: 0.125 },
    ]);
  });

  it('refuses, row by row, dates and text Postgres cannot store, and imports the valid rows of the same batch', async () => {
    const org = await createOrg();
    const rows: (string | number)[][] = [
      ['storable001', 'chan', 'ok', '2026-01-01', '2026-01-02', 1, 0],
      ['storable002', 'chan', 'ok', '0000-01-01', '2026-01-02', 1, 0],
      ['storable003', 'chan', 'ok', '2026-01-01', '+010000-01-01', 1, 0],
      ['storable004', 'chan', 'x'.repeat(1_000_000), '2026-01-01', '2026-01-02', 1, 0],
      ['x'.repeat(5_000_000), 'chan', 'ok', '2026-01-01', '2026-01-02', 1, 0],
      ['storable006', 'chan', 'ok', '2026-01-01', '2026-01-02', '1e400', 0],
      ['storable007', 'chan', 'ok', '2026-01-01', '2026-01-02', 7, 0],
    ];
    const summary = await importFile({
      ctx: system,
      input: { orgSlug: org.org.slug, filePath: writeFile('pg.csv', csvOf([header, ...rows])), mapping: genericMapping },
    });
    expect(summary).toMatchObject({ status: 'completed', imported: 2 });
    expect(summary.errors).toEqual([
      { line: 3, column: 'published', reason: '"0000-01-01" is outside the dates Reachboard accepts (1970-01-01 to 2099-12-31)' },
      { line: 4, column: 'captured', reason: '"+010000-01-01" is outside the dates Reachboard accepts (1970-01-01 to 2099-12-31)' },
      {
        line: 5,
        column: 'title',
        reason: `"${'x'.repeat(60)}…" (1,000,000 characters) is longer than the 10,000 characters this field holds`,
      },
      { line: 6, column: 'id', reason: `"${'x'.repeat(60)}…" (5,000,000 characters) is longer than the 2,048 characters this field holds` },
      { line: 7, column: 'views', reason: '"1e400" is too large (a count is at most 9,007,199,254,740,991)' },
    ]);
    expect((await metricsOf(org)).map((p) => p.platform_post_id)).toEqual(['storable001', 'storable007']);
  });

  it('refuses a mapping key it does not know, naming the nearest one', async () => {
    const org = await createOrg();
    const { options, ...rest } = genericMapping;
    await expect(
      importFile({
        ctx: system,
        input: { orgSlug: org.org.slug, filePath: STUDIO_2025, mapping: { ...rest, option: options } as never },
      }),
    ).rejects.toThrow('"option" is not a known key (did you mean "options"?)');
  });
});

describe('shared posts stay untouched', () => {
  it('an import writes no shared post attribute (a guard for the latest-capture rule)', async () => {
    const db = await getDb();
    const [shared] = await db.select().from(posts).where(eq(posts.platformPostId, 'renamed0001'));
    expect(shared).toMatchObject({ title: null, socialAccountId: null });
    const [metrics] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(postMetrics)
      .where(eq(postMetrics.postId, shared.id));
    expect(metrics.n).toBe(1);
  });
});

describe('what an account-level import reported', () => {
  it('is shown on the influencer page with its source and capture date; unknown stays unknown', async () => {
    const org = await createOrg();
    const mapping = JSON.parse(fs.readFileSync('db/seed/mappings/instagram-top-influencers.json', 'utf8'));
    await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: 'db/seed/data/instagram-top-influencers.csv', mapping } });
    // The file's first row, read by hand: cristiano, posts 3.3k, avg_likes 8.7m, total_likes 29.0b.
    const first = table('db/seed/data/instagram-top-influencers.csv')[0];
    expect([first.channel_info, first.posts, first.avg_likes, first.total_likes]).toEqual(['cristiano', '3.3k', '8.7m', '29.0b']);
    const roster = await listRoster({ ctx: ctxOf(org.owner), input: { orgSlug: org.org.slug, query: { q: 'cristiano' } } });
    const id = roster.rows.find((r) => r.accounts.some((a) => a.handle === 'cristiano'))!.influencerId;
    const page = await getInfluencerAnalytics({ ctx: ctxOf(org.viewer), input: { orgSlug: org.org.slug, influencerId: id } });
    expect(page.accounts[0].reported).toEqual({
      avgLikes: 8_700_000,
      postsCount: 3_300,
      totalLikes: 29_000_000_000,
      totalViews: null,
      following: null,
      capturedAt: '2022-01-01T00:00:00.000Z',
      provenance: 'csv',
    });
  });
});

describe('posts per week', () => {
  it('uses the days the posts cover, not a fixed 90, and is unknown for a single post', async () => {
    const org = await createOrg();
    await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: writeFile(
          'ppw.csv',
          csvOf([
            header,
            ['weeklyPost1', 'weekly', 'a', '2026-03-01', '2026-03-20', 10, 1],
            ['weeklyPost2', 'weekly', 'b', '2026-03-08', '2026-03-20', 10, 1],
            ['weeklyPost3', 'weekly', 'c', '2026-03-15', '2026-03-20', 10, 1],
            ['singlePost1', 'single', 'd', '2026-03-15', '2026-03-20', 10, 1],
          ]),
        ),
        mapping: genericMapping,
      },
    });
    const roster = await listRoster({ ctx: ctxOf(org.owner), input: { orgSlug: org.org.slug, query: {} } });
    const of = (handle: string) => roster.rows.find((r) => r.accounts.some((a) => a.handle === handle))!.postsPerWeek;
    // 3 posts over 15 days (Mar 1 to Mar 15): 3 ÷ 15 × 7.
    expect(of('weekly')).toBeCloseTo((3 / 15) * 7, 12);
    expect(of('single')).toBeNull();
  });
});

describe('Excel workbooks and the YouTube Studio export .zip', () => {
  const rows = table(STUDIO_2025);
  const numeric = new Set(['Duration', 'Likes', 'Dislikes', 'Shares', 'Views', 'Subscribers', 'Impressions']);

  /** The Studio table as Excel holds it: numbers as numbers, publish dates as date cells, one failed formula. */
  async function studioWorkbook(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Table data');
    const columns = Object.keys(rows[0]);
    sheet.addRow(columns);
    for (const r of rows) {
      sheet.addRow(
        columns.map((c) => {
          if (c === 'Content' && r[c] === ' -JTnUJTN2aI') return { error: '#NAME?' };
          if (c === 'Video publish time' && r[c]) return new Date(`${r[c]} UTC`);
          return numeric.has(c) && r[c] !== '' ? Number(r[c]) : r[c];
        }),
      );
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('imports an .xlsx workbook: numbers, dates and the spreadsheet error read as the CSV would be', async () => {
    const org = await createOrg();
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: writeFile('Table data.xlsx', await studioWorkbook()),
        mapping: 'youtube-studio-content',
        set: { accountHandle: 'artbyalison', capturedAt: '2025-08-01' },
      },
    });
    const nameLine = rows.findIndex((r) => r.Content === ' -JTnUJTN2aI') + 2;
    expect(summary).toMatchObject({ status: 'completed', imported: 70 });
    expect(summary.fileName).toMatch(/-Table data\.xlsx$/);
    expect(summary.summaryRows.map((r) => r.line)).toEqual([2]);
    expect(summary.errors).toEqual([
      { line: nameLine, column: 'Content', reason: '"#NAME?" is a spreadsheet error value: the cell held a formula that failed, not data' },
    ]);
    const stored = await metricsOf(org);
    expect(stored.reduce((t, p) => t + p.views!, 0)).toBe(46_333 - 704);
    const db = await getDb();
    const [first] = await db
      .select({ publishedAt: orgPosts.publishedAt })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.org.id), eq(orgPosts.platformPostId, 'F3HVs95pagk')));
    expect(first.publishedAt).toEqual(new Date('2025-03-15T00:00:00Z'));
  });

  it('imports the videos of a Studio export .zip (as .csv or as Excel) and says what it did not import', async () => {
    const csvZip = zipSync({
      'Table data.csv': new Uint8Array(fs.readFileSync(STUDIO_2025)),
      'Chart data.csv': strToU8(
        'Date,Content,Video title,Video publish time,Duration,Views\n2025-07-01,F3HVs95pagk,x,"Mar 15, 2025",60,3\n',
      ),
      'Totals.csv': strToU8('Date,Views\n2025-07-01,120\n'),
    });
    for (const [name, zip] of [
      ['Content 2025-07-01_2025-08-01 Art by Alison.zip', csvZip],
      [
        'Excel export.zip',
        zipSync({ 'Table data.xlsx': new Uint8Array(await studioWorkbook()), 'Totals.xlsx': new Uint8Array([1, 2, 3]) }),
      ],
    ] as const) {
      const org = await createOrg();
      const summary = await importFile({
        ctx: system,
        input: {
          orgSlug: org.org.slug,
          filePath: writeFile(name, Buffer.from(zip)),
          mapping: 'youtube-studio-content',
          set: { accountHandle: 'artbyalison', capturedAt: '2025-08-01' },
        },
      });
      expect(summary).toMatchObject({ status: 'completed', summaryRows: [{ line: 2 }] });
      expect(summary.imported + summary.errors.length).toBe(71);
    }
    const org = await createOrg();
    await expect(
      importFile({
        ctx: system,
        input: {
          orgSlug: org.org.slug,
          filePath: writeFile('x.zip', Buffer.from(zipSync({ 'notes.txt': strToU8('hi') }))),
          mapping: 'youtube-studio-content',
        },
      }),
    ).rejects.toThrow('This zip holds no "Table data.csv" (a YouTube Studio export); it holds "notes.txt"');
  });
});

describe('a cost column (an agency sheet’s fees)', () => {
  it('feeds the overview’s spend and ROI and each post’s CPE, and a campaign’s post is never paid twice', async () => {
    const org = await createOrg();
    const mapping: ImportMappingInput = {
      ...genericMapping,
      columns: { ...genericMapping.columns, cost: 'fee', revenue: 'revenue' },
      options: { dateFormat: 'iso', currency: 'EUR', decimalSeparator: ',', thousandsSeparator: '.' },
    };
    const summary = await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: writeFile(
          'fees.csv',
          csvOf([
            [...header, 'fee', 'revenue'],
            ['costedPost1', 'agency', 'a', '2026-05-02', '2026-05-20', 10_000, 400, '1.234,56 €', '2.000,00 €'],
            ['costedPost2', 'agency', 'b', '2026-05-03', '2026-05-20', 5_000, 100, '250 €', ''],
            ['costedPost3', 'agency', 'c', '2026-05-04', '2026-05-20', 5_000, 100, '', ''],
          ]),
        ),
        mapping,
      },
    });
    expect(summary).toMatchObject({ status: 'completed', imported: 3, errors: [] });
    const db = await getDb();
    // A campaign in EUR makes EUR the report currency; one of the posts is linked to it.
    const [campaign] = rowsOf<{ id: string }>(
      await db.execute(
        sql`insert into campaigns (org_id, name, currency, starts_on, ends_on) values (${org.org.id}, 'Spring', 'EUR', '2026-01-01', '2026-01-31') returning id`,
      ),
    );
    const [linked] = await db
      .select({ id: orgPosts.postId })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.org.id), eq(orgPosts.platformPostId, 'costedPost2')));
    await db.execute(
      sql`insert into campaign_posts (campaign_id, post_id, source, status) values (${campaign.id}, ${linked.id}, 'manual', 'confirmed')`,
    );

    const overview = await getOverview({
      ctx: ctxOf(org.owner),
      input: { orgSlug: org.org.slug, period: { from: '2026-05-01', to: '2026-05-31' } },
    });
    expect(overview.current.spend).toMatchObject({ value: 123_456, coverage: { known: 1, total: 1 } });
    expect(overview.current.revenue.value).toBe(200_000);
    expect(overview.current.roi.value).toBeCloseTo((200_000 - 123_456) / 123_456, 12);

    const roster = await listRoster({ ctx: ctxOf(org.owner), input: { orgSlug: org.org.slug, query: {} } });
    const page = await getInfluencerAnalytics({
      ctx: ctxOf(org.viewer),
      input: { orgSlug: org.org.slug, influencerId: roster.rows[0].influencerId },
    });
    const byId = new Map(page.posts.map((p) => [p.title, p]));
    expect(byId.get('a')).toMatchObject({ costMinor: 123_456, costCurrency: 'EUR', costPerEngagement: 123_456 / 400 });
    expect(byId.get('c')).toMatchObject({ costMinor: null, costPerEngagement: null });
  });
});

describe('a job resumed after its run died', () => {
  it('refreshes what the dead run wrote and what it writes itself, and nothing else', async () => {
    const org = await createOrg();
    const db = await getDb();
    const file = (rows: (string | number)[][]) => writeFile('resume.csv', csvOf([header, ...rows]));
    await importFile({
      ctx: system,
      input: {
        orgSlug: org.org.slug,
        filePath: file([['resumeAlph1', 'alpha', 'a', '2026-03-01', '2026-04-01', 100, 10]]),
        mapping: genericMapping,
      },
    });
    const job = await createImportJob({
      ctx: system,
      input: {
        orgId: org.org.id,
        fileName: 'resume.csv',
        storagePath: file([
          ['resumeBeta1', 'beta', 'b', '2026-03-05', '2026-04-01', 200, 20],
          ['resumeGamm1', 'gamma', 'g', '2026-03-09', '2026-04-01', 300, 30],
        ]),
        mapping: genericMapping,
      },
    });
    // The dead run: it committed line 2 (beta's post, written with the importer's own batch
    // functions and recorded on the job, as run-import does) and died before its refresh.
    const mapped = compileMapping(mappingSchema.parse(genericMapping), header)(2, [
      'resumeBeta1',
      'beta',
      'b',
      '2026-03-05',
      '2026-04-01',
      '200',
      '20',
    ]);
    if (!mapped.ok) throw new Error('fixture row');
    const record = mapped.record as PostRecord;
    const writeCtx = { orgId: org.org.id, jobId: job.id, actorId: null, cache: new Map() };
    await db.transaction(async (tx) => {
      const ids = await preparePostBatch(tx, writeCtx, [record]);
      await writePostSnapshots(tx, writeCtx, [record], ids);
      const result = await writePostRollups(tx, writeCtx);
      await tx
        .update(importJobs)
        .set({
          status: 'running',
          heartbeatAt: new Date(Date.now() - 10 * 60_000),
          committedLine: 2,
          rowsRead: 1,
          imported: 1,
          refreshPostDays: result.postDays,
          refreshAccounts: result.accounts,
        })
        .where(eq(importJobs.id, job.id));
    });
    const daysOf = async () =>
      rowsOf<{ day: string; views: number; x: string }>(
        await db.execute(
          sql`select day::text as day, views::float8 as views, xmin::text as x from org_daily_post_metrics where owner_org_id = ${org.org.id} order by day`,
        ),
      );
    const before = await daysOf();
    expect(before.map((d) => d.day)).toEqual(['2026-03-01']);

    const done = await runImport({ ctx: system, input: { jobId: job.id } });
    expect(done).toMatchObject({ status: 'completed', rowsRead: 2, imported: 2, refreshPostDays: [], refreshAccounts: [] });
    const after = await daysOf();
    expect(after.map((d) => [d.day, d.views])).toEqual([
      ['2026-03-01', 100],
      ['2026-03-05', 200],
      ['2026-03-09', 300],
    ]);
    // Alpha's day, which neither run touched, was not rewritten.
    expect(after[0].x).toBe(before[0].x);
  });
});
