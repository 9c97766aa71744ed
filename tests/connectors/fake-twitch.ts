import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Twitch's OAuth token endpoint and the Helix endpoints Reachboard reads, at
 * the paths `@twurple` uses for a mock server (`TWURPLE_MOCK_API_PORT`: `/auth/<path>` for
 * id.twitch.tv/oauth2, `/mock/<path>` for api.twitch.tv/helix). Bodies follow the examples of the
 * Twitch API reference (https://dev.twitch.tv/docs/api/reference: Get Users, Get Channel Followers,
 * Get Videos; https://dev.twitch.tv/docs/authentication/getting-tokens-oauth: client credentials
 * grant): `data` arrays, `pagination.cursor`, `total` for followers (an app token gets the total
 * with an empty `data`), and the `{ error, status, message }` error envelope.
 */

export const TWITCH_CLIENT_ID = 'fake-twitch-client-id';
export const TWITCH_CLIENT_SECRET = 'fake-twitch-client-secret';
const APP_TOKEN = 'jostpf5q0uzmxmkba9iyug38kjtgh';

/** The channel "trailtwitch": 230 videos newest first (past broadcasts, uploads and highlights). */
export const TWITCH_USER = {
  id: '141981764',
  login: 'trailtwitch',
  display_name: 'TrailTwitch',
  type: '',
  broadcaster_type: 'partner',
  description: 'Live from the trail every Sunday.',
  profile_image_url: 'https://static-cdn.jtvnw.net/jtv_user_pictures/trailtwitch-profile_image-300x300.png',
  offline_image_url: '',
  view_count: 0,
  created_at: '2016-12-14T20:32:28Z',
};
export const TWITCH_FOLLOWERS = 48_213;
/** The connected broadcaster's paid subscriptions: 1,204 subscriptions worth 1,530 sub points. */
const TWITCH_SUBSCRIPTIONS = { total: 1_204, points: 1_530 };
const TYPES = ['archive', 'upload', 'highlight'] as const;
export const TWITCH_VIDEOS = Array.from({ length: 230 }, (_, i) => {
  const n = 230 - i;
  const created = new Date(Date.UTC(2026, 10, 28) - i * 86_400_000);
  return {
    id: String(335_921_000 + n),
    stream_id: null,
    user_id: TWITCH_USER.id,
    user_login: TWITCH_USER.login,
    user_name: TWITCH_USER.display_name,
    title: `Trail stream ${n}`,
    description: '',
    created_at: created.toISOString().replace('.000Z', 'Z'),
    published_at: new Date(created.getTime() + 34 * 60_000).toISOString().replace('.000Z', 'Z'),
    url: `https://www.twitch.tv/videos/${335_921_000 + n}`,
    thumbnail_url: '',
    viewable: 'public',
    view_count: 1_000 + n * 7,
    language: 'en',
    type: TYPES[n % 3],
    duration: '3h21m4s',
    muted_segments: null,
  };
});

export type TwitchScenario = {
  description: string;
  followers: number;
  tooManyRequests: number;
  /** The authorization page: the streamer approves, or declines. */
  authorize: 'approve' | 'decline';
};
export const twitchScenario: TwitchScenario = {
  description: TWITCH_USER.description,
  followers: TWITCH_FOLLOWERS,
  tooManyRequests: 0,
  authorize: 'approve',
};

/**
 * The user-token side (authorization code grant): codes issued by the authorization page, access
 * and refresh tokens, and what each call did. Refresh rotates the refresh token (the old one stops
 * working), as Twitch may; `revokeRefreshTokens()` plays a password change.
 */
