import { exchangeCode, getTokenInfo, refreshUserToken, revokeToken, type AccessToken } from '@twurple/auth';
import { getEnv } from '../env';
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

const PROVIDERS: Partial<Record<Platform, ConnectionProvider>> = { twitch: new TwitchConnectionProvider() };

/** The platforms a creator can connect, in the order the profile lists them. */
export const CONNECTABLE_PLATFORMS = ['twitch'] as const satisfies readonly Platform[];

/** The connection provider of a platform, or null when Reachboard cannot connect it yet. */
export function connectionProviderFor(platform: Platform): ConnectionProvider | null {
  return PROVIDERS[platform] ?? null;
}
