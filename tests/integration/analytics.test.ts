import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { collaborations, conversions, influencers, orgPosts, socialAccounts, users } from '@/db/schema';
import { addBenchmarkAccount, getBenchmarks } from '@/lib/analytics/benchmarks';
import { compareInfluencers } from '@/lib/analytics/compare-influencers';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { engagementConcentrationSignal, peerSignal } from '@/lib/metrics/credibility';
import { getOverview } from '@/lib/analytics/get-overview';
import { getPostDrilldown } from '@/lib/analytics/get-post-drilldown';
import { listRoster, rosterQuerySchema, rosterSql, toRosterRow } from '@/lib/analytics/list-roster';
import { tierThresholdsOf } from '@/lib/metrics/tier';
import { rowsOf } from '@/db/sql';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { campaignCsv } from '@/lib/exports/campaign-csv';
import { linkPostToCampaign } from '@/lib/campaigns/link-post-to-campaign';
import { scanCampaignKeywords } from '@/lib/campaigns/scan-campaign-keywords';
import { unlinkPostFromCampaign } from '@/lib/campaigns/unlink-post-from-campaign';
import { POSTS_CSV_HEADER, influencerPostsCsv } from '@/lib/exports/posts-csv';
import { ROSTER_CSV_HEADER, rosterCsv } from '@/lib/exports/roster-csv';
import { getOrgHome } from '@/lib/home/get-org-home';
import { importFile } from '@/lib/imports/import-file';
import { approveClaims, createCampaign, createOrg, ctxOf, signUpConfirmed, textOf } from '../factories';
import { latestPerVideo, YOUTUBE, youtubeRows, type Video } from '../youtube-file';
import { systemCtx } from '@/lib/context';

