import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for TikTok Login Kit for Web (OAuth v2) and the Display API, shaped like
 * TikTok's documented samples:
 * - `GET /v2/auth/authorize/` approves at once and redirects with `code`, `scopes` and `state`;
 *   `POST /v2/oauth/token/` (form, `client_key`) answers `{ access_token, expires_in, open_id,
 *   refresh_expires_in, refresh_token, scope, token_type }`, and rotates the refresh token on
 *   `grant_type=refresh_token` (the old one then gets `invalid_grant`); errors are
 *   `{ error, error_description, log_id }`; `POST /v2/oauth/revoke/` ends the tokens
 *   (https://developers.tiktok.com/doc/oauth-user-access-token-management,
 *   https://developers.tiktok.com/doc/oauth-error-handling).
 * - `GET /v2/user/info/?fields=…` → `{ data: { user }, error: { code: "ok", message, log_id } }`;
 *   `POST /v2/video/list/?fields=…` with `{ max_count ≤ 20, cursor }` → `{ data: { videos, cursor,
 *   has_more }, error }`; a bad token gets HTTP 401 with `error.code` `access_token_invalid`
 *   (https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info, https://developers.tiktok.com/doc/tiktok-api-v2-video-list).
 */

export const TIKTOK_CLIENT_KEY = 'awfakeclientkey0123';
const TIKTOK_CLIENT_SECRET = 'fake-tiktok-client-secret-0123456789';

export const TIKTOK_USER = {
  open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4',
  union_id: 'c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1',
  username: 'priya.paints',
  display_name: 'Priya Paints',
  follower_count: 86_400,
  following_count: 212,
  likes_count: 1_930_000,
  video_count: 23,
};

/** 23 videos, newest first: a full page of 20 and a second page of 3. */
export const TIKTOK_VIDEOS = Array.from({ length: 23 }, (_, i) => ({
  id: String(7_311_000_000_000_000_000n + BigInt(23 - i)),
  title: `Palette knife study ${23 - i}`,
  video_description: `Palette knife study ${23 - i} #art`,
  create_time: Math.floor(Date.UTC(2026, 10, 28) / 1000) - i * 86_400,
  share_url: `https://www.tiktok.com/@priya.paints/video/${7_311_000_000_000_000_000n + BigInt(23 - i)}`,
  view_count: 20_000 + (23 - i) * 1_000,
  like_count: 1_500 + (23 - i) * 10,
  comment_count: 40 + (23 - i),
  share_count: 12 + (23 - i),
}));

const SCOPE = 'user.info.basic,user.info.profile,user.info.stats,video.list';

/** Starts the fake on `port` (or a free one). */
export async function startFakeTikTok(options: { port?: number } = {}) {
  const codes = new Map<string, string>();
  const access = new Set<string>();
  const refresh = new Set<string>();
  const calls: string[] = [];
  const token = (prefix: string) => `${prefix}.${randomBytes(20).toString('hex')}`;
  const issue = () => {
    const a = token('act');
    const r = token('rft');
    access.add(a);
    refresh.add(r);
    return {
      access_token: a,
      expires_in: 86_400,
      open_id: TIKTOK_USER.open_id,
      refresh_expires_in: 31_536_000,
      refresh_token: r,
      scope: SCOPE,
      token_type: 'Bearer',
    };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const oauthError = (error: string, description: string) => send(400, { error, error_description: description, log_id: '20261201' });
    const apiError = (status: number, code: string, message: string) =>
      send(status, { data: {}, error: { code, message, log_id: '20261201' } });
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/__fake/health') return send(200, { ok: true });
      if (url.pathname === '/v2/auth/authorize/') {
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        const code = token('code');
        codes.set(code, back.toString());
        back.searchParams.set('code', code);
        back.searchParams.set('scopes', url.searchParams.get('scope') ?? '');
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/v2/oauth/token/' && req.method === 'POST') {
        const f = new URLSearchParams(raw);
        if (f.get('client_key') !== TIKTOK_CLIENT_KEY || f.get('client_secret') !== TIKTOK_CLIENT_SECRET)
          return oauthError('invalid_client', 'Client key or secret is incorrect.');
        if (f.get('grant_type') === 'authorization_code') {
          const redirect = codes.get(f.get('code') ?? '');
          codes.delete(f.get('code') ?? '');
          if (!redirect || redirect !== f.get('redirect_uri')) return oauthError('invalid_grant', 'Authorization code is expired.');
          return send(200, issue());
        }
        if (f.get('grant_type') === 'refresh_token') {
          const r = f.get('refresh_token') ?? '';
          if (!refresh.has(r)) return oauthError('invalid_grant', 'Refresh token is invalid or expired.');
          refresh.delete(r);
          return send(200, issue());
        }
        return oauthError('unsupported_grant_type', 'The grant type is not supported.');
      }
      if (url.pathname === '/v2/oauth/revoke/' && req.method === 'POST') {
        const t = new URLSearchParams(raw).get('token') ?? '';
        access.delete(t);
        return send(200, {});
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (url.pathname.startsWith('/v2/user/') || url.pathname.startsWith('/v2/video/')) {
        if (!access.has(bearer)) return apiError(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
        const fields = (url.searchParams.get('fields') ?? '').split(',');
        if (url.pathname === '/v2/user/info/' && req.method === 'GET')
          return send(200, {
            data: {
              user: Object.fromEntries(fields.filter((f) => f in TIKTOK_USER).map((f) => [f, TIKTOK_USER[f as keyof typeof TIKTOK_USER]])),
            },
            error: { code: 'ok', message: '', log_id: '20261201' },
          });
        if (url.pathname === '/v2/video/list/' && req.method === 'POST') {
          const body = JSON.parse(raw || '{}') as { max_count?: number; cursor?: number };
          const max = body.max_count ?? 10;
          if (max > 20) return apiError(400, 'invalid_params', 'max_count must be at most 20');
          const after = body.cursor ? TIKTOK_VIDEOS.filter((v) => v.create_time * 1000 < body.cursor!) : TIKTOK_VIDEOS;
          const page = after.slice(0, max);
          return send(200, {
            data: {
              videos: page.map((v) => Object.fromEntries(fields.filter((f) => f in v).map((f) => [f, v[f as keyof typeof v]]))),
              cursor: page.length ? page[page.length - 1].create_time * 1000 : 0,
              has_more: after.length > page.length,
            },
            error: { code: 'ok', message: '', log_id: '20261201' },
          });
        }
      }
      return apiError(404, 'not_found', `Unknown path ${url.pathname}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    env: { TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET, TIKTOK_AUTHORIZE_URL: `${url}/v2/auth/authorize/`, TIKTOK_API_BASE_URL: url },
    calls,
    /** The creator removes the app in TikTok's settings: every token stops working. */
    revokeAll() {
      access.clear();
      refresh.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
