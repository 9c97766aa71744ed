import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Google's OAuth 2.0 for web servers and the YouTube Analytics API v2, shaped
 * like Google's documented answers:
 * - `GET /o/oauth2/v2/auth` approves at once and redirects with `code`, `scope` and `state`;
 *   `POST /token` checks the PKCE verifier against the S256 challenge (code exchange) and answers
 *   `{ access_token, expires_in, refresh_token, scope, token_type }`; a refresh answers no new
 *   refresh token (Google keeps it); `{ error: "invalid_grant", error_description }` otherwise;
 *   `POST /revoke?token=…` ends the whole grant
 *   (https://developers.google.com/identity/protocols/oauth2/web-server).
 * - `GET /v2/reports` (`ids=channel==MINE`) answers a result table (`columnHeaders` of
 *   `{ name, columnType, dataType }`, `rows`) for `dimensions=day`, `ageGroup,gender` and `country`
 *   (https://developers.google.com/youtube/analytics/reference/reports/query).
 * Access tokens it issued are in {@link googleAccessTokens}, which the fake YouTube Data API checks
 * for `channels.list?mine=true` (tests/connectors/fake-platforms.ts).
 */

export const GOOGLE_CLIENT_ID = '123456789012-fake.apps.googleusercontent.com';
const GOOGLE_CLIENT_SECRET = 'GOCSPX-fake-google-client-secret';

/** Google access tokens currently valid (shared with the fake YouTube Data API). */
export const googleAccessTokens = new Set<string>();

/** Each day's analytics: 1,500 views, 4,200 minutes watched, 12 subscribers gained, 3 lost. */
const DAILY = { views: 1_500, estimatedMinutesWatched: 4_200, subscribersGained: 12, subscribersLost: 3 };
/** viewerPercentage by gender × age group (sums to 100). */
const VIEWER_PERCENTAGE: [string, string, number][] = [
  ['female', 'age18-24', 14.2],
  ['female', 'age25-34', 21.5],
  ['female', 'age35-44', 6.1],
  ['male', 'age18-24', 16.0],
  ['male', 'age25-34', 28.3],
  ['male', 'age35-44', 9.4],
  ['user_specified', 'age25-34', 4.5],
];
const COUNTRY_VIEWS: [string, number][] = [
  ['US', 15_000],
  ['GB', 6_000],
  ['IN', 4_000],
];

export async function startFakeGoogle(options: { port?: number } = {}) {
  const codes = new Map<string, { redirectUri: string; challenge: string; scope: string }>();
  const refreshTokens = new Map<string, string>(); // refresh token → scope
  const calls: string[] = [];
  const token = (prefix: string) => `${prefix}${randomBytes(20).toString('base64url')}`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push(`${req.method} ${url.pathname}`);
      const form = new URLSearchParams(raw);
      if (url.pathname === '/o/oauth2/v2/auth') {
        const q = url.searchParams;
        if (q.get('client_id') !== GOOGLE_CLIENT_ID) return send(400, { error: 'invalid_client' });
        if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
          return send(400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
        const code = token('4/0A');
        codes.set(code, { redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge')!, scope: q.get('scope') ?? '' });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('state', q.get('state') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('scope', q.get('scope') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        if (form.get('client_id') !== GOOGLE_CLIENT_ID || form.get('client_secret') !== GOOGLE_CLIENT_SECRET)
          return send(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
        if (form.get('grant_type') === 'authorization_code') {
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (
            !grant ||
            grant.redirectUri !== form.get('redirect_uri') ||
            createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
          )
            return send(400, { error: 'invalid_grant', error_description: 'Bad Request' });
          const access = token('ya29.');
          const refresh = token('1//0g');
          googleAccessTokens.add(access);
          refreshTokens.set(refresh, grant.scope);
          return send(200, { access_token: access, expires_in: 3599, refresh_token: refresh, scope: grant.scope, token_type: 'Bearer' });
        }
        if (form.get('grant_type') === 'refresh_token') {
          const scope = refreshTokens.get(form.get('refresh_token') ?? '');
          if (scope === undefined) return send(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
          const access = token('ya29.');
          googleAccessTokens.add(access);
          return send(200, { access_token: access, expires_in: 3599, scope, token_type: 'Bearer' });
        }
        return send(400, { error: 'unsupported_grant_type' });
      }
      if (url.pathname === '/revoke') {
        const t = url.searchParams.get('token') ?? form.get('token') ?? '';
        googleAccessTokens.delete(t);
        refreshTokens.delete(t);
        return send(200, {});
      }
      if (url.pathname === '/v2/reports' && req.method === 'GET') {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        if (!googleAccessTokens.has(bearer))
          return send(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
        const q = url.searchParams;
        if (q.get('ids') !== 'channel==MINE')
          return send(400, { error: { code: 400, message: 'Invalid ids', status: 'INVALID_ARGUMENT' } });
        const head = (name: string, metric: boolean, dataType = metric ? 'INTEGER' : 'STRING') => ({
          name,
          columnType: metric ? 'METRIC' : 'DIMENSION',
          dataType,
        });
        const dims = q.get('dimensions');
        if (dims === 'day') {
          const rows: (string | number)[][] = [];
          for (
            let d = new Date(`${q.get('startDate')}T00:00:00Z`);
            d <= new Date(`${q.get('endDate')}T00:00:00Z`);
            d = new Date(d.getTime() + 86_400_000)
          )
            rows.push([
              d.toISOString().slice(0, 10),
              DAILY.views,
              DAILY.estimatedMinutesWatched,
              DAILY.subscribersGained,
              DAILY.subscribersLost,
            ]);
          return send(200, {
            kind: 'youtubeAnalytics#resultTable',
            columnHeaders: [head('day', false), ...(q.get('metrics') ?? '').split(',').map((m) => head(m, true))],
            rows,
          });
        }
        if (dims === 'ageGroup,gender')
          return send(200, {
            kind: 'youtubeAnalytics#resultTable',
            columnHeaders: [head('ageGroup', false), head('gender', false), head('viewerPercentage', true, 'FLOAT')],
            rows: VIEWER_PERCENTAGE.map(([g, a, p]) => [a, g, p]),
          });
        if (dims === 'country')
          return send(200, {
            kind: 'youtubeAnalytics#resultTable',
            columnHeaders: [head('country', false), head('views', true)],
            rows: COUNTRY_VIEWS.slice(0, Number(q.get('maxResults') ?? 25)),
          });
        return send(400, { error: { code: 400, message: `Unknown dimensions ${dims}`, status: 'INVALID_ARGUMENT' } });
      }
      send(404, { error: { code: 404, message: `Not found: ${url.pathname}`, status: 'NOT_FOUND' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    env: {
      GOOGLE_OAUTH_CLIENT_ID: GOOGLE_CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
      GOOGLE_OAUTH_AUTH_URL: `${url}/o/oauth2/v2/auth`,
      GOOGLE_OAUTH_TOKEN_URL: `${url}/token`,
      GOOGLE_OAUTH_REVOKE_URL: `${url}/revoke`,
      YOUTUBE_ANALYTICS_BASE_URL: `${url}/`,
    },
    calls,
    /** The creator removes Reachboard's access in their Google account: every token stops working. */
    revokeAll() {
      googleAccessTokens.clear();
      refreshTokens.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