const INSTAGRAM = 'db/seed/data/instagram-top-influencers.csv';
const youtubeMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));
const instagramMapping = JSON.parse(fs.readFileSync('db/seed/mappings/instagram-top-influencers.json', 'utf8'));
const system = systemCtx('test');

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
  it("counts the file's videos as the brand home's posts, one per video however many daily captures it has", async () => {
    const home = await getOrgHome({ ctx: ctxOf(youtubeOnly.viewer), input: { slug: youtubeOnly.org.slug } });
    expect(home.counts.posts).toBe(videos.length);
    expect(videos.length).toBe(new Set(youtube.map((v) => v.id)).size);
  });

  it('defaults to the 30 days up to the latest data and totals the latest values of the posts in it', async () => {
    const overview = await getOverview({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, period: {} } });
    expect(overview.period).toMatchObject({ from: '2017-09-12', to: '2017-10-11', days: 30, preset: '30d' });
    const inPeriod = videos.filter((v) => v.firstDay >= '2017-09-12' && v.firstDay <= '2017-10-11');
    expect(overview.current.posts).toBe(inPeriod.length);
    expect(overview.current.views.value).toBe(inPeriod.reduce((s, v) => s + v.views, 0));
    const engagements = inPeriod.reduce((s, v) => s + v.likes + v.comments, 0);
    expect(overview.current.engagements.value).toBe(engagements);
    // The file has no shares or saves: engagements are known but say what they lack.
    expect(overview.current.engagements.missing).toEqual(['shares', 'saves']);
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

  it('ranks top influencers by engagements over ranges with and without whole months', async () => {
    // Whole September and October come from the monthly rollup; August 20–31 and the 12-day
    // edges of the second range come from the posts.
    for (const [from, to] of [
      ['2017-08-20', '2017-10-31'],
      ['2017-09-12', '2017-10-11'],
      ['2017-09-01', '2017-09-30'],
    ]) {
      const overview = await getOverview({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, period: { from, to } } });
      const byChannel = new Map<string, { posts: number; engagements: number }>();
      for (const v of videos.filter((x) => x.firstDay >= from && x.firstDay <= to)) {
        const t = byChannel.get(v.channel) ?? { posts: 0, engagements: 0 };
        byChannel.set(v.channel, { posts: t.posts + 1, engagements: t.engagements + v.likes + v.comments });
      }
      const expected = [...byChannel.values()].sort((a, b) => b.engagements - a.engagements).slice(0, 10);
      expect(overview.topInfluencers.map((i) => i.engagements)).toEqual(expected.map((e) => e.engagements));
      expect(overview.topInfluencers.map((i) => i.posts)).toEqual(expected.map((e) => e.posts));
    }
  });

  it("sums each account's follower change between captures, also when an older capture is imported later", async () => {
    const org = await createOrg();
    await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: INSTAGRAM, mapping: instagramMapping } });
    const parseCount = (v: string) => Math.round(Number(v.slice(0, -1)) * { k: 1e3, m: 1e6, b: 1e9 }[v.slice(-1) as 'k' | 'm' | 'b']);
    const atFile = (handle: string) => parseCount(instagramRows.find((r) => r.channel_info === handle)!.followers);
    const mapping = {
      version: 1,
      kind: 'account',
      columns: { handle: 'handle', followers: 'followers', capturedAt: 'captured_at' },
      constants: { platform: 'instagram' },
    } as const;
    const later = { cristiano: atFile('cristiano') + 200_000, kyliejenner: atFile('kyliejenner') - 50_000 };
    const importRows = async (name: string, rows: string[]) => {
      const file = path.join(os.tmpdir(), `${name}-${org.org.slug}.csv`);
      fs.writeFileSync(file, ['handle,followers,captured_at', ...rows].join('\n'));
      await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: file, mapping } });
    };
    await importRows('later', [
      `cristiano,${later.cristiano},2022-01-20T09:00:00Z`,
      `kyliejenner,${later.kyliejenner},2022-01-25T09:00:00Z`,
    ]);
    const growth = async (from: string, to: string) =>
      (await getOverview({ ctx: ctxOf(org.owner), input: { orgSlug: org.org.slug, period: { from, to } } })).current.followerGrowth;
    // January 10–31: the two later captures, each against the file's count of January 1.
    expect(await growth('2022-01-10', '2022-01-31')).toMatchObject({ value: 200_000 - 50_000, captures: 2 });
    // Only first captures on January 1: no change known yet, shown as unknown, not 0.
    expect((await growth('2021-12-01', '2022-01-05')).value).toBeNull();
    // An earlier capture of cristiano imported afterwards gives January 1 a change too.
    await importRows('earlier', ['cristiano,474000000,2021-12-20T09:00:00Z']);
    expect(await growth('2021-12-01', '2022-01-05')).toMatchObject({ value: atFile('cristiano') - 474_000_000, captures: 1 });
    expect(await growth('2021-12-01', '2022-01-31')).toMatchObject({ value: later.cristiano - 474_000_000 - 50_000, captures: 3 });
    // Re-importing a file changes nothing.
    await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: INSTAGRAM, mapping: instagramMapping } });
    expect(await growth('2021-12-01', '2022-01-31')).toMatchObject({ value: later.cristiano - 474_000_000 - 50_000, captures: 3 });
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
    // The filter menus: each country of the file once (its mojibake repaired, `NaN` unknown), no category in either file.
    const byName = (xs: string[]) => [...xs].sort((a, b) => a.localeCompare(b));
    const countries = new Set(
      instagramRows
        .filter((r) => r.country !== 'NaN')
        .map((r) => (r.country.includes('Ã') ? Buffer.from(r.country, 'latin1').toString('utf8') : r.country)),
    );
    expect(countries.has("Côte d'Ivoire")).toBe(true);
    expect(byName(roster.options.countries)).toEqual(byName([...countries]));
    expect(roster.options.categories).toEqual([]);
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

  it('pages through the roster in the order of the whole list (the export), ties and unknown values included', async () => {
    const db = await getDb();
    const thresholds = tierThresholdsOf(brand.org);
    for (const query of [
      { platform: 'instagram', sort: 'engagementRate', dir: 'desc' },
      { platform: 'instagram', sort: 'growth', dir: 'asc' },
      { sort: 'name', dir: 'asc', minFollowers: '1000000' },
    ] as const) {
      const whole = rowsOf<Record<string, unknown>>(
        await db.execute(rosterSql(brand.org.id, rosterQuerySchema.parse(query), thresholds, null)),
      ).map((r) => toRosterRow(r, thresholds));
      const first = await listRoster({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query } });
      expect([first.total, first.pageCount]).toEqual([whole.length, Math.ceil(whole.length / 25)]);
      expect(first.pageCount).toBeGreaterThan(1);
      const paged = [...first.rows];
      for (let page = 2; page <= first.pageCount; page++)
        paged.push(
          ...(await listRoster({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: { ...query, page: String(page) } } }))
            .rows,
        );
      expect(paged).toEqual(whole);
    }
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

