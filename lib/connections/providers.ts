import { exchangeCode, getTokenInfo, refreshUserToken, revokeToken, type AccessToken } from '@twurple/auth';
import { z } from 'zod';
import { getEnv } from '../env';
import { instagramProfile, instagramRequest, InstagramGraphError } from '../connectors/instagram-graph';
import { tiktokRequest, TikTokApiError, tiktokUser } from '../connectors/tiktok-api';
import { googleOAuthClient, youtubeChannelOf } from '../connectors/youtube-analytics';
import { CodeChallengeMethod } from 'google-auth-library';
import type { Platform } from '../connectors/types';

/** Tokens as a platform granted them. `refreshToken` null: the platform gave none (or kept the old one). */
type TokenSet = { accessToken: string; refreshToken: string | null; expiresAt: Date | null; scopes: string[] };

/** The account a token belongs to. */
type ConnectedIdentity = { platformUserId: string; handle: string; displayName: string | null; url: string | null };

/**
 * The platform refused a token or grant for good (`invalid_grant`, a revoked or expired refresh
 * token, a password change): the creator must connect again.
 */
export class ConnectionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionRefusedError';
  }
}

/** One platform's OAuth 2.0 authorization-code flow and token operations. */
export interface ConnectionProvider {
  readonly platform: Platform;
  /** The scopes asked for: the fewest the data Reachboard reads needs (README lists them). */
  readonly scopes: readonly string[];
  /** Whether the platform takes PKCE (`code_challenge`, S256); `state` is always sent. */
  readonly pkce: boolean;
  configuration(): { configured: true } | { configured: false; variables: string[] };
  authorizationUrl(p: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** @throws ConnectionRefusedError for a code the platform refuses (used, expired, another redirect URI). */
  exchangeCode(p: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenSet>;
  /** @throws ConnectionRefusedError when the refresh token is no longer accepted. */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** @throws ConnectionRefusedError when the access token is not valid. */
  identify(accessToken: string): Promise<ConnectedIdentity>;
  /** Revokes the token at the platform (best effort: the caller deletes it anyway). */
  revoke(accessToken: string): Promise<void>;
  /**
   * Renew this long before the access token ends (long-lived tokens that are extended while still
   * valid, like Instagram's); absent: shortly before (10 minutes, or the schedule's look-ahead).
   */
  readonly renewAheadMs?: number;
}

const statusOf = (error: unknown) =>
  typeof (error as { statusCode?: unknown })?.statusCode === 'number' ? (error as { statusCode: number }).statusCode : null;

/**
 * Twitch (https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/#authorization-code-grant-flow)
 * through `@twurple/auth`: code exchange, refresh (Twitch may rotate the refresh token), token
 * validation for the user id and login, revocation. Twitch documents no PKCE; `state` guards the
 * callback. Scope `channel:read:subscriptions`: the subscriber total of the connected broadcaster.
 */
class TwitchConnectionProvider implements ConnectionProvider {
  readonly platform = 'twitch' as const;
  readonly scopes = ['channel:read:subscriptions'] as const;
  readonly pkce = false;

  private get credentials() {
    const env = getEnv();
    return { clientId: env.TWITCH_CLIENT_ID ?? '', clientSecret: env.TWITCH_CLIENT_SECRET ?? '' };
  }

  configuration(): { configured: true } | { configured: false; variables: string[] } {
    const env = getEnv();
    return env.TWITCH_CLIENT_ID && env.TWITCH_CLIENT_SECRET
      ? { configured: true }
      : { configured: false, variables: ['TWITCH_CLIENT_ID', 'TWITCH_CLIENT_SECRET'] };
  }

  authorizationUrl(p: { state: string; redirectUri: string }): string {
    // @twurple sends its token calls to a Twitch CLI-style mock server when TWURPLE_MOCK_API_PORT is
    // set (tests); the authorization page follows it there.
    const mock = process.env.TWURPLE_MOCK_API_PORT;
    const url = new URL(mock ? `http://localhost:${mock}/auth/authorize` : 'https://id.twitch.tv/oauth2/authorize');
    url.search = new URLSearchParams({
      client_id: this.credentials.clientId,
      redirect_uri: p.redirectUri,
      response_type: 'code',
      scope: this.scopes.join(' '),
      state: p.state,
      force_verify: 'true',
    }).toString();
    return url.toString();
  }

  private tokenSet(t: AccessToken): TokenSet {
    return {
      accessToken: t.accessToken,
      refreshToken: t.refreshToken || null,
      expiresAt: t.expiresIn ? new Date(t.obtainmentTimestamp + t.expiresIn * 1000) : null,
      scopes: t.scope,
    };
  }

  async exchangeCode(p: { code: string; redirectUri: string }): Promise<TokenSet> {
    const { clientId, clientSecret } = this.credentials;
    try {
      return this.tokenSet(await exchangeCode(clientId, clientSecret, p.code, p.redirectUri));
    } catch (error) {
      const status = statusOf(error);
      if (status === 400 || status === 401) throw new ConnectionRefusedError(`Twitch refused the authorization code (HTTP ${status})`);
      throw error;
    }
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const { clientId, clientSecret } = this.credentials;
    try {
      return this.tokenSet(await refreshUserToken(clientId, clientSecret, refreshToken));
    } catch (error) {
      const status = statusOf(error);
      if (status === 400 || status === 401) throw new ConnectionRefusedError(`Twitch no longer accepts the refresh token (HTTP ${status})`);
      throw error;
    }
  }

  async identify(accessToken: string): Promise<ConnectedIdentity> {
    try {
      const info = await getTokenInfo(accessToken, this.credentials.clientId);
      if (!info.userId || !info.userName) throw new ConnectionRefusedError('Twitch answered with a token of no user');
      return {
        platformUserId: info.userId,
        handle: info.userName.toLowerCase(),
        displayName: null,
        url: `https://www.twitch.tv/${info.userName.toLowerCase()}`,
      };
    } catch (error) {
      if (error instanceof ConnectionRefusedError) throw error;
      const status = statusOf(error);
      // twurple raises InvalidTokenError (no status) for a token Twitch does not validate.
      if (status === 401 || (error as Error)?.name === 'InvalidTokenError')
        throw new ConnectionRefusedError('Twitch says the token is not valid');
      throw error;
    }
  }

  async revoke(accessToken: string): Promise<void> {
    await revokeToken(this.credentials.clientId, accessToken);
  }
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  user_id: z.union([z.string(), z.number()]).optional(),
  permissions: z.union([z.string(), z.array(z.string())]).optional(),
});
const longLivedSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

/**
 * Instagram professional accounts through Business Login for Instagram (Instagram API with
 * Instagram Login, https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login):
 * the code is exchanged for a short-lived token (1 hour, `POST api.instagram.com/oauth/access_token`),
 * at once exchanged for a long-lived one (60 days, `GET graph.instagram.com/access_token`,
 * `ig_exchange_token`). There is no refresh token: the long-lived token itself is extended while
 * still valid (`GET graph.instagram.com/refresh_access_token`, `ig_refresh_token`), so it is
 * stored as both the access and the refresh token and renewed 10 days before it ends. Scopes
 * `instagram_business_basic` (profile, media) and `instagram_business_manage_insights` (media
 * insights, follower demographics). Instagram documents no PKCE and no revocation endpoint (a
 * creator removes the app in Instagram's settings).
 */
class InstagramConnectionProvider implements ConnectionProvider {
  readonly platform = 'instagram' as const;
  readonly scopes = ['instagram_business_basic', 'instagram_business_manage_insights'] as const;
  readonly pkce = false;
  readonly renewAheadMs = 10 * 86_400_000;

