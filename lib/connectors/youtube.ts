import { youtube_v3 } from '@googleapis/youtube';
import type { GaxiosError } from 'gaxios';
import { getEnv } from '../env';
import { nextPacificMidnight } from './quota';
import {
  ConnectorError,
  type AccountRef,
  type Connector,
  type ConnectorPost,
  type ConnectorProfileText,
  type QuotaGuard,
  type QuotaModel,
} from './types';

/** Quota cost of each call we make (YouTube Data API v3 quota calculator). search.list (100) is never used. */
const YOUTUBE_COSTS = { 'channels.list': 1, 'playlistItems.list': 1, 'videos.list': 1 } as const;

const count = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));

export type YoutubeConfig = { apiKey?: string; baseUrl: string; dailyQuota: number; retryDelayMs?: number };

/** The YouTube connector configured from the environment (YOUTUBE_API_KEY, YOUTUBE_DAILY_QUOTA, YOUTUBE_API_BASE_URL). */
export function youtubeFromEnv(): YoutubeConnector {
  const env = getEnv();
  return new YoutubeConnector({ apiKey: env.YOUTUBE_API_KEY, baseUrl: env.YOUTUBE_API_BASE_URL, dailyQuota: env.YOUTUBE_DAILY_QUOTA });
}

/**
 * YouTube Data API v3 through Google's client (`@googleapis/youtube`) with an API key: the channel
 * from `channels.list` (by id, else `forHandle`), its uploads playlist page by page
 * (`playlistItems.list`) and the videos' statistics in batches of 50 (`videos.list`); one quota
 * unit per call, charged before the call. 429 and 5xx are retried with backoff by the client.
 */
export class YoutubeConnector implements Connector {
  readonly platform = 'youtube' as const;
  readonly quota: QuotaModel;
  private readonly client: youtube_v3.Youtube | null;

  constructor(private readonly config: YoutubeConfig) {
    this.quota = { kind: 'daily-units', dailyBudget: config.dailyQuota, resetsAt: 'midnight-pacific', costs: YOUTUBE_COSTS };
    this.client = config.apiKey
      ? new youtube_v3.Youtube({
          auth: config.apiKey,
          rootUrl: config.baseUrl,
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
        })
      : null;
  }

  configuration() {
    return this.client ? ({ configured: true } as const) : ({ configured: false, variable: 'YOUTUBE_API_KEY' } as const);
  }

  async fetchProfileText(ref: AccountRef, opts: { quota: QuotaGuard }): Promise<ConnectorProfileText> {
    const yt = this.client;
    if (!yt) throw new ConnectorError('not_configured', 'YouTube is not configured: set YOUTUBE_API_KEY');
    await opts.quota.spend(YOUTUBE_COSTS['channels.list'], 'channels.list');
    let channels;
    try {
      channels = (
        await (ref.platformAccountId
          ? yt.channels.list({ part: ['snippet'], id: [ref.platformAccountId] })
          : yt.channels.list({ part: ['snippet'], forHandle: ref.handle ? `@${ref.handle.replace(/^@/, '')}` : '' }))
      ).data;
    } catch (error) {
      throw toConnectorError(error as GaxiosError);
    }
    const channel = channels.items?.[0];
    if (!channel?.id)
      throw new ConnectorError(
        'not_found',
        ref.platformAccountId ? `No YouTube channel ${ref.platformAccountId}` : `No YouTube channel @${ref.handle}`,
      );
    const customUrl = channel.snippet?.customUrl;
    return {
      platformAccountId: channel.id,
      handle: (customUrl ?? ref.handle ?? channel.id).replace(/^@/, '').toLowerCase(),
      displayName: channel.snippet?.title ?? null,
      url: customUrl ? `https://www.youtube.com/${customUrl}` : `https://www.youtube.com/channel/${channel.id}`,
      text: channel.snippet?.description ?? '',
    };
  }