describe('influencer page, post drilldown and compare', () => {
  const busiest = () => {
    const counts = new Map<string, number>();
    for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  };
  const influencerOf = async (org: Org, handle: string) => {
    const roster = await listRoster({ ctx: ctxOf(org.owner), input: { orgSlug: org.org.slug, query: { q: handle, platform: 'youtube' } } });
    return roster.rows.find((r) => r.accounts.some((a) => a.handle === handle))!.influencerId;
  };

  it('shows the median engagement rate per media type and the posts of one influencer', async () => {
    const [channel] = busiest();
    const mine = videos.filter((v) => v.channel === channel);
    const id = await influencerOf(youtubeOnly, channel);
    const page = await getInfluencerAnalytics({
      ctx: ctxOf(youtubeOnly.viewer),
      input: { orgSlug: youtubeOnly.org.slug, influencerId: id },
    });
    expect(page.postCount).toBe(mine.length);
    expect(page.content.byMediaType).toEqual([
      {
        key: 'video',
        posts: mine.length,
        medianEngagementRate: expect.closeTo(median(mine.map((v) => (v.likes + v.comments) / v.views)), 12),
      },
    ]);
    // The file has no publish times: weekday and hour are not guessed from capture days.
    expect(page.content.postsWithPublishTime).toBe(0);
    expect(page.content.byWeekday).toEqual([]);
    const newest = page.posts[0];
    const expectedNewest = [...mine].sort((a, b) => b.firstDay.localeCompare(a.firstDay) || 0)[0];
    expect(newest.postDate.slice(0, 10)).toBe(expectedNewest.firstDay);
    // Credibility signals on the real file: engagement concentration equals a recomputation from the
    // file's latest likes + comments per video; follower growth is not judged (the file has no followers).
    const [account] = page.accounts;
    expect(account.signals.concentration).toEqual(engagementConcentrationSignal(mine.map((v) => v.likes + v.comments)));
    expect(account.signals.concentration).toMatchObject({ status: 'ok', posts: mine.length });
    expect(account.signals.growth).toEqual({ status: 'insufficient', needed: 'follower counts on 15 days', have: '0 days' });
    // The roster and discovery carry the same concentration (from the rollup), and filter on it.
    const signal = engagementConcentrationSignal(mine.map((v) => v.likes + v.comments));
    if (signal.status !== 'ok') throw new Error('expected a judged account');
    const list = (credibility?: 'flagged' | 'clear') =>
      listRoster({
        ctx: ctxOf(youtubeOnly.viewer),
        input: { orgSlug: youtubeOnly.org.slug, query: { q: channel, platform: 'youtube', credibility } },
      }).then((r) => r.rows.filter((x) => x.influencerId === id));
    const [row] = await list();
    expect(row.concentration.cv).toBeCloseTo(signal.coefficientOfVariation, 9);
    expect(row.concentration.severity).toBe(signal.severity);
    expect(await list(signal.severity ? 'flagged' : 'clear')).toHaveLength(1);
    expect(await list(signal.severity ? 'clear' : 'flagged')).toHaveLength(0);
  });

  it("puts an Instagram account's engagement rate against the file's other accounts of its tier", async () => {
    const roster = await listRoster({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query: { q: 'kyliejenner' } } });
    const page = await getInfluencerAnalytics({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, influencerId: roster.rows[0].influencerId },
    });
    const { signals } = page.accounts[0];
    // Recomputed from the file: every other row with at least 1,000,000 followers (mega, the top tier), its 60-day rate.
    const count = (v: string) => Math.round(Number(v.slice(0, -1)) * { k: 1e3, m: 1e6, b: 1e9 }[v.slice(-1) as 'k' | 'm' | 'b']);
    const rate = (v: string) => (v && v !== '-' ? Number(v.replace('%', '')) / 100 : null);
    const peers = instagramRows
      .filter((r) => r.channel_info !== 'kyliejenner' && count(r.followers) >= 1_000_000)
      .map((r) => rate(r['60d_eng_rate']));
    expect(signals.band).toEqual({ platform: 'instagram', tier: 'mega', min: 1_000_000, max: null });
    expect(signals.engagementRate).toEqual(peerSignal(0.0162, peers));
    expect(signals.engagementRate).toMatchObject({ status: 'ok', band: { peers: peers.filter((p) => p !== null && p > 0).length } });
    // The file has no posts: comments per like is not judged.
    expect(signals.commentsPerLike).toEqual({ status: 'insufficient', needed: 'a value above 0', have: 'none' });
  });

  it("drills into a post's snapshot history with each value's provenance", async () => {
    const rows = youtube.filter((r) => r.id === videos.find((v) => youtube.filter((x) => x.id === v.id).length >= 5)!.id);
    const id = await influencerOf(youtubeOnly, rows[0].channel);
    const page = await getInfluencerAnalytics({
      ctx: ctxOf(youtubeOnly.owner),
      input: { orgSlug: youtubeOnly.org.slug, influencerId: id },
    });
    const post = page.posts.find((p) => p.title === rows[0].title) ?? page.posts[0];
    const drill = await getPostDrilldown({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, postId: post.postId } });
    const mineRows = youtube
      .filter((r) => r.title === drill.post.title && r.channel === rows[0].channel)
      .sort((a, b) => a.day.localeCompare(b.day));
    expect(drill.snapshots.map((s) => [s.capturedAt.slice(0, 10), s.views])).toEqual(mineRows.map((r) => [r.day, r.views]));
    expect(drill.snapshots[0]).toMatchObject({
      provenance: 'csv',
      shares: null,
      reach: null,
      source: { fileName: 'youtube-trending-us-2017-09.csv' },
    });
    expect(drill.post.publishedAt).toBeNull();
    // Another organization cannot open it.
    const other = await createOrg();
    await expect(getPostDrilldown({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, postId: post.postId } })).rejects.toThrow(
      /not found/i,
    );
  });

  it('compares influencers side by side with cost efficiency from the rate card', async () => {
    const [a, b] = busiest();
    const ids = [await influencerOf(youtubeOnly, a), await influencerOf(youtubeOnly, b)];
    const db = await getDb();
    await db.update(influencers).set({ rateMinor: 500_000, rateCurrency: 'USD' }).where(eq(influencers.id, ids[0]));
    const result = await compareInfluencers({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, ids } });
    const mineA = videos.filter((v) => v.channel === a);
    expect(result.influencers[0].fee).toEqual({ minor: 500_000, currency: 'USD', source: 'rate card' });
    expect(result.influencers[0].costPerThousandViews.value).toBeCloseTo((500_000 / median(mineA.map((v) => v.views))) * 1000, 6);
    expect(result.influencers[1].fee).toBeNull();
    expect(result.influencers[1].costPerThousandViews.value).toBeNull();
    await expect(
      compareInfluencers({
        ctx: ctxOf(youtubeOnly.owner),
        input: { orgSlug: youtubeOnly.org.slug, ids: [...ids, ...ids.map(() => crypto.randomUUID()), crypto.randomUUID()] },
      }),
    ).rejects.toThrow(/at most 4/);
  });
});