export const twitchOAuth = {
  codes: new Map<string, { redirectUri: string; scopes: string[] }>(),
  accessTokens: new Map<string, { scopes: string[]; expiresAt: number }>(),
  refreshTokens: new Set<string>(),
  refreshCalls: 0,
  revoked: [] as string[],
  /** Seconds an access token lives. */
  accessTtl: 14_124,
  revokeRefreshTokens() {
    this.refreshTokens.clear();
  },
};
let issued = 0;
const issueTokens = (scopes: string[]) => {
  const access = `fake-user-access-${++issued}`;
  const refresh = `fake-user-refresh-${issued}`;
  twitchOAuth.accessTokens.set(access, { scopes, expiresAt: Date.now() + twitchOAuth.accessTtl * 1000 });
  twitchOAuth.refreshTokens.add(refresh);
  return { access_token: access, expires_in: twitchOAuth.accessTtl, refresh_token: refresh, scope: scopes, token_type: 'bearer' };
};
/** Every Helix request: path and query. */
export const twitchRequests: { path: string; query: Record<string, string> }[] = [];

export function resetTwitchScenario() {
  Object.assign(twitchScenario, {
    description: TWITCH_USER.description,
    followers: TWITCH_FOLLOWERS,
    tooManyRequests: 0,
    authorize: 'approve',
  });
  twitchRequests.length = 0;
}

/**
 * Starts the fake on `port` (a free one by default) on every local address (twurple calls
 * `http://localhost:<port>`). `user` overrides the channel's id, login and name: test files sharing
 * a Postgres database each use their own channel.
 */
