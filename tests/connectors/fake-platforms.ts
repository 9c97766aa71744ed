import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { googleAccessTokens } from './fake-google';

/**
 * A local stand-in for the YouTube Data API v3 and Dailymotion's REST API, answering with bodies
 * shaped as their references document them (list responses with `kind`, `etag`, `pageInfo`,
 * `nextPageToken`; Google's error envelope; Dailymotion's `list` / `has_more` pages and error
 * object). Tests change `scenario` to script quota exhaustion, 429s, deleted videos and renames.
 */

export const API_KEY = 'test-youtube-key';

/** Channel UCtrail00000000000000001 "Trail Lab": 120 uploads, newest first (v120 … v001). */
export const CHANNEL_ID = 'UCtrail00000000000000001';
const UPLOADS_ID = 'UUtrail00000000000000001';
export const VIDEO_IDS = Array.from({ length: 120 }, (_, i) => `vid${String(120 - i).padStart(8, '0')}`);
export const DM_USER = {
  id: 'x2trail',
  username: 'traillab',
  screenname: 'Trail Lab',
  url: 'https://www.dailymotion.com/traillab',
  followers_total: 4821,
  views_total: 1203345,
  videos_total: 130,
};
export const DM_VIDEOS = Array.from({ length: 130 }, (_, i) => ({
  id: `x8v${String(130 - i).padStart(4, '0')}`,
  title: `Trail video ${130 - i}`,
  created_time: 1_760_000_000 - i * 86_400,
  views_total: 1000 + (130 - i) * 10,
  likes_total: 50 + (130 - i),
  url: `https://www.dailymotion.com/video/x8v${String(130 - i).padStart(4, '0')}`,
}));

export type Scenario = {
  /** The channel's handle as `forHandle` knows it (a rename changes it). */
  handle: string;
  /** The channel's id (a test file sharing a Postgres database with another uses its own channel). */
  channelId: string;
  /** Videos listed in the uploads playlist but no longer served by videos.list. */
  deleted: Set<string>;
  /** Answer the next N YouTube requests with 429 (then serve normally). */
  youtube429: number;
  /** Answer every YouTube request with 403 quotaExceeded. */
  youtubeQuotaExceeded: boolean;
  /** Answer the next N Dailymotion requests with 429. */
  dailymotion429: number;
  /** Subscriber count and view counts grow by this much per request round (a later refresh sees new numbers). */
  bump: number;
  /** The YouTube channel's description and the Dailymotion user's (where a creator puts a verification code). */
  youtubeDescription: string;
  dailymotionDescription: string;
};

/** Every request received: path, query (last value per name) and `ids` (all `id` values, repeated or comma-separated). */
export const requests: { path: string; query: Record<string, string>; ids: string[] }[] = [];

export const scenario: Scenario = {
  handle: 'traillab',
  channelId: CHANNEL_ID,
  deleted: new Set(),
  youtube429: 0,
  youtubeQuotaExceeded: false,
  dailymotion429: 0,
  bump: 0,
  youtubeDescription: 'Gear tests on real trails',
  dailymotionDescription: 'Trail videos every week',
};

export function resetScenario() {
  Object.assign(scenario, {
    handle: 'traillab',
    channelId: CHANNEL_ID,
    deleted: new Set(),
    youtube429: 0,
    youtubeQuotaExceeded: false,
    dailymotion429: 0,
    bump: 0,
    youtubeDescription: 'Gear tests on real trails',
    dailymotionDescription: 'Trail videos every week',
  });
  requests.length = 0;
}

/** The API takes `id` as a comma-separated list; Google's client sends it repeated: accept both. */
function idsOf(q: URLSearchParams): string[] {
  return q
    .getAll('id')
    .flatMap((v) => v.split(','))
    .filter(Boolean);
}

function googleError(res: http.ServerResponse, code: number, reason: string, message: string, domain = 'youtube.quota') {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, errors: [{ message, domain, reason }] } }));
}

