import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Business Login for Instagram and the Instagram Graph API (Instagram API with
 * Instagram Login), shaped like Meta's documented samples:
 * - authorization window `GET /oauth/authorize` (approves at once and redirects with `code`, `state`
 *   and the `#_` Instagram appends), code exchange `POST /oauth/access_token` (answers
 *   `{ data: [{ access_token, user_id, permissions }] }`, the business-login guide's sample; a used,
 *   unknown or other-redirect code gets `{ error_type: "OAuthException", code: 400, error_message }`),
 *   long-lived exchange `GET /access_token?grant_type=ig_exchange_token` and refresh
 *   `GET /refresh_access_token?grant_type=ig_refresh_token` (`{ access_token, token_type, expires_in }`);
 *   https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login,
 *   https://developers.facebook.com/docs/instagram-platform/reference/access_token,
 *   https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 * - `GET /v24.0/me` (user_id, username, name, followers_count, follows_count, media_count),
 *   `GET /v24.0/me/media` (`data` + `paging`), `GET /v24.0/<media-id>/insights` (`data` of
 *   `{ name, period, values: [{ value }], title, description, id }`; a metric removed in 2025 —
 *   `impressions`, `plays` — fails the whole request with `(#100)`, as Instagram does), and
 *   `GET /v24.0/me/insights?metric=follower_demographics&breakdown=…` (`total_value.breakdowns[0].results`
 *   of `{ dimension_values, value }`); https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights,
 *   https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 * An invalid or revoked token gets Graph's `{ error: { message, type: "OAuthException", code: 190 } }`.
 */

export const INSTAGRAM_APP_ID = '990602627938098';
const INSTAGRAM_APP_SECRET = 'fake-instagram-app-secret-0123456789';
/** Long-lived tokens last 60 days (5,184,000 s less a little, as Instagram answers). */
const LONG_LIVED_SECONDS = 5_183_944;

/** The professional account the fake signs in: 12,480 followers, three media. */
export const INSTAGRAM_USER = {
  id: '7390215513846720',
  user_id: '17841405822304914',
  username: 'Maya.Trails',
  name: 'Maya Trails',
  followers_count: 12_480,
  follows_count: 310,
  media_count: 3,
};

export const INSTAGRAM_MEDIA = [
  {
    id: '18027939643168122',
    caption: 'Ridge line at dawn #trailrunning',
    media_type: 'VIDEO',
    media_product_type: 'REELS',
    permalink: 'https://www.instagram.com/reel/C9xQ1aBvK2m/',
    timestamp: '2026-11-26T07:12:45+0000',
    like_count: 1_204,
    comments_count: 86,
  },
  {
    id: '17895695668004550',
    caption: 'What I carry on a 30k day',
    media_type: 'CAROUSEL_ALBUM',
    media_product_type: 'FEED',
    permalink: 'https://www.instagram.com/p/C9uW3kLtP7a/',
    timestamp: '2026-11-22T18:40:02+0000',
    like_count: 640,
    comments_count: 41,
  },
  {
    id: '17912345678901234',
    caption: 'Rest day',
    media_type: 'IMAGE',
    media_product_type: 'FEED',
    permalink: 'https://www.instagram.com/p/C9rT0pQmN1z/',
    timestamp: '2026-11-19T12:00:00+0000',
    like_count: 310,
    comments_count: 12,
  },
];

/** Insights per media id (views, reach, likes, comments, saved, shares, total_interactions). */
const INSTAGRAM_INSIGHTS: Record<string, Record<string, number>> = {
  '18027939643168122': { views: 48_200, reach: 31_750, likes: 1_210, comments: 86, saved: 402, shares: 233, total_interactions: 1_931 },
  '17895695668004550': { views: 15_900, reach: 11_020, likes: 641, comments: 41, saved: 188, shares: 37, total_interactions: 907 },
  '17912345678901234': { views: 6_400, reach: 5_130, likes: 310, comments: 12, saved: 9, shares: 2, total_interactions: 333 },
};

/** Account insights over the last 28 days (totals). */
const ACCOUNT_INSIGHTS = { reach: 84_211, views: 402_600, accounts_engaged: 6_930, total_interactions: 9_845 };

/** Follower demographics per breakdown: the buckets Instagram lists (it lists the top ones only). */
const INSTAGRAM_DEMOGRAPHICS: Record<string, [string, number][]> = {
  age: [
    ['18-24', 3_100],
    ['25-34', 5_600],
    ['35-44', 2_500],
    ['45-54', 900],
  ],
  gender: [
    ['F', 7_400],
    ['M', 4_800],
    ['U', 280],
  ],
  country: [
    ['US', 5_200],
    ['GB', 1_900],
    ['CA', 1_100],
    ['DE', 800],
  ],
  city: [
    ['London, England', 1_100],
    ['Denver, Colorado', 950],
  ],
};

