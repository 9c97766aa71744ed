import fs from 'node:fs';
import Papa from 'papaparse';
import { and, count, countDistinct, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { accountSnapshots, influencers, orgInfluencers, orgPosts, posts, postSnapshots, socialAccounts } from '@/db/schema';
import { importFile } from '@/lib/imports/import-file';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';
const INSTAGRAM = 'db/seed/data/instagram-top-influencers.csv';
const youtubeMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));
const instagramMapping = JSON.parse(fs.readFileSync('db/seed/mappings/instagram-top-influencers.json', 'utf8'));
const system = systemCtx('test');

/** The expected outcome, computed here with papaparse on the whole file, not with the importer. */
function expectedYoutube() {
  const text = fs.readFileSync(YOUTUBE, 'utf8');
  const lines = text.split('\n');
  const broken: number[] = [];
  const seen = new Set<string>();
  const channels = new Set<string>();
  const videos = new Set<string>();
  let duplicates = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cells = Papa.parse<string[]>(lines[i], { delimiter: ',' }).data[0];
    if (cells.length !== 11) {
      broken.push(i + 1);
      continue;
    }
    const key = `${cells[0]}|${cells[10]}`;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    channels.add(cells[2].trim().toLowerCase());
    videos.add(cells[0]);
  }
  const rows = lines.slice(1).filter((l) => l !== '').length;
  return { rows, broken, duplicates, snapshots: seen.size, channels: channels.size, videos: videos.size };
}

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;

beforeAll(async () => {
  brand = await createOrg();
});

describe('importing the real YouTube trending export through the CLI path', () => {
  const expected = expectedYoutube();

  it('matches counts computed independently from the file', async () => {
    expect(expected).toMatchObject({ rows: 5798, duplicates: 5, broken: [2401, 2800, 5297, 5299, 5300, 5301] });
    const summary = await importFile({ ctx: system, input: { orgSlug: brand.org.slug, filePath: YOUTUBE, mapping: youtubeMapping } });
    expect(summary).toMatchObject({
      status: 'completed',
      rowsRead: expected.rows,
      imported: expected.snapshots,
      updated: 0,
      unchanged: 0,
      duplicates: expected.duplicates,
    });
    expect(summary.errors.map((e) => e.line)).toEqual(expected.broken);
    expect(summary.errors[0]).toEqual({ line: 2401, column: null, reason: 'wrong number of fields: expected 11, found 21' });
    expect(summary.errors[2]).toEqual({ line: 5297, column: null, reason: 'wrong number of fields: expected 11, found 12' });

    const db = await getDb();
    const [snapshots] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, brand.org.id));
    const [distinctPosts] = await db
      .select({ n: countDistinct(postSnapshots.postId) })
      .from(postSnapshots)
      .where(eq(postSnapshots.ownerOrgId, brand.org.id));
    const [roster] = await db.select({ n: count() }).from(orgInfluencers).where(eq(orgInfluencers.orgId, brand.org.id));
    expect(snapshots.n).toBe(expected.snapshots);
    // Snapshots have no foreign keys (docs/decision-snapshot-keys.md): check post, owner and job here.
    const orphans = await db.execute(sql`select count(*)::int as n from post_snapshots s
      left join organizations o on o.id = s.owner_org_id left join import_jobs j on j.id = s.import_job_id
      left join posts p on p.id = s.post_id
      where p.id is null or (s.owner_org_id is not null and (o.id is null or (s.import_job_id is not null and j.id is null)))`);
    expect(rowsOf<{ n: number }>(orphans)[0].n).toBe(0);
    expect(distinctPosts.n).toBe(expected.videos);
    expect(roster.n).toBe(expected.channels);
  });

  it('stores the values of a known row, with provenance, and a year-less date in the stated year', async () => {
    const db = await getDb();
    // The post as this organization imported it (its view), and the name its file gave the channel.
    const [row] = await db
      .select({ post: orgPosts, shared: posts, snap: postSnapshots, handle: socialAccounts.handle, name: orgInfluencers.displayName })
      .from(postSnapshots)
      .innerJoin(posts, eq(posts.id, postSnapshots.postId))
      .innerJoin(orgPosts, and(eq(orgPosts.postId, posts.id), eq(orgPosts.orgId, brand.org.id)))
      .innerJoin(socialAccounts, eq(socialAccounts.id, orgPosts.socialAccountId))
      .innerJoin(orgInfluencers, and(eq(orgInfluencers.influencerId, socialAccounts.influencerId), eq(orgInfluencers.orgId, brand.org.id)))
      .where(
        and(
          eq(posts.platformPostId, 'XpVt6Z1Gjjo'),
          eq(postSnapshots.ownerOrgId, brand.org.id),
          eq(postSnapshots.capturedAt, new Date('2017-09-13T00:00:00Z')),
        ),
      );
    expect(row.post).toMatchObject({
      platform: 'youtube',
      title: '1 YEAR OF VLOGGING -- HOW LOGAN PAUL CHANGED YOUTUBE FOREVER!',
      platformCategoryId: '24',
      mediaType: 'video',
    });
    expect(row.post.tags.slice(0, 3)).toEqual(['logan paul vlog', 'logan paul', 'logan']);
    expect(row.snap).toMatchObject({
      views: 4394029,
      likes: 320053,
      dislikes: 5931,
      comments: 46245,
      provenance: 'csv',
      reach: null,
      impressions: null,
      revenueMinor: null,
    });
    expect(row.handle).toBe('logan paul vlogs');
    expect(row.name).toBe('Logan Paul Vlogs');
    // An import writes no shared attribute: only a platform's API names a post's account and title.
    expect(row.shared).toMatchObject({ socialAccountId: null, title: null, url: null, publishedAt: null, tags: [] });
  });

  it('a second import of the same file changes nothing', async () => {
    const db = await getDb();
    const before = await db.select().from(postSnapshots).where(eq(postSnapshots.ownerOrgId, brand.org.id));
    const again = await importFile({ ctx: system, input: { orgSlug: brand.org.slug, filePath: YOUTUBE, mapping: youtubeMapping } });
    expect(again).toMatchObject({ status: 'completed', imported: 0, updated: 0, unchanged: expected.snapshots, duplicates: 5 });
    const after = await db.select().from(postSnapshots).where(eq(postSnapshots.ownerOrgId, brand.org.id));
    expect(after).toEqual(before);
  });
});