  configuration(): { configured: true } | { configured: false; variables: string[] } {
    const env = getEnv();
    return env.INSTAGRAM_APP_ID && env.INSTAGRAM_APP_SECRET
      ? { configured: true }
      : { configured: false, variables: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'] };
  }

  authorizationUrl(p: { state: string; redirectUri: string }): string {
    const env = getEnv();
    const url = new URL(env.INSTAGRAM_AUTHORIZE_URL);
    url.search = new URLSearchParams({
      client_id: env.INSTAGRAM_APP_ID ?? '',
      redirect_uri: p.redirectUri,
      response_type: 'code',
      scope: this.scopes.join(','),
      state: p.state,
    }).toString();
    return url.toString();
  }

  private longLived(json: unknown, scopes: string[]): TokenSet {
    const t = longLivedSchema.parse(json);
    return { accessToken: t.access_token, refreshToken: t.access_token, expiresAt: new Date(Date.now() + t.expires_in * 1000), scopes };
  }

  async exchangeCode(p: { code: string; redirectUri: string }): Promise<TokenSet> {
    const env = getEnv();
    let short: z.infer<typeof tokenSchema>;
    try {
      const json = (await instagramRequest(
        'oauth',
        'oauth/access_token',
        {
          client_id: env.INSTAGRAM_APP_ID ?? '',
          client_secret: env.INSTAGRAM_APP_SECRET ?? '',
          grant_type: 'authorization_code',
          redirect_uri: p.redirectUri,
          code: p.code,
        },
        { method: 'POST' },
      )) as { data?: unknown[] } | null;
      // Answered as the token object, or (older answers) inside `data: [ … ]`.
      short = tokenSchema.parse(Array.isArray(json?.data) ? json.data[0] : json);
    } catch (error) {
      if (error instanceof InstagramGraphError && error.status >= 400 && error.status < 500)
        throw new ConnectionRefusedError(`Instagram refused the authorization code (${error.message})`);
      throw error;
    }
    const scopes =
      typeof short.permissions === 'string' ? short.permissions.split(',').filter(Boolean) : (short.permissions ?? [...this.scopes]);
    const json = await instagramRequest('graph', 'access_token', {
      grant_type: 'ig_exchange_token',
      client_secret: env.INSTAGRAM_APP_SECRET ?? '',
      access_token: short.access_token,
    });
    return this.longLived(json, scopes);
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    try {
      return this.longLived(
        await instagramRequest('graph', 'refresh_access_token', { grant_type: 'ig_refresh_token', access_token: refreshToken }),
        [],
      );
    } catch (error) {
      if (error instanceof InstagramGraphError && (error.code === 190 || error.status === 400 || error.status === 401))
        throw new ConnectionRefusedError(`Instagram no longer accepts the token (${error.message})`);
      throw error;
    }
  }

  async identify(accessToken: string): Promise<ConnectedIdentity> {
    try {
      const me = await instagramProfile(accessToken);
      return {
        platformUserId: me.user_id ?? me.id,
        handle: me.username.toLowerCase(),
        displayName: me.name ?? null,
        url: `https://www.instagram.com/${me.username}/`,
      };
    } catch (error) {
      if (error instanceof InstagramGraphError && (error.code === 190 || error.status === 401))
        throw new ConnectionRefusedError('Instagram says the token is not valid');
      throw error;
    }
  }

  async revoke(): Promise<void> {
    // No revocation endpoint in the Instagram API with Instagram Login: the stored token is deleted.
  }
}

const tiktokTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  open_id: z.string().min(1),
  refresh_token: z.string().nullish(),
  scope: z.string().nullish(),
});

