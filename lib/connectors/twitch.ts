import { ApiClient, type HelixUser } from '@twurple/api';
import { AppTokenAuthProvider, StaticAuthProvider } from '@twurple/auth';
import { getEnv } from '../env';
import { withTimeout } from '../with-timeout';
import {
  ConnectorError,
  type AccountRef,
  type Connector,
  type ConnectorPost,
  type ConnectorProfileText,
  type QuotaGuard,
  type QuotaModel,
} from './types';

export type TwitchConfig = { clientId?: string; clientSecret?: string };

/** The Twitch connector configured from the environment (TWITCH_CLIENT_ID, TWITCH_CLIENT_SECRET). */
export function twitchFromEnv(): TwitchConnector {
  const env = getEnv();
  return new TwitchConnector({ clientId: env.TWITCH_CLIENT_ID, clientSecret: env.TWITCH_CLIENT_SECRET });
}

// One client per credentials per process: its app token (client-credentials grant) is fetched once
// and renewed by @twurple/auth when it expires, not per refresh.
const clients = new Map<string, ApiClient>();

/**
 * Twitch's Helix API through `@twurple/api` with an app access token (client-credentials grant,
 * `@twurple/auth`): no creator connection needed, as for YouTube. The user by login (or id), its
 * follower total (`channels/followers`, which answers the total to an app token), and its videos
 * newest first (`videos`, uploads, past broadcasts and highlights) with their view counts. Helix
 * allows 800 requests a minute per app (rate-limited, no daily quota); twurple waits out 429s.
 */
export class TwitchConnector implements Connector {
  readonly platform = 'twitch' as const;
  readonly quota: QuotaModel = { kind: 'rate-limited', note: 'Helix: 800 requests per minute per app token; no daily quota' };

  constructor(private readonly config: TwitchConfig) {}

  configuration() {
    return this.config.clientId && this.config.clientSecret
      ? ({ configured: true } as const)
      : ({ configured: false, variable: 'TWITCH_CLIENT_ID' } as const);
  }

  private api(): ApiClient {
    const { clientId, clientSecret } = this.config;
    if (!clientId || !clientSecret)
      throw new ConnectorError('not_configured', 'Twitch is not configured (TWITCH_CLIENT_ID, TWITCH_CLIENT_SECRET)');
    const key = `${clientId}\u0000${clientSecret}`;
    let client = clients.get(key);
    if (!client) {
      client = new ApiClient({ authProvider: new AppTokenAuthProvider(clientId, clientSecret) });
      clients.set(key, client);
    }
    return client;
  }

  /** Runs a Helix call, turning Twitch's failures into {@link ConnectorError}s a user can read. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      // twurple's HttpStatusCodeError carries the HTTP status.
      const status =
        typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : null;
      if (status === 401 || status === 403)
        throw new ConnectorError(
          'not_configured',
          `Twitch refused Reachboard's app credentials (HTTP ${status}): check TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET`,
          new Date(Date.now() + 60 * 60_000),
        );
      if (status === 429)
        throw new ConnectorError('rate_limited', 'Twitch is rate-limiting requests; retrying later', new Date(Date.now() + 15 * 60_000));
      throw new ConnectorError(
        'unavailable',
        status ? `Twitch answered ${what} with an error (HTTP ${status})` : `Twitch could not be reached for ${what}`,
        new Date(Date.now() + 60 * 60_000),
      );
    }
  }

  private async user(ref: AccountRef, quota: QuotaGuard): Promise<HelixUser> {
    const api = this.api();
    await quota.spend(0, 'users');
    const user = await this.call('the user', () =>
      ref.platformAccountId ? api.users.getUserById(ref.platformAccountId) : api.users.getUserByName(ref.handle ?? ''),
    );
    if (!user) throw new ConnectorError('not_found', `No Twitch channel ${ref.handle ?? ref.platformAccountId}`);
    return user;
  }

  async fetchProfileText(ref: AccountRef, opts: { quota: QuotaGuard }): Promise<ConnectorProfileText> {
    if (!ref.platformAccountId && !ref.handle) throw new ConnectorError('not_found', 'No Twitch channel given');
    const user = await this.user(ref, opts.quota);
    return {
      platformAccountId: user.id,
      handle: user.name.toLowerCase(),
      displayName: user.displayName,
      url: `https://www.twitch.tv/${user.name}`,
      text: user.description,
    };
  }

  async fetchAccount(ref: AccountRef, opts: { quota: QuotaGuard; maxPosts: number }) {
    if (!ref.platformAccountId && !ref.handle) throw new ConnectorError('not_found', 'No Twitch channel given');
    const api = this.api();
    const user = await this.user(ref, opts.quota);
    const capturedAt = new Date();
    await opts.quota.spend(0, 'channels/followers');
    const followers = await this.call('the follower count', () => api.channels.getChannelFollowerCount(user.id));
    const posts: ConnectorPost[] = [];
    const paginator = api.videos.getVideosByUserPaginated(user.id, { type: 'all' });
    while (posts.length < opts.maxPosts) {
      await opts.quota.spend(0, 'videos');
      const page = await this.call('the videos', () => paginator.getNext());
      if (!page.length) break;
      for (const v of page) {
        if (posts.length >= opts.maxPosts) break;
        posts.push({
          platformPostId: v.id,
          publishedAt: v.publishDate ?? v.creationDate,
          title: v.title || null,
          url: v.url,
          // A past broadcast is a live; uploads and highlights are videos.
          mediaType: v.type === 'archive' ? 'live' : 'video',
          views: Number.isFinite(v.views) ? v.views : null,
          likes: null,
          comments: null,
        });
      }
    }
    return {
      capturedAt,
      profile: {
        platformAccountId: user.id,
        handle: user.name.toLowerCase(),
        displayName: user.displayName,
        url: `https://www.twitch.tv/${user.name}`,
        followers: Number.isFinite(followers) ? followers : null,
        // Helix stopped serving channel view totals (`view_count`) in 2022; unknown, never 0.
        totalViews: null,
        postsCount: null,
      },
      posts,
      unavailablePostIds: [],
      unitsUsed: 0,
    };
  }
}

/**
 * A connected broadcaster's paid subscriptions (Helix `GET /subscriptions`, scope
 * channel:read:subscriptions) with the broadcaster's own token: the total and the sub points (a
 * tier-2 subscription counts 2, tier 3 counts 6). First-party: Twitch gives them only to the
 * broadcaster.
 * @throws the Helix error (the caller keeps it as a partial failure).
 */
export async function readTwitchSubscriptions(accessToken: string, broadcasterId: string): Promise<{ total: number; points: number }> {
  const clientId = getEnv().TWITCH_CLIENT_ID;
  if (!clientId) throw new Error('Twitch is not configured (TWITCH_CLIENT_ID)');
  const api = new ApiClient({ authProvider: new StaticAuthProvider(clientId, accessToken, ['channel:read:subscriptions']) });
  const result = await withTimeout(api.subscriptions.getSubscriptions(broadcasterId, { limit: 1 }), 20_000, 'Twitch (subscriptions)');
  return { total: result.total, points: result.points };
}
