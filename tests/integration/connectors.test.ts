import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { DailymotionConnector } from '@/lib/connectors/dailymotion';
import { dailyQuotaGuard, nextPacificMidnight, pacificDay, quotaUsedToday } from '@/lib/connectors/quota';
import { ConnectorError, type QuotaGuard } from '@/lib/connectors/types';
import { YoutubeConnector } from '@/lib/connectors/youtube';
import {
  API_KEY,
  CHANNEL_ID,
  DM_USER,
  DM_VIDEOS,
  VIDEO_IDS,
  requests,
  resetScenario,
  scenario,
  startFakePlatforms,
} from '../connectors/fake-platforms';

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let youtube: YoutubeConnector;
let dailymotion: DailymotionConnector;
const free: QuotaGuard = { spend: async () => {} };

beforeAll(async () => {
  fake = await startFakePlatforms();
  youtube = new YoutubeConnector({ apiKey: API_KEY, baseUrl: fake.youtubeUrl, dailyQuota: 10_000, retryDelayMs: 20 });
  dailymotion = new DailymotionConnector({ baseUrl: fake.dailymotionUrl, retryDelayMs: 20 });
});
afterAll(() => fake.close());
beforeEach(() => resetScenario());

const caught = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );

describe('YouTube connector', () => {
  it('reads the channel by handle, pages the uploads playlist and the videos in batches of 50; never search.list', async () => {
    const result = await youtube.fetchAccount({ handle: 'TrailLab' }, { quota: free, maxPosts: 120 });
    expect(result.profile).toEqual({
      platformAccountId: CHANNEL_ID,
      handle: 'traillab',
      displayName: 'Trail Lab',
      url: 'https://www.youtube.com/@traillab',
      followers: 123_400,
      totalViews: 9_876_543,
      postsCount: 120,
    });
    expect(result.posts).toHaveLength(120);
    expect(result.posts[0]).toMatchObject({
      platformPostId: 'vid00000120',
      title: 'Trail test 120',
      views: 120_000,
      likes: 4_800,
      comments: 360,
      mediaType: 'video',
    });
    expect(result.posts.map((p) => p.platformPostId)).toEqual(VIDEO_IDS);
    // 1 channels.list + 3 playlistItems pages (50, 50, 20) + 3 videos.list batches.
    expect(result.unitsUsed).toBe(7);
    expect(requests.map((r) => r.path)).toEqual([
      '/youtube/v3/channels',
      ...Array(3).fill('/youtube/v3/playlistItems'),
      ...Array(3).fill('/youtube/v3/videos'),
    ]);
    expect(requests.every((r) => r.query.key === API_KEY)).toBe(true);
    expect(requests.filter((r) => r.path.endsWith('/videos')).map((r) => r.ids.length)).toEqual([50, 50, 20]);
  });

  it('reports deleted videos instead of inventing their numbers, and follows a renamed handle by channel id', async () => {
    scenario.deleted.add('vid00000119');
    scenario.handle = 'traillabs';
    const missing = await caught(youtube.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 5 }));
    expect(missing).toMatchObject({ kind: 'not_found', message: 'No YouTube channel @traillab' });
    const result = await youtube.fetchAccount({ platformAccountId: CHANNEL_ID, handle: 'traillab' }, { quota: free, maxPosts: 5 });
    expect(result.profile.handle).toBe('traillabs');
    expect(result.posts.map((p) => p.platformPostId)).toEqual(['vid00000120', 'vid00000118', 'vid00000117', 'vid00000116']);
    expect(result.unavailablePostIds).toEqual(['vid00000119']);
  });

  it('retries a 429 and then succeeds', async () => {
    scenario.youtube429 = 1;
    const result = await youtube.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 1 });
    expect(result.profile.followers).toBe(123_400);
    expect(requests.filter((r) => r.path === '/youtube/v3/channels')).toHaveLength(2);
  });

  it('the quota guard stops before the budget is exceeded and says when it resets', async () => {
    const db = await getDb();
    const now = new Date('2026-03-10T20:00:00Z');
    const guard = dailyQuotaGuard(db, 'youtube', 5, () => now);
    const error = await caught(youtube.fetchAccount({ handle: 'traillab' }, { quota: guard, maxPosts: 120 }));
    expect(error).toMatchObject({ kind: 'quota_exhausted' });
    expect(error!.retryAt!.toISOString()).toBe('2026-03-11T07:00:00.000Z');
    // Five units were spent on five calls; the sixth was refused before it was made.
    expect(await quotaUsedToday(db, 'youtube', now)).toBe(5);
    expect(requests).toHaveLength(5);
  });

  it('maps the API’s own quotaExceeded to "quota exhausted"; without a key it is not configured', async () => {
    scenario.youtubeQuotaExceeded = true;
    const error = await caught(youtube.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 1 }));
    expect(error).toMatchObject({ kind: 'quota_exhausted', message: 'YouTube quota exhausted for today' });
    const unconfigured = new YoutubeConnector({ baseUrl: fake.youtubeUrl, dailyQuota: 10_000 });
    expect(unconfigured.configuration()).toEqual({ configured: false, variable: 'YOUTUBE_API_KEY' });
    expect(await caught(unconfigured.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 1 }))).toMatchObject({
      kind: 'not_configured',
    });
  });
});