/**
 * TikTok through Login Kit for Web (OAuth v2, https://developers.tiktok.com/doc/oauth-user-access-token-management):
 * authorization at `www.tiktok.com/v2/auth/authorize/`, code exchange and refresh at
 * `open.tiktokapis.com/v2/oauth/token/` with TikTok's `client_key`, revocation at
 * `/v2/oauth/revoke/`. Access tokens last hours and **refresh tokens rotate**: each refresh answers a
 * new one and the old stops working, so it is stored at once (refreshConnectionToken does, in the
 * same transaction). Scopes: `user.info.basic` (open id, name), `user.info.profile` (username),
 * `user.info.stats` (followers, following, likes, videos), `video.list` (videos and their counts).
 * Web apps send no PKCE (TikTok requires it for mobile and desktop only); `state` guards the callback.
 */
class TikTokConnectionProvider implements ConnectionProvider {
  readonly platform = 'tiktok' as const;
  readonly scopes = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list'] as const;
  readonly pkce = false;

  configuration(): { configured: true } | { configured: false; variables: string[] } {
    const env = getEnv();
    return env.TIKTOK_CLIENT_KEY && env.TIKTOK_CLIENT_SECRET
      ? { configured: true }
      : { configured: false, variables: ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET'] };
  }

  authorizationUrl(p: { state: string; redirectUri: string }): string {
    const env = getEnv();
    const url = new URL(env.TIKTOK_AUTHORIZE_URL);
    url.search = new URLSearchParams({
      client_key: env.TIKTOK_CLIENT_KEY ?? '',
      scope: this.scopes.join(','),
      response_type: 'code',
      redirect_uri: p.redirectUri,
      state: p.state,
    }).toString();
    return url.toString();
  }

  private async token(form: Record<string, string>, refused: string): Promise<TokenSet> {
    const env = getEnv();
    let json: unknown;
    try {
      json = await tiktokRequest('v2/oauth/token/', {
        method: 'POST',
        form: { client_key: env.TIKTOK_CLIENT_KEY ?? '', client_secret: env.TIKTOK_CLIENT_SECRET ?? '', ...form },
      });
    } catch (error) {
      if (error instanceof TikTokApiError && (error.code === 'invalid_grant' || error.status === 400 || error.status === 401))
        throw new ConnectionRefusedError(`${refused} (${error.message})`);
      throw error;
    }
    const t = tiktokTokenSchema.parse(json);
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token || null,
      expiresAt: new Date(Date.now() + t.expires_in * 1000),
      scopes: (t.scope ?? '').split(',').filter(Boolean),
    };
  }

