import { and, eq, inArray, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { platformConnections } from '@/db/schema';
import { refreshConnectionToken } from '../connections/refresh-connection-token';
import { systemCtx } from '../context';
import { openSecret } from '../crypto/secret-box';
import { getEnv } from '../env';
import { PLATFORM_NAMES } from '../platforms';
import { InstagramGraphError, readInstagramAccount } from './instagram-graph';
import { readTikTokAccount, TikTokApiError } from './tiktok-api';
import { ConnectorError, type AccountRef, type Connector, type ConnectorResult, type Platform, type QuotaModel } from './types';

/** How one platform is read with a creator's token, and what its failures mean for a refresh. */
type ConnectedPlatform = {
  platform: Platform;
  quota: QuotaModel;
  /** The environment variable whose absence leaves the platform "not configured", when unset. */
  configured: () => { configured: true } | { configured: false; variable: string };
  read: (accessToken: string, maxPosts: number) => Promise<ConnectorResult>;
  /** The connector error a platform failure means (null: not the platform's own error, rethrown). */
  errorOf: (error: unknown, handle: string) => ConnectorError | null;
};

const reconnect = (platform: Platform, handle: string) =>
  new ConnectorError(
    'not_configured',
    `The ${PLATFORM_NAMES[platform]} connection of @${handle} no longer works: the creator must reconnect`,
  );

const INSTAGRAM: ConnectedPlatform = {
  platform: 'instagram',
  quota: { kind: 'rate-limited', note: 'Graph API: 200 calls per hour per connected account' },
  configured: () =>
    getEnv().INSTAGRAM_APP_ID && getEnv().INSTAGRAM_APP_SECRET ? { configured: true } : { configured: false, variable: 'INSTAGRAM_APP_ID' },
  read: readInstagramAccount,
  errorOf: (error, handle) => {
    if (!(error instanceof InstagramGraphError)) return null;
    if (error.code === 190 || error.status === 401) return reconnect('instagram', handle);
    if ([4, 17, 32, 613].includes(error.code ?? -1) || error.status === 429)
      return new ConnectorError('rate_limited', `Instagram rate limit: ${error.message}`, new Date(Date.now() + 3_600_000));
    return new ConnectorError('unavailable', `Instagram: ${error.message}`);
  },
};

const TIKTOK: ConnectedPlatform = {
  platform: 'tiktok',
  quota: { kind: 'rate-limited', note: 'Display API: 600 requests per minute per endpoint' },
  configured: () =>
    getEnv().TIKTOK_CLIENT_KEY && getEnv().TIKTOK_CLIENT_SECRET
      ? { configured: true }
      : { configured: false, variable: 'TIKTOK_CLIENT_KEY' },
  read: readTikTokAccount,
  errorOf: (error, handle) => {
    if (!(error instanceof TikTokApiError)) return null;
    if (error.status === 401 || error.code === 'access_token_invalid' || error.code === 'scope_not_authorized')
      return reconnect('tiktok', handle);
    if (error.status === 429 || error.code === 'rate_limit_exceeded')
      return new ConnectorError('rate_limited', `TikTok rate limit: ${error.message}`, new Date(Date.now() + 60_000));
    return new ConnectorError('unavailable', `TikTok: ${error.message}`);
  },
};

/**
 * A platform read only through the creator's connection (Instagram, TikTok): neither has a public
 * API for another account's numbers, so an account is read with the token of the creator who
 * connected it, renewed first when due (refreshConnectionToken). Without a working connection the
 * account is "not connected". Bios are not read: connecting is the proof of control.
 */
export class ConnectedAccountConnector implements Connector {
  readonly readsProfileText = false as const;

  private constructor(private readonly spec: ConnectedPlatform) {}

  static readonly instagram = new ConnectedAccountConnector(INSTAGRAM);
  static readonly tiktok = new ConnectedAccountConnector(TIKTOK);

  get platform() {
    return this.spec.platform;
  }

  get quota() {
    return this.spec.quota;
  }

  configuration() {
    return this.spec.configured();
  }

  async fetchAccount(ref: AccountRef, opts: { maxPosts: number }): Promise<ConnectorResult> {
    const { platform } = this.spec;
    const name = PLATFORM_NAMES[platform];
    const handle = ref.handle ?? ref.platformAccountId ?? '';
    const db = await getDb();
    const match = [
      ...(ref.platformAccountId ? [eq(platformConnections.platformUserId, ref.platformAccountId)] : []),
      ...(ref.handle ? [eq(platformConnections.handle, ref.handle)] : []),
    ];
    const [connection] = match.length
      ? await db
          .select({ id: platformConnections.id })
          .from(platformConnections)
          .where(
            and(eq(platformConnections.platform, platform), inArray(platformConnections.status, ['connected', 'expiring']), or(...match)),
          )
      : [];
    if (!connection)
      throw new ConnectorError(
        'not_configured',
        `@${handle} has not connected ${name}: ${name} is read only through the creator's connection`,
      );
    const renewed = await refreshConnectionToken({ ctx: systemCtx(`${platform}-refresh`), input: { connectionId: connection.id } });
    if (renewed.status === 'reauth_required') throw reconnect(platform, handle);
    const [current] = await db
      .select({ accessToken: platformConnections.accessToken })
      .from(platformConnections)
      .where(eq(platformConnections.id, connection.id));
    if (!current?.accessToken) throw new ConnectorError('not_configured', `@${handle} disconnected ${name}`);
    const token = openSecret(current.accessToken, { table: 'platform_connections', column: 'access_token', rowId: connection.id });
    try {
      return await this.spec.read(token, opts.maxPosts);
    } catch (error) {
      throw this.spec.errorOf(error, handle) ?? error;
    }
  }

  async fetchProfileText(): Promise<never> {
    const name = PLATFORM_NAMES[this.spec.platform];
    throw new ConnectorError('not_configured', `${name} bios are not read: a creator proves a ${name} account by connecting it`);
  }
}
