import { and, eq, inArray, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { platformConnections } from '@/db/schema';
import { refreshConnectionToken } from '../connections/refresh-connection-token';
import { systemCtx } from '../context';
import { openSecret } from '../crypto/secret-box';
import { getEnv } from '../env';
import { InstagramGraphError, readInstagramAccount } from './instagram-graph';
import { ConnectorError, type AccountRef, type Connector, type ConnectorResult, type QuotaModel } from './types';

/** The connector error a Graph failure means for a refresh. */
function connectorErrorOf(error: InstagramGraphError, handle: string): ConnectorError {
  if (error.code === 190 || error.status === 401)
    return new ConnectorError('not_configured', `The Instagram connection of @${handle} no longer works: the creator must reconnect`);
  if ([4, 17, 32, 613].includes(error.code ?? -1) || error.status === 429)
    return new ConnectorError('rate_limited', `Instagram rate limit: ${error.message}`, new Date(Date.now() + 3_600_000));
  return new ConnectorError('unavailable', `Instagram: ${error.message}`);
}

/**
 * Instagram through the creator's connection only (Instagram API with Instagram Login): Instagram
 * has no public API for another account's numbers, so an account is read with the token of the
 * creator who connected it, refreshed first when due. Without a working connection the account is
 * "not connected". Rate-limited per account token (200 calls per hour); no daily units.
 */
export class InstagramConnector implements Connector {
  readonly platform = 'instagram' as const;
  readonly quota: QuotaModel = { kind: 'rate-limited', note: 'Graph API: 200 calls per hour per connected account' };
  readonly readsProfileText = false as const;

  configuration() {
    const env = getEnv();
    return env.INSTAGRAM_APP_ID && env.INSTAGRAM_APP_SECRET
      ? ({ configured: true } as const)
      : ({ configured: false, variable: 'INSTAGRAM_APP_ID' } as const);
  }

  async fetchAccount(ref: AccountRef, opts: { maxPosts: number }): Promise<ConnectorResult> {
    const handle = ref.handle ?? ref.platformAccountId ?? '';
    const db = await getDb();
    const match = [
      ...(ref.platformAccountId ? [eq(platformConnections.platformUserId, ref.platformAccountId)] : []),
      ...(ref.handle ? [eq(platformConnections.handle, ref.handle)] : []),
    ];
    const [connection] = match.length
      ? await db
          .select({ id: platformConnections.id, accessToken: platformConnections.accessToken })
          .from(platformConnections)
          .where(
            and(
              eq(platformConnections.platform, 'instagram'),
              inArray(platformConnections.status, ['connected', 'expiring']),
              or(...match),
            ),
          )
      : [];
    if (!connection?.accessToken)
      throw new ConnectorError(
        'not_configured',
        `@${handle} has not connected Instagram: Instagram is read only through the creator's connection`,
      );
    const renewed = await refreshConnectionToken({ ctx: systemCtx('instagram-refresh'), input: { connectionId: connection.id } });
    if (renewed.status === 'reauth_required')
      throw new ConnectorError('not_configured', `The Instagram connection of @${handle} no longer works: the creator must reconnect`);
    const [current] = await db
      .select({ accessToken: platformConnections.accessToken })
      .from(platformConnections)
      .where(eq(platformConnections.id, connection.id));
    if (!current?.accessToken) throw new ConnectorError('not_configured', `@${handle} disconnected Instagram`);
    const token = openSecret(current.accessToken, { table: 'platform_connections', column: 'access_token', rowId: connection.id });
    try {
      return await readInstagramAccount(token, opts.maxPosts);
    } catch (error) {
      if (error instanceof InstagramGraphError) throw connectorErrorOf(error, handle);
      throw error;
    }
  }

  async fetchProfileText(): Promise<never> {
    throw new ConnectorError('not_configured', 'Instagram bios are not read: a creator proves an Instagram account by connecting it');
  }
}