describe('campaign report', () => {
  it('computes spend, ROI, ROAS, CPE and goal progress from fees, linked posts and conversions set here', async () => {
    const db = await getDb();
    const campaign = await createCampaign({
      orgId: youtubeOnly.org.id,
      name: 'Pilot',
      currency: 'USD',
      budgetMinor: 5_000_000,
      startsOn: '2017-09-13',
      endsOn: '2017-10-11',
      goals: { views: 100_000_000, conversions: 100 },
      trackingKeywords: ['back to school'],
    });
    const channels = [...new Set(videos.map((v) => v.channel))].slice(0, 2);
    const chosen = channels.map((c) => videos.filter((v) => v.channel === c));
    const ids: string[] = [];
    for (const [n, c] of channels.entries()) {
      const id = (
        await listRoster({ ctx: ctxOf(youtubeOnly.owner), input: { orgSlug: youtubeOnly.org.slug, query: { q: c, platform: 'youtube' } } })
      ).rows.find((r) => r.accounts.some((a) => a.handle === c))!.influencerId;
      ids.push(id);
      await db
        .insert(collaborations)
        .values({ campaignId: campaign.id, influencerId: id, agreedFeeMinor: [300_000, 200_000][n], currency: 'USD' });
      const page = await getInfluencerAnalytics({
        ctx: ctxOf(youtubeOnly.owner),
        input: { orgSlug: youtubeOnly.org.slug, influencerId: id },
      });
      for (const p of page.posts)
        await linkPostToCampaign({
          ctx: ctxOf(youtubeOnly.manager),
          input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id, postId: p.postId },
        });
    }
    await db.insert(conversions).values(
      Array.from({ length: 30 }, (_, i) => ({
        orgId: youtubeOnly.org.id,
        campaignId: campaign.id,
        influencerId: ids[i % 2],
        externalId: `order-${i}`,
        occurredAt: new Date('2017-09-20T12:00:00Z'),
        revenueMinor: 25_000,
        currency: 'USD',
        provenance: 'manual' as const,
      })),
    );
    const report = await getCampaignReport({
      ctx: ctxOf(youtubeOnly.viewer),
      input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id },
    });
    const views = chosen.flat().reduce((s, v) => s + v.views, 0);
    const engagements = chosen.flat().reduce((s, v) => s + v.likes + v.comments, 0);
    expect(report.spendMinor).toBe(500_000);
    expect(report.totals).toMatchObject({
      posts: chosen.flat().length,
      views,
      engagements,
      conversions: 30,
      revenueMinor: 750_000,
      reach: null,
    });
    expect(report.metrics.roi.value).toBeCloseTo((750_000 - 500_000) / 500_000, 12);
    expect(report.metrics.roas.value).toBeCloseTo(1.5, 12);
    expect(report.metrics.cpe.value).toBeCloseTo(500_000 / engagements, 12);
    expect(report.metrics.cpm.value).toBeNull();
    expect(report.budgetUsed.value).toBeCloseTo(0.1, 12);
    expect(report.goals).toEqual([
      { key: 'views', target: 100_000_000, actual: views, progress: views / 100_000_000 },
      { key: 'conversions', target: 100, actual: 30, progress: 0.3 },
    ]);
    const first = report.influencers.find((i) => i.influencerId === ids[0])!;
    expect(first.feeMinor).toBe(300_000);
    expect(first.roi.value).toBeCloseTo((15 * 25_000 - 300_000) / 300_000, 12);
    const firstViews = chosen[0].reduce((s, v) => s + v.likes + v.comments, 0);
    expect(first.share.engagements).toBeCloseTo(firstViews / engagements, 12);

    // The CSV: a byte-order mark for Excel, and the CPE the page shows, not rounded to cents.
    const csv = await textOf(
      (await campaignCsv({ ctx: ctxOf(youtubeOnly.viewer), input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id } })).chunks,
    );
    expect(csv.startsWith('\uFEFF# summary\r\nmetric,value,unit,formula\r\n')).toBe(true);
    const cpe = csv
      .split('\r\n')
      .find((l) => l.startsWith('cpe,'))!
      .split(',');
    expect(cpe.slice(0, 3)).toEqual(['cpe', String(report.metrics.cpe.value! / 100), 'USD']);
    expect(Number(cpe[1])).toBeLessThan(0.01);
    expect(csv.split('\r\n')).toContain('spend,5000.00,USD,Σ agreed fees of collaborations on campaigns running in the period');
  });

  it('proposes posts mentioning a keyword within the campaign dates for review, and keeps a rejection', async () => {
    const campaign = await createCampaign({
      orgId: youtubeOnly.org.id,
      name: 'Keywords',
      startsOn: '2017-09-13',
      endsOn: '2017-10-11',
      trackingKeywords: ['back to school'],
    });
    const n = await scanCampaignKeywords({
      ctx: ctxOf(youtubeOnly.manager),
      input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id },
    });
    // A title containing the keyword, or a tag equal to it.
    const matches = (v: Video) =>
      v.title.toLowerCase().includes('back to school') || v.tags.some((t) => t.replace(/^#/, '').toLowerCase() === 'back to school');
    const expected = new Set(youtube.filter(matches).map((v) => v.id));
    expect(n).toBe(expected.size);
    const report = await getCampaignReport({
      ctx: ctxOf(youtubeOnly.owner),
      input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id },
    });
    expect(report.proposed).toHaveLength(n);
    expect(report.totals.posts).toBe(0);
    await unlinkPostFromCampaign({
      ctx: ctxOf(youtubeOnly.manager),
      input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id, postId: report.proposed[0].postId },
    });
    expect(
      await scanCampaignKeywords({ ctx: ctxOf(youtubeOnly.manager), input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id } }),
    ).toBe(0);
    await expect(
      scanCampaignKeywords({ ctx: ctxOf(youtubeOnly.viewer), input: { orgSlug: youtubeOnly.org.slug, campaignId: campaign.id } }),
    ).rejects.toThrow(/can read but not change/);
  });
});

