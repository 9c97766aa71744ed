import { Gaxios, type GaxiosError } from 'gaxios';
import { getEnv } from '../env';
import {
  ConnectorError,
  type AccountRef,
  type Connector,
  type ConnectorPost,
  type ConnectorProfileText,
  type QuotaGuard,
  type QuotaModel,
} from './types';

type DmUser = {
  id: string;
  username: string;
  screenname?: string;
  url?: string;
  followers_total?: number;
  views_total?: number;
  videos_total?: number;
};
type DmVideo = { id: string; title?: string; created_time?: number; views_total?: number; likes_total?: number; url?: string };
type DmPage<T> = { page: number; limit: number; has_more: boolean; list: T[] };

const USER_FIELDS = 'id,username,screenname,url,followers_total,views_total,videos_total';
const VIDEO_FIELDS = 'id,title,created_time,views_total,likes_total,url';
const num = (v: number | undefined | null) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export type DailymotionConfig = { baseUrl: string; retryDelayMs?: number };

/** The Dailymotion connector configured from the environment (DAILYMOTION_API_BASE_URL). */
export function dailymotionFromEnv(): DailymotionConnector {
  return new DailymotionConnector({ baseUrl: getEnv().DAILYMOTION_API_BASE_URL });
}

/**
 * Dailymotion's public REST API (no key): the user by username (or id) with `followers_total` and
 * `views_total`, and their videos newest first with `views_total` and `likes_total`, asking only
 * for the `fields` used and walking `page` while `has_more`. 429 and 5xx are retried with backoff
 * (gaxios); there is no daily quota, only rate limiting.
 */
export class DailymotionConnector implements Connector {
  readonly platform = 'dailymotion' as const;
  readonly quota: QuotaModel = { kind: 'rate-limited', note: 'no daily quota; requests are rate-limited per IP' };
  private readonly http: Gaxios;

  constructor(private readonly config: DailymotionConfig) {
    this.http = new Gaxios({
      // A trailing slash and relative paths keep any path prefix of the base URL.
      baseURL: config.baseUrl.replace(/\/?$/, '/'),
      retryConfig: {
        retry: 2,
        retryDelay: config.retryDelayMs ?? 1_000,
        retryDelayMultiplier: 2,
        statusCodesToRetry: [
          [429, 429],
          [500, 599],
        ],
        httpMethodsToRetry: ['GET'],
      },
    });
  }

  configuration() {
    return { configured: true } as const;
  }

  private async get<T>(url: string, params: Record<string, string | number>): Promise<T> {
    try {
      return (await this.http.request<T>({ url, params, method: 'GET' })).data;
    } catch (error) {
      const e = error as GaxiosError;
      const status = e.response?.status;
      if (status === 404) throw new ConnectorError('not_found', 'Not found on Dailymotion');
      if (status === 429)
        throw new ConnectorError(
          'rate_limited',
          'Dailymotion is rate-limiting requests; retrying later',
          new Date(Date.now() + 15 * 60_000),
        );
      // The client's message holds the whole request URL: say what happened in words instead.
      throw new ConnectorError(
        'unavailable',
        status ? `Dailymotion answered with an error (HTTP ${status})` : `Dailymotion could not be reached (${e.code ?? 'network error'})`,
        new Date(Date.now() + 60 * 60_000),
      );
    }
  }

  async fetchProfileText(ref: AccountRef, opts: { quota: QuotaGuard }): Promise<ConnectorProfileText> {
    const key = ref.platformAccountId ?? ref.handle;
    if (!key) throw new ConnectorError('not_found', 'No Dailymotion user given');
    await opts.quota.spend(0, 'user');
    let user: DmUser & { description?: string | null };
    try {
      user = await this.get<DmUser & { description?: string | null }>(`user/${encodeURIComponent(key)}`, {
        fields: 'id,username,screenname,url,description',
      });
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'not_found')
        throw new ConnectorError('not_found', `No Dailymotion user ${key}`);
      throw error;
    }
    return {
      platformAccountId: user.id,
      handle: user.username.toLowerCase(),
      displayName: user.screenname ?? null,
      url: user.url ?? `https://www.dailymotion.com/${user.username}`,
      text: user.description ?? '',
    };
  }

  async fetchAccount(ref: AccountRef, opts: { quota: QuotaGuard; maxPosts: number }) {
    const key = ref.platformAccountId ?? ref.handle;
    if (!key) throw new ConnectorError('not_found', 'No Dailymotion user given');
    let user: DmUser;
    try {
      await opts.quota.spend(0, 'user');
      user = await this.get<DmUser>(`user/${encodeURIComponent(key)}`, { fields: USER_FIELDS });
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'not_found')
        throw new ConnectorError('not_found', `No Dailymotion user ${key}`);
      throw error;
    }
    const capturedAt = new Date();
    const posts: ConnectorPost[] = [];
    const limit = Math.min(100, Math.max(1, opts.maxPosts));
    for (let page = 1; posts.length < opts.maxPosts; page++) {
      await opts.quota.spend(0, 'user/videos');
      const res = await this.get<DmPage<DmVideo>>(`user/${encodeURIComponent(user.id)}/videos`, {
        fields: VIDEO_FIELDS,
        limit,
        page,
        sort: 'recent',
      });
      for (const v of res.list) {
        if (posts.length >= opts.maxPosts) break;
        posts.push({
          platformPostId: v.id,
          publishedAt: v.created_time ? new Date(v.created_time * 1000) : null,
          title: v.title ?? null,
          url: v.url ?? `https://www.dailymotion.com/video/${v.id}`,
          mediaType: 'video',
          views: num(v.views_total),
          likes: num(v.likes_total),
          comments: null,
        });
      }
      if (!res.has_more) break;
    }
    return {
      capturedAt,
      profile: {
        platformAccountId: user.id,
        handle: user.username.toLowerCase(),
        displayName: user.screenname ?? null,
        url: user.url ?? `https://www.dailymotion.com/${user.username}`,
        followers: num(user.followers_total),
        totalViews: num(user.views_total),
        postsCount: num(user.videos_total),
      },
      posts,
      unavailablePostIds: [],
      unitsUsed: 0,
    };
  }
}