  exchangeCode(p: { code: string; redirectUri: string }): Promise<TokenSet> {
    return this.token(
      { code: p.code, grant_type: 'authorization_code', redirect_uri: p.redirectUri },
      'TikTok refused the authorization code',
    );
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'TikTok no longer accepts the refresh token');
  }

  async identify(accessToken: string): Promise<ConnectedIdentity> {
    try {
      const user = await tiktokUser(accessToken);
      const handle = (user.username ?? user.open_id).toLowerCase();
      return {
        platformUserId: user.open_id,
        handle,
        displayName: user.display_name ?? null,
        url: user.username ? `https://www.tiktok.com/@${user.username}` : null,
      };
    } catch (error) {
      if (error instanceof TikTokApiError && (error.status === 401 || error.code === 'access_token_invalid'))
        throw new ConnectionRefusedError('TikTok says the token is not valid');
      throw error;
    }
  }

  async revoke(accessToken: string): Promise<void> {
    const env = getEnv();
    await tiktokRequest('v2/oauth/revoke/', {
      method: 'POST',
      form: { client_key: env.TIKTOK_CLIENT_KEY ?? '', client_secret: env.TIKTOK_CLIENT_SECRET ?? '', token: accessToken },
    });
  }
}

/** Google's OAuth error (`invalid_grant`…) from a gaxios failure, if it is one. */
const googleOAuthError = (error: unknown) => {
  const e = error as { response?: { status?: number; data?: { error?: unknown; error_description?: unknown } } };
  const code = e.response?.data?.error;
  return typeof code === 'string'
    ? { code, status: e.response?.status ?? 0, description: String(e.response?.data?.error_description ?? code) }
    : null;
};