describe('Dailymotion connector', () => {
  it('reads the user and pages the videos newest first, asking only for the fields it uses', async () => {
    const result = await dailymotion.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 130 });
    expect(result.profile).toEqual({
      platformAccountId: DM_USER.id,
      handle: 'traillab',
      displayName: 'Trail Lab',
      url: 'https://www.dailymotion.com/traillab',
      followers: 4821,
      totalViews: 1_203_345,
      postsCount: 130,
    });
    expect(result.posts).toHaveLength(130);
    expect(result.posts[0]).toMatchObject({
      platformPostId: DM_VIDEOS[0].id,
      views: DM_VIDEOS[0].views_total,
      likes: DM_VIDEOS[0].likes_total,
      comments: null,
    });
    expect(result.posts[0].publishedAt!.toISOString()).toBe(new Date(DM_VIDEOS[0].created_time * 1000).toISOString());
    const pages = requests.filter((r) => r.path.endsWith('/videos'));
    expect(pages.map((r) => r.query.page)).toEqual(['1', '2']);
    expect(pages[0].query.fields).toBe('id,title,created_time,views_total,likes_total,url');
  });

  it('a missing user is "not found"; a 429 is retried', async () => {
    expect(await caught(dailymotion.fetchAccount({ handle: 'nobody' }, { quota: free, maxPosts: 5 }))).toMatchObject({
      kind: 'not_found',
      message: 'No Dailymotion user nobody',
    });
    scenario.dailymotion429 = 1;
    const result = await dailymotion.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 5 });
    expect(result.posts).toHaveLength(5);
    // The first answer was a 429; the client retried once.
    expect(requests.filter((r) => r.path === '/dm/user/traillab')).toHaveLength(2);
  });
});

describe('unreachable platforms', () => {
  it('say so in words, without the request URL, and when to try again', async () => {
    const closed = new DailymotionConnector({ baseUrl: 'http://127.0.0.1:9/dm', retryDelayMs: 10 });
    const error = await caught(closed.fetchAccount({ handle: 'traillab' }, { quota: free, maxPosts: 1 }));
    expect(error).toMatchObject({ kind: 'unavailable', message: 'Dailymotion could not be reached (ECONNREFUSED)' });
    expect(error!.retryAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('quota days', () => {
  it('run midnight to midnight Pacific time', () => {
    expect(pacificDay(new Date('2026-11-21T07:59:00Z'))).toBe('2026-11-20');
    expect(pacificDay(new Date('2026-11-21T08:00:00Z'))).toBe('2026-11-21');
    expect(nextPacificMidnight(new Date('2026-11-21T10:00:00Z')).toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(nextPacificMidnight(new Date('2026-07-01T10:00:00Z')).toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });
});