const VALID_MEDIA_METRICS = new Set([
  'views',
  'reach',
  'likes',
  'comments',
  'saved',
  'shares',
  'total_interactions',
  'follows',
  'profile_visits',
  'profile_activity',
  'ig_reels_avg_watch_time',
  'ig_reels_video_view_total_time',
]);

export type FakeInstagramOptions = {
  port?: number;
  /** `PUT /__fake/account` ({ username, user_id }) renames the signed-in account (a server of its own, for the end-to-end tests). */
  control?: boolean;
  /** Media whose insights request fails (Instagram's `(#10)` for media it will not report on). */
  failingInsights?: string[];
  /** Breakdowns whose demographics request fails (`account`: the account insights). */
  failingBreakdowns?: string[];
};

/** Starts the fake on `port` (or a free one). */
export async function startFakeInstagram(options: FakeInstagramOptions = {}) {
  const codes = new Map<string, { redirectUri: string; scope: string }>();
  const shortTokens = new Set<string>();
  const longTokens = new Set<string>();
  const calls: string[] = [];
  let failingInsights = new Set(options.failingInsights ?? []);
  let failingBreakdowns = new Set(options.failingBreakdowns ?? []);
  const token = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;
  const user = { ...INSTAGRAM_USER };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    const graphError = (status: number, code: number, message: string) =>
      send(status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGhIjK' } });
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push(`${req.method} ${url.pathname}`);
      const q = req.method === 'POST' ? new URLSearchParams(raw) : url.searchParams;
      if (url.pathname === '/__fake/health') return send(200, { ok: true });
      if (options.control && url.pathname === '/__fake/account' && req.method === 'PUT') {
        const next = JSON.parse(raw || '{}') as { username?: string; user_id?: string };
        if (next.username) user.username = next.username;
        if (next.user_id) user.user_id = next.user_id;
        return send(200, { username: user.username, user_id: user.user_id });
      }
      if (url.pathname === '/oauth/authorize') {
        if (q.get('client_id') !== INSTAGRAM_APP_ID)
          return send(400, { error_type: 'OAuthException', code: 400, error_message: 'Invalid platform app' });
        const code = token('AQB');
        codes.set(code, { redirectUri: q.get('redirect_uri') ?? '', scope: q.get('scope') ?? '' });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        back.hash = '_';
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/oauth/access_token' && req.method === 'POST') {
        const grant = codes.get(q.get('code') ?? '');
        codes.delete(q.get('code') ?? '');
        if (q.get('client_id') !== INSTAGRAM_APP_ID || q.get('client_secret') !== INSTAGRAM_APP_SECRET)
          return send(400, { error_type: 'OAuthException', code: 400, error_message: 'Invalid Client Secret' });
        if (!grant || grant.redirectUri !== q.get('redirect_uri') || q.get('grant_type') !== 'authorization_code')
          return send(400, {
            error_type: 'OAuthException',
            code: 400,
            error_message:
              'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
          });
        const t = token('IGQ');
        shortTokens.add(t);
        return send(200, { data: [{ access_token: t, user_id: user.user_id, permissions: grant.scope }] });
      }
      if (url.pathname === '/access_token') {
        const t = q.get('access_token') ?? '';
        if (q.get('grant_type') !== 'ig_exchange_token' || q.get('client_secret') !== INSTAGRAM_APP_SECRET || !shortTokens.has(t))
          return graphError(400, 190, 'Error validating access token: Session has expired or the token is invalid.');
        shortTokens.delete(t);
        const long = token('IGAA');
        longTokens.add(long);
        return send(200, { access_token: long, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS });
      }
      if (url.pathname === '/refresh_access_token') {
        const t = q.get('access_token') ?? '';
        if (q.get('grant_type') !== 'ig_refresh_token' || !longTokens.has(t))
          return graphError(400, 190, 'Error validating access token: The user has not authorized application 990602627938098.');
        longTokens.delete(t);
        const long = token('IGAA');
        longTokens.add(long);
        return send(200, { access_token: long, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS });
      }
      const graph = /^\/v\d+\.\d+\/(.+)$/.exec(url.pathname);
      if (!graph) return graphError(404, 803, `Unknown path ${url.pathname}`);
      if (!longTokens.has(q.get('access_token') ?? ''))
        return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      const path = graph[1];
      if (path === 'me') {
        const fields = (q.get('fields') ?? 'id').split(',');
        return send(200, Object.fromEntries(fields.filter((f) => f in user).map((f) => [f, user[f as keyof typeof user]])));
      }
      if (path === 'me/media') {
        const limit = Number(q.get('limit') ?? 25);
        const data = INSTAGRAM_MEDIA.slice(0, limit);
        return send(200, { data, paging: { cursors: { before: 'QVFIUk1', after: 'QVFIUnR' } } });
      }
      if (path === 'me/insights' && q.get('metric') !== 'follower_demographics') {
        // Account insights as totals over a range of at most 30 days (metric_type=total_value).
        const metrics = (q.get('metric') ?? '').split(',');
        const invalid = metrics.find((m) => !(m in ACCOUNT_INSIGHTS));
        if (invalid)
          return graphError(
            400,
            100,
            `(#100) metric[0] must be one of the following values: ${Object.keys(ACCOUNT_INSIGHTS).join(', ')} (got ${invalid})`,
          );
        const since = Number(q.get('since'));
        const until = Number(q.get('until'));
        if (q.get('period') !== 'day' || q.get('metric_type') !== 'total_value' || !(until > since) || until - since > 30 * 86_400)
          return graphError(
            400,
            100,
            '(#100) The range between since and until must be at most 30 days, with period=day and metric_type=total_value',
          );
        if (failingBreakdowns.has('account'))
          return graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.');
        return send(200, {
          data: metrics.map((m) => ({
            name: m,
            period: 'day',
            title: m,
            description: m,
            total_value: { value: ACCOUNT_INSIGHTS[m as keyof typeof ACCOUNT_INSIGHTS] },
            id: `${user.user_id}/insights/${m}/day`,
          })),
        });
      }
      if (path === 'me/insights') {
        if (q.get('metric') !== 'follower_demographics' || q.get('metric_type') !== 'total_value' || q.get('period') !== 'lifetime')
          return graphError(400, 100, '(#100) Incompatible metric, period and metric_type');
        const breakdown = q.get('breakdown') ?? '';
        if (!(breakdown in INSTAGRAM_DEMOGRAPHICS)) return graphError(400, 100, `(#100) Invalid breakdown ${breakdown}`);
        if (failingBreakdowns.has(breakdown))
          return graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.');
        return send(200, {
          data: [
            {
              name: 'follower_demographics',
              period: 'lifetime',
              title: 'Follower demographics',
              description: 'The demographic characteristics of followers, including countries, cities and gender distribution.',
              total_value: {
                breakdowns: [
                  {
                    dimension_keys: [breakdown],
                    results: INSTAGRAM_DEMOGRAPHICS[breakdown].map(([v, n]) => ({ dimension_values: [v], value: n })),
                  },
                ],
              },
              id: `${user.user_id}/insights/follower_demographics/lifetime`,
            },
          ],
        });
      }
      const insights = /^(\d+)\/insights$/.exec(path);
      if (insights) {
        const id = insights[1];
        const values = INSTAGRAM_INSIGHTS[id];
        if (!values) return graphError(400, 100, `(#100) Object with ID '${id}' does not exist`);
        const metrics = (q.get('metric') ?? '').split(',');
        const invalid = metrics.find((m) => !VALID_MEDIA_METRICS.has(m));
        if (invalid)
          return graphError(
            400,
            100,
            `(#100) metric[0] must be one of the following values: ${[...VALID_MEDIA_METRICS].join(', ')} (got ${invalid})`,
          );
        if (failingInsights.has(id)) return graphError(400, 10, '(#10) Not enough viewers for the media to show insights');
        return send(200, {
          data: metrics.map((m) => ({
            name: m,
            period: 'lifetime',
            values: [{ value: values[m] ?? 0 }],
            title: m,
            description: m,
            id: `${id}/insights/${m}/lifetime`,
          })),
        });
      }
      return graphError(404, 803, `Unknown path ${url.pathname}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** The environment that points Reachboard at this fake. */
    env: {
      INSTAGRAM_APP_ID,
      INSTAGRAM_APP_SECRET,
      INSTAGRAM_AUTHORIZE_URL: `${url}/oauth/authorize`,
      INSTAGRAM_OAUTH_BASE_URL: url,
      INSTAGRAM_GRAPH_BASE_URL: url,
    },
    calls,
    /** The creator removes the app in Instagram's settings: every token stops working. */
    revokeAll() {
      shortTokens.clear();
      longTokens.clear();
    },
    setFailures(f: { insights?: string[]; breakdowns?: string[] }) {
      failingInsights = new Set(f.insights ?? []);
      failingBreakdowns = new Set(f.breakdowns ?? []);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