/**
 * YouTube channels through Google's OAuth 2.0 for web servers (`google-auth-library`'s
 * `OAuth2Client`: authorization URL with PKCE S256 and `access_type=offline`, code exchange,
 * refresh, revocation), https://developers.google.com/identity/protocols/oauth2/web-server. Scopes
 * `youtube.readonly` (which channel the token is for) and `yt-analytics.readonly` (the channel's
 * analytics: daily views, watch time, subscribers, viewer age, gender and countries). Google keeps
 * the refresh token (it sends it once, with consent) and does not rotate it.
 */
class YouTubeConnectionProvider implements ConnectionProvider {
  readonly platform = 'youtube' as const;
  readonly scopes = ['https://www.googleapis.com/auth/youtube.readonly', 'https://www.googleapis.com/auth/yt-analytics.readonly'] as const;
  readonly pkce = true;

  configuration(): { configured: true } | { configured: false; variables: string[] } {
    const env = getEnv();
    return env.GOOGLE_OAUTH_CLIENT_ID && env.GOOGLE_OAUTH_CLIENT_SECRET
      ? { configured: true }
      : { configured: false, variables: ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET'] };
  }

  authorizationUrl(p: { state: string; codeChallenge: string; redirectUri: string }): string {
    return googleOAuthClient(undefined, p.redirectUri).generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [...this.scopes],
      state: p.state,
      code_challenge: p.codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
  }

  private tokenSet(t: {
    access_token?: string | null;
    refresh_token?: string | null;
    expiry_date?: number | null;
    scope?: string;
  }): TokenSet {
    if (!t.access_token) throw new ConnectionRefusedError('Google answered without an access token');
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token || null,
      expiresAt: t.expiry_date ? new Date(t.expiry_date) : null,
      scopes: (t.scope ?? '').split(' ').filter(Boolean),
    };
  }

  async exchangeCode(p: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenSet> {
    try {
      const { tokens } = await googleOAuthClient(undefined, p.redirectUri).getToken({
        code: p.code,
        codeVerifier: p.codeVerifier,
        redirect_uri: p.redirectUri,
      });
      return this.tokenSet(tokens);
    } catch (error) {
      const oauth = googleOAuthError(error);
      if (oauth) throw new ConnectionRefusedError(`Google refused the authorization code (${oauth.description})`);
      throw error;
    }
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    try {
      const { credentials } = await googleOAuthClient({ refresh_token: refreshToken }).refreshAccessToken();
      return this.tokenSet({
        ...credentials,
        refresh_token: credentials.refresh_token === refreshToken ? null : credentials.refresh_token,
      });
    } catch (error) {
      const oauth = googleOAuthError(error);
      if (oauth && (oauth.code === 'invalid_grant' || oauth.status === 400 || oauth.status === 401))
        throw new ConnectionRefusedError(`Google no longer accepts the refresh token (${oauth.description})`);
      throw error;
    }
  }

  async identify(accessToken: string): Promise<ConnectedIdentity> {
    try {
      const channel = await youtubeChannelOf(accessToken);
      return { platformUserId: channel.id, handle: channel.handle, displayName: channel.title, url: channel.url };
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status === 401 || status === 403) throw new ConnectionRefusedError('Google says the token is not valid for YouTube');
      if (error instanceof Error && error.message === 'The Google account has no YouTube channel')
        throw new ConnectionRefusedError(error.message);
      throw error;
    }
  }

  async revoke(accessToken: string): Promise<void> {
    await googleOAuthClient().revokeToken(accessToken);
  }
}

const PROVIDERS: Partial<Record<Platform, ConnectionProvider>> = {
  instagram: new InstagramConnectionProvider(),
  tiktok: new TikTokConnectionProvider(),
  twitch: new TwitchConnectionProvider(),
  youtube: new YouTubeConnectionProvider(),
};

/** The platforms a creator can connect, in the order the profile lists them. */
export const CONNECTABLE_PLATFORMS = ['instagram', 'tiktok', 'twitch', 'youtube'] as const satisfies readonly Platform[];

/** The connection provider of a platform, or null when Reachboard cannot connect it yet. */
export function connectionProviderFor(platform: Platform): ConnectionProvider | null {
  return PROVIDERS[platform] ?? null;
}