describe('CSV exports', () => {
  const read = textOf;

  it('exports the filtered roster with documented headers', async () => {
    const { chunks } = await rosterCsv({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { platform: 'instagram', country: 'Spain' } },
    });
    const rows = Papa.parse<string[]>(await read(chunks), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(ROSTER_CSV_HEADER);
    expect(rows).toHaveLength(1 + instagramRows.filter((r) => r.country === 'Spain').length);
    expect(rows[1]).toEqual(expect.arrayContaining(['cristiano', 'instagram:@cristiano', '475800000', '0.0139', 'reported']));
  });

  it('neutralises a post title that would run as a spreadsheet formula', async () => {
    const db = await getDb();
    const [post] = await db
      .select({ id: orgPosts.postId, influencerId: socialAccounts.influencerId })
      .from(orgPosts)
      .innerJoin(socialAccounts, eq(socialAccounts.id, orgPosts.socialAccountId))
      .where(eq(orgPosts.orgId, youtubeOnly.org.id))
      .limit(1);
    await db
      .update(orgPosts)
      .set({ title: '=HYPERLINK("http://evil.example","click")' })
      .where(and(eq(orgPosts.postId, post.id), eq(orgPosts.orgId, youtubeOnly.org.id)));
    const { chunks } = await influencerPostsCsv({
      ctx: ctxOf(youtubeOnly.owner),
      input: { orgSlug: youtubeOnly.org.slug, influencerId: post.influencerId },
    });
    const rows = Papa.parse<string[]>(await read(chunks), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(POSTS_CSV_HEADER);
    const row = rows.find((r) => r[0] === post.id)!;
    expect(row[3]).toBe('\'=HYPERLINK("http://evil.example","click")');
  });
});

describe('benchmarks', () => {
  it('puts tracked rival accounts side by side over the same period; only accounts in the data can be added', async () => {
    const [a, b] = [...new Set(videos.map((v) => v.channel))].slice(0, 2);
    await addBenchmarkAccount({
      ctx: ctxOf(youtubeOnly.manager),
      input: { orgSlug: youtubeOnly.org.slug, platform: 'youtube', handle: a, kind: 'own' },
    });
    await addBenchmarkAccount({
      ctx: ctxOf(youtubeOnly.manager),
      input: { orgSlug: youtubeOnly.org.slug, platform: 'youtube', handle: `@${b.toUpperCase()}`, kind: 'competitor' },
    });
    const result = await getBenchmarks({ ctx: ctxOf(youtubeOnly.viewer), input: { orgSlug: youtubeOnly.org.slug, period: {} } });
    expect(result.rows.map((r) => [r.handle, r.kind])).toEqual([
      [a, 'own'],
      [b, 'competitor'],
    ]);
    const mine = videos.filter((v) => v.channel === a);
    expect(result.rows[0].posts).toBe(mine.length);
    expect(result.rows[0].engagementRate).toBeCloseTo(median(mine.map((v) => (v.likes + v.comments) / v.views)), 12);
    // No follower counts in a trending export: growth is unknown, with the reason.
    expect(result.rows[0].growth.absolute.value).toBeNull();
    expect(result.rows[0].growth.absolute.reason).toMatch(/unknown/);
    await expect(
      addBenchmarkAccount({
        ctx: ctxOf(youtubeOnly.manager),
        input: { orgSlug: youtubeOnly.org.slug, platform: 'youtube', handle: 'not-in-the-data', kind: 'competitor' },
      }),
    ).rejects.toThrow(/not-in-the-data is in your data yet|No youtube account @not-in-the-data/);
    await expect(
      addBenchmarkAccount({
        ctx: ctxOf(youtubeOnly.viewer),
        input: { orgSlug: youtubeOnly.org.slug, platform: 'youtube', handle: a, kind: 'own' },
      }),
    ).rejects.toThrow(/can read but not change/);
  });
});

describe('creator workspace', () => {
  it("gives an influencer the brand views over their own imports, never a brand's data", async () => {
    // A YouTube channel of the file nobody has claimed yet (the brand orgs above imported it).
    const counts = new Map<string, number>();
    for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
    const db = await getDb();
    const unclaimed = await db
      .select({ handle: socialAccounts.handle })
      .from(socialAccounts)
      .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
      .where(and(eq(socialAccounts.platform, 'youtube'), isNull(influencers.userId)));
    const channel = unclaimed
      .map((a) => a.handle)
      .filter((h) => /^[a-z0-9._-]+$/.test(h)) // handles a person can type at sign-up
      .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b))[0];
    const signedUp = await signUpConfirmed({
      role: 'influencer',
      name: `Creator ${channel}`,
      email: `creator-${Math.random().toString(36).slice(2)}@test.example`,
      password: 'correct horse battery staple',
      platform: 'youtube',
      handle: channel,
    });
    const [user] = await db.select().from(users).where(eq(users.id, signedUp.userId));
    await approveClaims(user);
    const creator = ctxOf(user);
    const input = { orgSlug: signedUp.orgSlug!, influencerId: signedUp.influencerId! };
    // The workspace exists from sign-up, with the creator's profile on it — but no data: the
    // brands' imports of the same channel stay theirs.
    const before = await getInfluencerAnalytics({ ctx: creator, input });
    expect(before.access.org.kind).toBe('creator');
    expect(before.access.role).toBe('owner');
    expect(before.postCount).toBe(0);
    await expect(getOverview({ ctx: creator, input: { orgSlug: brand.org.slug, period: {} } })).rejects.toThrow(/not found/i);
    await expect(getOverview({ ctx: ctxOf(brand.owner), input: { orgSlug: signedUp.orgSlug!, period: {} } })).rejects.toThrow(/not found/i);
    // After the creator imports the export: the same figures as a brand's influencer page.
    await importFile({ ctx: creator, input: { orgSlug: signedUp.orgSlug!, filePath: YOUTUBE, mapping: youtubeMapping } });
    const mine = videos.filter((v) => v.channel === channel);
    const after = await getInfluencerAnalytics({ ctx: creator, input });
    expect(after.postCount).toBe(mine.length);
    expect(after.content.byMediaType[0].medianEngagementRate).toBeCloseTo(median(mine.map((v) => (v.likes + v.comments) / v.views)), 12);
    const overview = await getOverview({
      ctx: creator,
      input: { orgSlug: signedUp.orgSlug!, period: { from: '2017-09-01', to: '2017-10-31' } },
    });
    // The overview covers the creator's own channel, not every channel of the file they imported.
    expect(overview.current.posts).toBe(mine.length);
    expect(overview.current.views.value).toBe(mine.reduce((s, v) => s + v.views, 0));
    expect(overview.topInfluencers.map((i) => i.influencerId)).toEqual([signedUp.influencerId]);
    expect(overview.topPosts.every((p) => p.handle === channel)).toBe(true);
    expect(overview.trend.reduce((s, d) => s + d.posts, 0)).toBe(mine.length);
  });
});