function json(res: http.ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function youtube(path: string, q: URLSearchParams, res: http.ServerResponse, authorization?: string) {
  // A connected creator's own channel: `mine=true` with a Google access token (tests/connectors/fake-google.ts).
  if (path === '/youtube/v3/channels' && q.get('mine') === 'true') {
    const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    if (!googleAccessTokens.has(bearer)) return googleError(res, 401, 'authError', 'Invalid Credentials', 'global');
    return json(res, {
      kind: 'youtube#channelListResponse',
      pageInfo: { totalResults: 1, resultsPerPage: 5 },
      items: [{ kind: 'youtube#channel', id: scenario.channelId, snippet: { title: 'Trail Lab', customUrl: `@${scenario.handle}` } }],
    });
  }
  if (q.get('key') !== API_KEY) return googleError(res, 400, 'keyInvalid', 'API key not valid. Please pass a valid API key.', 'global');
  if (scenario.youtubeQuotaExceeded)
    return googleError(
      res,
      403,
      'quotaExceeded',
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    );
  if (scenario.youtube429 > 0) {
    scenario.youtube429--;
    res.writeHead(429, { 'content-type': 'application/json' });
    return res.end(
      JSON.stringify({ error: { code: 429, message: 'Too many requests', errors: [{ reason: 'rateLimitExceeded', domain: 'youtube' }] } }),
    );
  }
  if (path === '/youtube/v3/channels') {
    const found = idsOf(q).includes(scenario.channelId) || q.get('forHandle')?.toLowerCase() === `@${scenario.handle}`;
    return json(res, {
      kind: 'youtube#channelListResponse',
      etag: 'etag-channels',
      pageInfo: { totalResults: found ? 1 : 0, resultsPerPage: 5 },
      ...(found
        ? {
            items: [
              {
                kind: 'youtube#channel',
                etag: 'etag-channel',
                id: scenario.channelId,
                snippet: {
                  title: 'Trail Lab',
                  description: scenario.youtubeDescription,
                  customUrl: `@${scenario.handle}`,
                  publishedAt: '2015-03-02T10:00:00Z',
                },
                contentDetails: { relatedPlaylists: { likes: '', uploads: UPLOADS_ID } },
                statistics: {
                  viewCount: String(9_876_543 + scenario.bump),
                  subscriberCount: String(123_400 + scenario.bump),
                  hiddenSubscriberCount: false,
                  videoCount: '120',
                },
              },
            ],
          }
        : {}),
    });
  }
  if (path === '/youtube/v3/playlistItems') {
    if (q.get('playlistId') !== UPLOADS_ID)
      return googleError(
        res,
        404,
        'playlistNotFound',
        "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
        'youtube.playlistItem',
      );
    const size = Math.min(Number(q.get('maxResults') ?? 5), 50);
    const start = q.get('pageToken') ? Number(q.get('pageToken')!.replace('page-', '')) : 0;
    const slice = VIDEO_IDS.slice(start, start + size);
    const next = start + size < VIDEO_IDS.length ? `page-${start + size}` : undefined;
    return json(res, {
      kind: 'youtube#playlistItemListResponse',
      etag: `etag-items-${start}`,
      ...(next ? { nextPageToken: next } : {}),
      pageInfo: { totalResults: VIDEO_IDS.length, resultsPerPage: size },
      items: slice.map((videoId, i) => ({
        kind: 'youtube#playlistItem',
        etag: `etag-item-${videoId}`,
        id: `PLI${start + i}`,
        contentDetails: { videoId, videoPublishedAt: new Date(Date.UTC(2026, 10, 20) - (start + i) * 86_400_000).toISOString() },
      })),
    });
  }
  if (path === '/youtube/v3/videos') {
    const ids = idsOf(q);
    if (ids.length > 50) return googleError(res, 400, 'invalidFilters', 'Too many ids', 'youtube.parameter');
    const items = ids
      .filter((id) => VIDEO_IDS.includes(id) && !scenario.deleted.has(id))
      .map((id) => {
        const n = Number(id.slice(3));
        return {
          kind: 'youtube#video',
          etag: `etag-${id}`,
          id,
          snippet: {
            publishedAt: new Date(Date.UTC(2026, 10, 20) - (120 - n) * 86_400_000).toISOString(),
            title: `Trail test ${n}`,
            liveBroadcastContent: 'none',
          },
          contentDetails: { duration: 'PT8M12S' },
          statistics: {
            viewCount: String(n * 1000 + scenario.bump),
            likeCount: String(n * 40),
            favoriteCount: '0',
            commentCount: String(n * 3),
          },
        };
      });
    return json(res, {
      kind: 'youtube#videoListResponse',
      etag: 'etag-videos',
      items,
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    });
  }
  googleError(res, 404, 'notFound', 'Not Found', 'global');
}

function dailymotion(path: string, q: URLSearchParams, res: http.ServerResponse) {
  if (scenario.dailymotion429 > 0) {
    scenario.dailymotion429--;
    res.writeHead(429, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ error: { code: 429, message: 'Too many requests', type: 'rate_limit_exceeded' } }));
  }
  const pick = (o: Record<string, unknown>) =>
    Object.fromEntries(
      (q.get('fields') ?? '')
        .split(',')
        .filter((f) => f in o)
        .map((f) => [f, o[f]]),
    );
  const user = path.match(/^\/user\/([^/]+)$/);
  if (user) {
    if (user[1] !== DM_USER.username && user[1] !== DM_USER.id) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ error: { code: 404, message: 'Can not find the object "user" with id "' + user[1] + '"', type: 'not_found' } }),
      );
    }
    return json(
      res,
      pick({ ...DM_USER, description: scenario.dailymotionDescription, followers_total: DM_USER.followers_total + scenario.bump }),
    );
  }
  const videos = path.match(/^\/user\/([^/]+)\/videos$/);
  if (videos && videos[1] === DM_USER.id) {
    const limit = Math.min(Number(q.get('limit') ?? 10), 100);
    const page = Number(q.get('page') ?? 1);
    const list = DM_VIDEOS.slice((page - 1) * limit, page * limit).map((v) => pick(v));
    return json(res, { page, limit, explicit: false, total: DM_VIDEOS.length, has_more: page * limit < DM_VIDEOS.length, list });
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 404, message: 'Not found', type: 'not_found' } }));
}

/** Starts the fake platforms on a free local port. @returns its base URLs and a close function. */
export async function startFakePlatforms(): Promise<{ youtubeUrl: string; dailymotionUrl: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), ids: idsOf(url.searchParams) });
    if (url.pathname.startsWith('/youtube/')) return youtube(url.pathname, url.searchParams, res, req.headers.authorization);
    if (url.pathname.startsWith('/dm/')) return dailymotion(url.pathname.slice(3), url.searchParams, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    youtubeUrl: `http://127.0.0.1:${port}/`,
    dailymotionUrl: `http://127.0.0.1:${port}/dm`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