describe('importing the real Instagram export', () => {
  it('parses abbreviated counts, percentages, NaN and mojibake as a user expects', async () => {
    const summary = await importFile({ ctx: system, input: { orgSlug: brand.org.slug, filePath: INSTAGRAM, mapping: instagramMapping } });
    expect(summary).toMatchObject({ status: 'completed', rowsRead: 200, imported: 200, errors: [] });
    const db = await getDb();
    const snapshot = async (handle: string) => {
      const [row] = await db
        .select({ snap: accountSnapshots, country: orgInfluencers.country, sharedCountry: influencers.country })
        .from(accountSnapshots)
        .innerJoin(socialAccounts, eq(socialAccounts.id, accountSnapshots.socialAccountId))
        .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
        .innerJoin(orgInfluencers, and(eq(orgInfluencers.influencerId, influencers.id), eq(orgInfluencers.orgId, brand.org.id)))
        .where(
          and(eq(socialAccounts.platform, 'instagram'), eq(socialAccounts.handle, handle), eq(accountSnapshots.ownerOrgId, brand.org.id)),
        );
      return row;
    };
    const cristiano = await snapshot('cristiano');
    expect(cristiano.snap).toMatchObject({
      followers: 475_800_000,
      postsCount: 3_300,
      avgLikes: 8_700_000,
      totalLikes: 29_000_000_000,
      reportedEngagementRate: 0.0139,
      provenance: 'csv',
    });
    expect(cristiano.snap.capturedAt).toEqual(new Date('2022-01-01T00:00:00Z'));
    expect(cristiano.country).toBe('Spain');
    expect(cristiano.sharedCountry).toBeNull();
    expect((await snapshot('leomessi')).country).toBeNull();
    expect((await snapshot('leomessi')).snap.postsCount).toBe(890);

    // Every NaN engagement-rate cell is stored as unknown, never as 0.
    const raw = Papa.parse<Record<string, string>>(fs.readFileSync(INSTAGRAM, 'utf8').replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const nanRate = raw.filter((r) => r['60d_eng_rate'] === 'NaN%' || r['60d_eng_rate'] === 'NaN').map((r) => r.channel_info.toLowerCase());
    expect(nanRate.length).toBeGreaterThan(0);
    for (const handle of nanRate) expect((await snapshot(handle)).snap.reportedEngagementRate).toBeNull();
    const mojibake = raw.find((r) => r.country.includes('Ã'))!;
    expect((await snapshot(mojibake.channel_info.toLowerCase())).country).toBe("Côte d'Ivoire");
  });
});

describe('tenancy of imported numbers', () => {
  it('two organizations importing the same account each see only their own numbers', async () => {
    const other = await createOrg();
    const changed = { ...instagramMapping, constants: { ...instagramMapping.constants, capturedAt: '2022-02-01' } };
    await importFile({ ctx: system, input: { orgSlug: other.org.slug, filePath: INSTAGRAM, mapping: changed } });
    const db = await getDb();
    const [account] = await db
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, 'instagram'), eq(socialAccounts.handle, 'cristiano')));
    const owned = async (orgId: string) =>
      (
        await db
          .select()
          .from(accountSnapshots)
          .where(and(eq(accountSnapshots.socialAccountId, account.id), eq(accountSnapshots.ownerOrgId, orgId)))
      ).map((s) => s.capturedAt.toISOString());
    expect(await owned(brand.org.id)).toEqual(['2022-01-01T00:00:00.000Z']);
    expect(await owned(other.org.id)).toEqual(['2022-02-01T00:00:00.000Z']);
    const [accounts] = await db
      .select({ n: count() })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, 'instagram'), eq(socialAccounts.handle, 'cristiano')));
    expect(accounts.n).toBe(1);
  });

  it('a viewer cannot import and another org’s member gets "not found"', async () => {
    const { createImportJob } = await import('@/lib/imports/create-import-job');
    const { ctxOf } = await import('../factories');
    const stranger = await createOrg();
    const input = { orgId: brand.org.id, fileName: 'x.csv', storagePath: INSTAGRAM, mapping: instagramMapping };
    await expect(createImportJob({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(/Viewers can read/);
    await expect(createImportJob({ ctx: ctxOf(stranger.owner), input })).rejects.toThrow(/not found/);
    await expect(createImportJob({ ctx: ctxOf(brand.manager), input })).resolves.toMatchObject({ status: 'queued', rowsTotal: 200 });
  });
});