  async fetchAccount(ref: AccountRef, opts: { quota: QuotaGuard; maxPosts: number }) {
    const yt = this.client;
    if (!yt) throw new ConnectorError('not_configured', 'YouTube is not configured: set YOUTUBE_API_KEY');
    let unitsUsed = 0;
    const call = async <T>(name: keyof typeof YOUTUBE_COSTS, run: () => Promise<{ data: T }>): Promise<T> => {
      await opts.quota.spend(YOUTUBE_COSTS[name], name);
      unitsUsed += YOUTUBE_COSTS[name];
      try {
        return (await run()).data;
      } catch (error) {
        throw toConnectorError(error as GaxiosError);
      }
    };
    const part = ['snippet', 'statistics', 'contentDetails'];
    const channels = await call('channels.list', () =>
      ref.platformAccountId
        ? yt.channels.list({ part, id: [ref.platformAccountId] })
        : yt.channels.list({ part, forHandle: ref.handle ? `@${ref.handle.replace(/^@/, '')}` : '' }),
    );
    const channel = channels.items?.[0];
    if (!channel?.id)
      throw new ConnectorError(
        'not_found',
        ref.platformAccountId ? `No YouTube channel ${ref.platformAccountId}` : `No YouTube channel @${ref.handle}`,
      );
    const capturedAt = new Date();
    const handle = (channel.snippet?.customUrl ?? ref.handle ?? channel.id).replace(/^@/, '').toLowerCase();
    const profile = {
      platformAccountId: channel.id,
      handle,
      displayName: channel.snippet?.title ?? null,
      url: channel.snippet?.customUrl
        ? `https://www.youtube.com/${channel.snippet.customUrl}`
        : `https://www.youtube.com/channel/${channel.id}`,
      followers: channel.statistics?.hiddenSubscriberCount ? null : count(channel.statistics?.subscriberCount),
      totalViews: count(channel.statistics?.viewCount),
      postsCount: count(channel.statistics?.videoCount),
    };
    const uploads = channel.contentDetails?.relatedPlaylists?.uploads;
    const videoIds: string[] = [];
    let pageToken: string | undefined;
    while (uploads && videoIds.length < opts.maxPosts) {
      const page = await call('playlistItems.list', () =>
        yt.playlistItems.list({ part: ['contentDetails'], playlistId: uploads, maxResults: 50, pageToken }),
      );
      for (const item of page.items ?? [])
        if (item.contentDetails?.videoId && videoIds.length < opts.maxPosts) videoIds.push(item.contentDetails.videoId);
      pageToken = page.nextPageToken ?? undefined;
      if (!pageToken) break;
    }
    const posts: ConnectorPost[] = [];
    for (let i = 0; i < videoIds.length; i += 50) {
      const batch = videoIds.slice(i, i + 50);
      const videos = await call('videos.list', () =>
        yt.videos.list({ part: ['snippet', 'statistics', 'contentDetails'], id: batch, maxResults: 50 }),
      );
      for (const v of videos.items ?? []) {
        if (!v.id) continue;
        const live = v.snippet?.liveBroadcastContent;
        posts.push({
          platformPostId: v.id,
          publishedAt: v.snippet?.publishedAt ? new Date(v.snippet.publishedAt) : null,
          title: v.snippet?.title ?? null,
          url: `https://www.youtube.com/watch?v=${v.id}`,
          mediaType: live === 'live' || live === 'upcoming' ? 'live' : 'video',
          views: count(v.statistics?.viewCount),
          likes: count(v.statistics?.likeCount),
          comments: count(v.statistics?.commentCount),
        });
      }
    }
    const served = new Set(posts.map((p) => p.platformPostId));
    return { capturedAt, profile, posts, unavailablePostIds: videoIds.filter((id) => !served.has(id)), unitsUsed };
  }
}

/** A YouTube API error as a ConnectorError: quota (403 quotaExceeded), rate limit, not found, else unavailable. */
function toConnectorError(error: GaxiosError): ConnectorError {
  const status = error.response?.status;
  const body = error.response?.data as { error?: { message?: string; errors?: { reason?: string }[] } } | undefined;
  const reason = body?.error?.errors?.[0]?.reason;
  if (status === 403 && (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded'))
    return new ConnectorError('quota_exhausted', 'YouTube quota exhausted for today', nextPacificMidnight(new Date()));
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded')
    return new ConnectorError('rate_limited', 'YouTube is rate-limiting requests; retrying later', new Date(Date.now() + 15 * 60_000));
  if (status === 404) return new ConnectorError('not_found', body?.error?.message ?? 'Not found on YouTube');
  return new ConnectorError(
    'unavailable',
    status
      ? `YouTube answered with an error (HTTP ${status}${body?.error?.message ? `: ${body.error.message}` : ''})`
      : `YouTube could not be reached (${error.code ?? 'network error'})`,
    new Date(Date.now() + 60 * 60_000),
  );
}