export async function startFakeTwitch(
  port = 0,
  user: Partial<Pick<typeof TWITCH_USER, 'id' | 'login' | 'display_name'>> = {},
): Promise<{ port: number; close: () => Promise<void> }> {
  const channel = { ...TWITCH_USER, ...user };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/auth/authorize' && req.method === 'GET') {
      const q = Object.fromEntries(url.searchParams);
      if (q.client_id !== TWITCH_CLIENT_ID || q.response_type !== 'code' || !q.redirect_uri)
        return send(400, { status: 400, message: 'invalid request' });
      const back = new URL(q.redirect_uri);
      if (twitchScenario.authorize === 'decline') {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user denied you access');
      } else {
        const code = `fake-code-${++issued}`;
        twitchOAuth.codes.set(code, { redirectUri: q.redirect_uri, scopes: (q.scope ?? '').split(' ').filter(Boolean) });
        back.searchParams.set('code', code);
        back.searchParams.set('scope', q.scope ?? '');
      }
      if (q.state) back.searchParams.set('state', q.state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/auth/token' && req.method === 'POST') {
      const q = Object.fromEntries(url.searchParams);
      if (q.client_id !== TWITCH_CLIENT_ID) return send(400, { status: 400, message: 'invalid client' });
      if (q.client_secret !== TWITCH_CLIENT_SECRET) return send(403, { status: 403, message: 'invalid client secret' });
      if (q.grant_type === 'client_credentials') return send(200, { access_token: APP_TOKEN, expires_in: 5_011_271, token_type: 'bearer' });
      if (q.grant_type === 'authorization_code') {
        const grant = twitchOAuth.codes.get(q.code ?? '');
        twitchOAuth.codes.delete(q.code ?? '');
        if (!grant || grant.redirectUri !== q.redirect_uri) return send(400, { status: 400, message: 'Invalid authorization code' });
        return send(200, issueTokens(grant.scopes));
      }
      if (q.grant_type === 'refresh_token') {
        twitchOAuth.refreshCalls++;
        if (!twitchOAuth.refreshTokens.has(q.refresh_token ?? '')) return send(400, { status: 400, message: 'Invalid refresh token' });
        twitchOAuth.refreshTokens.delete(q.refresh_token!);
        return send(200, issueTokens(['channel:read:subscriptions']));
      }
      return send(400, { status: 400, message: 'unsupported grant_type' });
    }
    if (url.pathname === '/auth/validate' && req.method === 'GET') {
      const token = /^OAuth (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const t = twitchOAuth.accessTokens.get(token);
      if (!t || t.expiresAt < Date.now()) return send(401, { status: 401, message: 'invalid access token' });
      return send(200, {
        client_id: TWITCH_CLIENT_ID,
        login: channel.login,
        scopes: t.scopes,
        user_id: channel.id,
        expires_in: Math.round((t.expiresAt - Date.now()) / 1000),
      });
    }
    if (url.pathname === '/auth/revoke' && req.method === 'POST') {
      const token = url.searchParams.get('token') ?? '';
      twitchOAuth.revoked.push(token);
      twitchOAuth.accessTokens.delete(token);
      return send(200, {});
    }
    if (url.pathname === '/health') return send(200, { ok: true });
    if (!url.pathname.startsWith('/mock/')) return send(404, { error: 'Not Found', status: 404, message: '' });
    const path = url.pathname.slice('/mock/'.length);
    twitchRequests.push({ path, query: Object.fromEntries(url.searchParams) });
    if (path === 'subscriptions') {
      // A broadcaster's own user token with channel:read:subscriptions (Get Broadcaster Subscriptions).
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const grant = twitchOAuth.accessTokens.get(bearer);
      if (!grant || grant.expiresAt < Date.now() || req.headers['client-id'] !== TWITCH_CLIENT_ID)
        return send(401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
      if (!grant.scopes.includes('channel:read:subscriptions'))
        return send(401, { error: 'Unauthorized', status: 401, message: 'Missing scope: channel:read:subscriptions' });
      if (url.searchParams.get('broadcaster_id') !== channel.id)
        return send(403, { error: 'Forbidden', status: 403, message: 'broadcaster_id must match the User ID in the token' });
      return send(200, {
        data: [
          {
            broadcaster_id: channel.id,
            broadcaster_login: channel.login,
            broadcaster_name: channel.display_name,
            gifter_id: '',
            gifter_login: '',
            gifter_name: '',
            is_gift: false,
            plan_name: 'Channel Subscription',
            tier: '1000',
            user_id: '527115020',
            user_name: 'twitchdev',
            user_login: 'twitchdev',
          },
        ],
        pagination: { cursor: 'xxxx' },
        total: TWITCH_SUBSCRIPTIONS.total,
        points: TWITCH_SUBSCRIPTIONS.points,
      });
    }
    if (req.headers.authorization !== `Bearer ${APP_TOKEN}` || req.headers['client-id'] !== TWITCH_CLIENT_ID)
      return send(401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
    if (twitchScenario.tooManyRequests > 0) {
      twitchScenario.tooManyRequests--;
      res.setHeader('ratelimit-reset', String(Math.ceil(Date.now() / 1000) + 1));
      return send(429, { error: 'Too Many Requests', status: 429, message: 'Too Many Requests' });
    }
    const user = { ...channel, description: twitchScenario.description };
    if (path === 'users') {
      const match = url.searchParams.getAll('login').includes(user.login) || url.searchParams.getAll('id').includes(user.id);
      return send(200, { data: match ? [user] : [] });
    }
    if (path === 'channels/followers') {
      if (url.searchParams.get('broadcaster_id') !== user.id)
        return send(400, { error: 'Bad Request', status: 400, message: 'Invalid broadcaster_id' });
      // An app token (no moderator:read:followers) gets the total and no list.
      return send(200, { total: twitchScenario.followers, data: [], pagination: {} });
    }
    if (path === 'videos') {
      if (url.searchParams.get('user_id') !== user.id) return send(200, { data: [], pagination: {} });
      const first = Math.min(100, Number(url.searchParams.get('first') ?? 20));
      const start = Number(url.searchParams.get('after') ?? 0);
      const page = TWITCH_VIDEOS.slice(start, start + first);
      const next = start + first < TWITCH_VIDEOS.length ? String(start + first) : undefined;
      return send(200, { data: page, pagination: next ? { cursor: next } : {} });
    }
    return send(404, { error: 'Not Found', status: 404, message: `no fake for ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
