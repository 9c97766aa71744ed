import fs from 'node:fs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { getOverview } from '@/lib/analytics/get-overview';
import { listRoster } from '@/lib/analytics/list-roster';
import { importFile } from '@/lib/imports/import-file';
import { createOrg, ctxOf } from '../factories';

const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';
const INSTAGRAM = 'db/seed/data/instagram-top-influencers.csv';
const youtubeMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));
const instagramMapping = JSON.parse(fs.readFileSync('db/seed/mappings/instagram-top-influencers.json', 'utf8'));
const system = { actor: null, system: true } as const;

type Video = { id: string; channel: string; title: string; day: string; views: number; likes: number; comments: number };

/**
 * The YouTube file read here independently of the importer: well-formed rows (11 cells), the
 * first of repeated (video, day) rows, "DD.MM" read as a 2017 UTC day.
 */
function youtubeRows(): Video[] {
  const lines = fs.readFileSync(YOUTUBE, 'utf8').split('\n').slice(1);
  const seen = new Set<string>();
  const out: Video[] = [];
  for (const line of lines) {
    if (!line) continue;
    const c = Papa.parse<string[]>(line, { delimiter: ',' }).data[0];
    if (c.length !== 11) continue;
    const [dd, mm] = c[10].split('.');
    const day = `2017-${mm}-${dd}`;
    if (seen.has(`${c[0]}|${day}`)) continue;
    seen.add(`${c[0]}|${day}`);
    out.push({
      id: c[0],
      channel: c[2].trim().toLowerCase(),
      title: c[1],
      day,
      views: Number(c[5]),
      likes: Number(c[6]),
      comments: Number(c[8]),
    });
  }
  return out;
}

/** Per video: the values of its latest day and its first day. */
function latestPerVideo(rows: Video[]) {
  const byVideo = new Map<string, Video & { firstDay: string }>();
  for (const r of rows) {
    const prev = byVideo.get(r.id);
    if (!prev) byVideo.set(r.id, { ...r, firstDay: r.day });
    else byVideo.set(r.id, { ...(r.day >= prev.day ? r : prev), firstDay: r.day < prev.firstDay ? r.day : prev.firstDay });
  }
  return [...byVideo.values()];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

type Org = Awaited<ReturnType<typeof createOrg>>;
/** Has both files; `youtubeOnly` has the YouTube file alone, so its latest data is October 2017. */
let brand: Org;
let youtubeOnly: Org;
const youtube = youtubeRows();
const videos = latestPerVideo(youtube);
const instagramRows = Papa.parse<Record<string, string>>(fs.readFileSync(INSTAGRAM, 'utf8').replace(/^\uFEFF/, ''), {
  header: true,
  skipEmptyLines: true,
}).data;

beforeAll(async () => {
  [brand, youtubeOnly] = await Promise.all([createOrg(), createOrg()]);
  for (const org of [brand, youtubeOnly])
    await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: YOUTUBE, mapping: youtubeMapping } });
  await importFile({ ctx: system, input: { orgSlug: brand.org.slug, filePath: INSTAGRAM, mapping: instagramMapping } });
}, 120_000);

describe('overview', () => {
  it('defaults to the 30 days up to the latest data and totals the latest values of the posts in it', async () => {
    const overview = await getOverview({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, period: {} } });
    expect(overview.period).toMatchObject({ from: '2017-09-12', to: '2017-10-11', days: 30, preset: '30d' });
    const inPeriod = videos.filter((v) => v.firstDay >= '2017-09-12' && v.firstDay <= '2017-10-11');
    expect(overview.current.posts).toBe(inPeriod.length);
    expect(overview.current.views.value).toBe(inPeriod.reduce((s, v) => s + v.views, 0));
    const engagements = inPeriod.reduce((s, v) => s + v.likes + v.comments, 0);
    expect(overview.current.engagements.value).toBe(engagements);
    // The file has no shares or saves: engagements are known but say what they lack.
    expect(overview.current.engagementRate.value).toBeCloseTo(engagements / inPeriod.reduce((s, v) => s + v.views, 0), 12);
    // Nothing before September 12: the previous period is empty, shown as unknown, not 0.
    expect(overview.previous.posts).toBe(0);
    expect(overview.previous.views.value).toBeNull();
    // No reach, no spend in these files: unknown with a reason.
    expect(overview.current.reach.value).toBeNull();
    expect(overview.current.roi.value).toBeNull();
    expect(overview.current.roi.reason).toBeTruthy();
    const top = [...inPeriod].sort((a, b) => b.likes + b.comments - (a.likes + a.comments))[0];
    expect(overview.topPosts[0]).toMatchObject({ title: top.title, engagements: top.likes + top.comments, dateIsPublishTime: false });
  });

  it('takes a custom range and a day-by-day trend from the URL parameters', async () => {
    const overview = await getOverview({
      ctx: ctxOf(youtubeOnly.owner),
      input: { orgSlug: youtubeOnly.org.slug, period: { from: '2017-09-20', to: '2017-09-26' } },
    });
    expect(overview.period).toMatchObject({ preset: 'custom', days: 7, previous: { from: '2017-09-13', to: '2017-09-19' } });
    const firstOn = (d: string) => videos.filter((v) => v.firstDay === d);
    const day = overview.trend.find((t) => t.day === '2017-09-21')!;
    expect(day.posts).toBe(firstOn('2017-09-21').length);
    expect(day.views).toBe(firstOn('2017-09-21').reduce((s, v) => s + v.views, 0));
    const prev = videos.filter((v) => v.firstDay >= '2017-09-13' && v.firstDay <= '2017-09-19');
    expect(overview.previous.views.value).toBe(prev.reduce((s, v) => s + v.views, 0));
  });

  it('refuses a reversed range with a message that says what is wrong', async () => {
    await expect(
      getOverview({
        ctx: ctxOf(youtubeOnly.owner),
        input: { orgSlug: youtubeOnly.org.slug, period: { from: '2017-10-01', to: '2017-09-01' } },
      }),
    ).rejects.toThrow(/starts after it ends/);
  });

  it('is not readable by another organization', async () => {
    const other = await createOrg();
    await expect(getOverview({ ctx: ctxOf(other.owner), input: { orgSlug: youtubeOnly.org.slug, period: {} } })).rejects.toThrow(
      /not found/i,
    );
  });
});

describe('roster', () => {
  it('sorts by followers and shows the reported engagement rate of an Instagram account', async () => {
    const roster = await listRoster({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query: {} } });
    expect(roster.rows[0]).toMatchObject({
      name: 'cristiano',
      followers: 475_800_000,
      tier: 'mega',
      engagementRate: 0.0139,
      engagementRateBasis: 'reported',
      country: 'Spain',
    });
    // Every channel of the file (a video can appear under two channel spellings) and every Instagram row.
    expect(roster.total).toBe(new Set(youtube.map((v) => v.channel)).size + instagramRows.length);
    expect(roster.rows).toHaveLength(25);
  });

  it("computes a YouTube channel's engagement rate as the median of engagements ÷ views over its videos", async () => {
    const counts = new Map<string, number>();
    for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
    const [channel] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const mine = videos.filter((v) => v.channel === channel);
    const roster = await listRoster({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } },
    });
    const row = roster.rows.find((r) => r.accounts.some((a) => a.handle === channel))!;
    expect(row.engagementRateBasis).toBe('views');
    expect(row.engagementRate).toBeCloseTo(median(mine.map((v) => (v.likes + v.comments) / v.views)), 12);
    expect(row.medianViews).toBe(median(mine.map((v) => v.views)));
    expect(row.followers).toBeNull();
  });

  it('filters by platform, country, tier and engagement rate, with the filters validated', async () => {
    const list = (query: Record<string, string>) => listRoster({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query } });
    const csv = instagramRows;
    const spain = csv.filter((r) => r.country === 'Spain');
    expect((await list({ platform: 'instagram', country: 'spain' })).total).toBe(spain.length);
    const highEr = csv.filter((r) => r['60d_eng_rate'] !== 'NaN' && parseFloat(r['60d_eng_rate']) >= 5);
    expect((await list({ platform: 'instagram', minEr: '5' })).total).toBe(highEr.length);
    const mega = await list({ tier: 'mega', sort: 'name', dir: 'asc' });
    expect(mega.rows.every((r) => r.followers! >= 1_000_000)).toBe(true);
    await expect(list({ minFollowers: 'many' })).rejects.toThrow(/minFollowers/);
  });
});
