import { z } from 'zod';
import { getEnv } from '../env';
import type { ConnectorAudienceBucket, ConnectorPeriodInsight, ConnectorPost, ConnectorResult } from './types';

/** The Graph API version Reachboard's requests name (Instagram API with Instagram Login). */
const INSTAGRAM_GRAPH_VERSION = 'v24.0';
/** The longest one Graph request is waited for. */
const CALL_TIMEOUT_MS = 20_000;
/** Media whose insights are read per refresh (one request each). */
const MAX_MEDIA = 25;

/**
 * The media insights asked for, all valid for feed posts and reels today
 * (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights):
 * `impressions` and `plays` were removed in 2025, and one invalid metric fails the whole request.
 */
const MEDIA_METRICS = ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions'] as const;
const BREAKDOWNS = ['age', 'gender', 'country', 'city'] as const;
/** Account insights read as totals over {@link ACCOUNT_INSIGHT_DAYS} days (valid with `metric_type=total_value` today). */
const ACCOUNT_METRICS = ['reach', 'views', 'accounts_engaged', 'total_interactions'] as const;
const ACCOUNT_INSIGHT_DAYS = 28;

/** Graph's error body: `{ error: { message, type, code, error_subcode } }`. */
const graphError = z.object({
  error: z.object({ message: z.string().optional(), type: z.string().optional(), code: z.number().optional() }).passthrough(),
});

/** A Graph request that failed, with Graph's `code` (190: token not valid; 4, 17, 32, 613: rate limits; 100: bad parameter). */
export class InstagramGraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'InstagramGraphError';
  }
}

/**
 * One request to an Instagram host (`graph` or `oauth`), answered as JSON.
 * @throws InstagramGraphError with Graph's message (never the token) for any non-2xx answer.
 */
export async function instagramRequest(
  host: 'graph' | 'oauth',
  path: string,
  params: Record<string, string>,
  init: { method?: 'GET' | 'POST' } = {},
): Promise<unknown> {
  const env = getEnv();
  const base = host === 'graph' ? env.INSTAGRAM_GRAPH_BASE_URL : env.INSTAGRAM_OAUTH_BASE_URL;
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  const body = new URLSearchParams(params);
  if (init.method !== 'POST') url.search = body.toString();
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      body: init.method === 'POST' ? body : undefined,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (error) {
    throw new InstagramGraphError(
      `Instagram did not answer (${(error as Error).name === 'TimeoutError' ? 'timeout' : 'network error'})`,
      0,
      null,
    );
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return json;
  const parsed = graphError.safeParse(json);
  const message = (parsed.success ? parsed.data.error.message : null) ?? `HTTP ${res.status}`;
  // Some token-endpoint errors come as { error_type, code, error_message }.
  const flat = json as { error_message?: unknown; code?: unknown } | null;
  throw new InstagramGraphError(
    (typeof flat?.error_message === 'string' ? flat.error_message : message).slice(0, 300),
    res.status,
    parsed.success ? (parsed.data.error.code ?? null) : typeof flat?.code === 'number' ? flat.code : null,
  );
}

const profileSchema = z.object({
  id: z.string(),
  user_id: z.union([z.string(), z.number()]).transform(String).optional(),
  username: z.string().min(1),
  name: z.string().nullish(),
  followers_count: z.number().int().nonnegative().nullish(),
  follows_count: z.number().int().nonnegative().nullish(),
  media_count: z.number().int().nonnegative().nullish(),
});

const mediaListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      caption: z.string().nullish(),
      media_type: z.string().nullish(),
      media_product_type: z.string().nullish(),
      permalink: z.string().url().nullish(),
      timestamp: z.string().nullish(),
      like_count: z.number().int().nonnegative().nullish(),
      comments_count: z.number().int().nonnegative().nullish(),
    }),
  ),
});

const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.number() })).nullish(),
      total_value: z
        .object({
          value: z.number().nullish(),
          breakdowns: z
            .array(z.object({ results: z.array(z.object({ dimension_values: z.array(z.string()), value: z.number() })).nullish() }))
            .nullish(),
        })
        .nullish(),
    }),
  ),
});

/** The account a token belongs to: its professional account id, username and name. */
export async function instagramProfile(accessToken: string): Promise<z.infer<typeof profileSchema>> {
  const json = await instagramRequest('graph', `${INSTAGRAM_GRAPH_VERSION}/me`, {
    fields: 'id,user_id,username,name,followers_count,follows_count,media_count',
    access_token: accessToken,
  });
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) throw new InstagramGraphError('Instagram answered the profile in an unexpected shape', 502, null);
  return parsed.data;
}

function mediaTypeOf(m: { media_type?: string | null; media_product_type?: string | null }): ConnectorPost['mediaType'] {
  if (m.media_product_type === 'REELS') return 'reel';
  if (m.media_product_type === 'STORY') return 'story';
  if (m.media_type === 'CAROUSEL_ALBUM') return 'carousel';
  if (m.media_type === 'VIDEO') return 'video';
  if (m.media_type === 'IMAGE') return 'image';
  return null;
}

const GENDERS: Record<string, string> = { F: 'female', M: 'male', U: 'unknown' };

/**
 * Reads a connected Instagram professional account with its token: the profile (followers,
 * follows, media count), its account insights over the last 28 days (unique reach, views, accounts
 * engaged, total interactions), its latest media (at most `maxPosts`, and insights for the first
 * {@link MAX_MEDIA}: views, reach, likes, comments, saved, shares, total interactions) and its
 * follower demographics by age, gender, country and city (`follower_demographics`, lifetime,
 * this month). A media's insights or one breakdown failing loses only that part: the post keeps its
 * public counts, the other breakdowns are kept, and `partialFailures` says what failed. Instagram
 * lists at most the top 45 countries or cities and reports nothing under 100 followers: what the
 * listed buckets do not cover of the followers is stored as withheld (`bucket` null), never as 0.
 * @throws InstagramGraphError when the profile or the media list cannot be read.
 */
export async function readInstagramAccount(accessToken: string, maxPosts: number): Promise<ConnectorResult> {
  const capturedAt = new Date();
  const partialFailures: string[] = [];
  const me = await instagramProfile(accessToken);
  const list = mediaListSchema.safeParse(
    await instagramRequest('graph', `${INSTAGRAM_GRAPH_VERSION}/me/media`, {
      fields: 'id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count',
      limit: String(Math.min(maxPosts, 50)),
      access_token: accessToken,
    }),
  );
  if (!list.success) throw new InstagramGraphError('Instagram answered the media list in an unexpected shape', 502, null);
  const posts: ConnectorPost[] = [];
  for (const [i, m] of list.data.data.entries()) {
    const post: ConnectorPost = {
      platformPostId: m.id,
      publishedAt: m.timestamp && !Number.isNaN(Date.parse(m.timestamp)) ? new Date(m.timestamp) : null,
      title: m.caption ? m.caption.slice(0, 200) : null,
      url: m.permalink ?? `https://www.instagram.com/p/${m.id}/`,
      mediaType: mediaTypeOf(m),
      views: null,
      likes: m.like_count ?? null,
      comments: m.comments_count ?? null,
    };
    if (i < MAX_MEDIA && post.mediaType !== 'story') {
      try {
        const insights = insightsSchema.parse(
          await instagramRequest('graph', `${INSTAGRAM_GRAPH_VERSION}/${encodeURIComponent(m.id)}/insights`, {
            metric: MEDIA_METRICS.join(','),
            access_token: accessToken,
          }),
        );
        const value = (name: string) => {
          const metric = insights.data.find((d) => d.name === name);
          const v = metric?.values?.[0]?.value ?? metric?.total_value?.value;
          return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
        };
        post.views = value('views');
        post.reach = value('reach');
        post.saves = value('saved');
        post.shares = value('shares');
        post.likes = value('likes') ?? post.likes;
        post.comments = value('comments') ?? post.comments;
      } catch (error) {
        partialFailures.push(`insights of media ${m.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    posts.push(post);
  }
  // Account insights: totals over the last 28 days (one request; `total_value` gives unique reach over the range).
  let periodInsights: ConnectorPeriodInsight | undefined;
  try {
    const until = Math.floor(capturedAt.getTime() / 1000);
    const since = until - ACCOUNT_INSIGHT_DAYS * 86_400;
    const insights = insightsSchema.parse(
      await instagramRequest('graph', `${INSTAGRAM_GRAPH_VERSION}/me/insights`, {
        metric: ACCOUNT_METRICS.join(','),
        period: 'day',
        metric_type: 'total_value',
        since: String(since),
        until: String(until),
        access_token: accessToken,
      }),
    );
    const total = (name: string) => {
      const v = insights.data.find((d) => d.name === name)?.total_value?.value;
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
    };
    periodInsights = {
      start: new Date(since * 1000).toISOString().slice(0, 10),
      end: capturedAt.toISOString().slice(0, 10),
      reach: total('reach'),
      views: total('views'),
      accountsEngaged: total('accounts_engaged'),
      totalInteractions: total('total_interactions'),
    };
  } catch (error) {
    partialFailures.push(`account insights: ${error instanceof Error ? error.message : String(error)}`);
  }
  const audience: ConnectorAudienceBucket[] = [];
  for (const breakdown of BREAKDOWNS) {
    try {
      const insights = insightsSchema.parse(
        await instagramRequest('graph', `${INSTAGRAM_GRAPH_VERSION}/me/insights`, {
          metric: 'follower_demographics',
          period: 'lifetime',
          timeframe: 'this_month',
          breakdown,
          metric_type: 'total_value',
          access_token: accessToken,
        }),
      );
      const results = insights.data[0]?.total_value?.breakdowns?.[0]?.results ?? [];
      const listed = results
        .map((r) => ({
          bucket: breakdown === 'gender' ? (GENDERS[r.dimension_values[0]] ?? r.dimension_values[0]) : r.dimension_values[0],
          count: r.value,
        }))
        .filter((r) => r.bucket && Number.isSafeInteger(r.count) && r.count >= 0);
      const sum = listed.reduce((a, r) => a + r.count, 0);
      // The whole: the followers, when the listed buckets do not exceed them (they can, briefly: counts are not taken at the same instant).
      const total = me.followers_count && me.followers_count >= sum ? me.followers_count : sum;
      if (!total) continue;
      for (const r of listed)
        audience.push({ breakdown, bucket: r.bucket, count: r.count, share: r.count / total, source: 'follower_demographics' });
      if (total > sum)
        audience.push({ breakdown, bucket: null, count: total - sum, share: (total - sum) / total, source: 'follower_demographics' });
    } catch (error) {
      partialFailures.push(`${breakdown} demographics: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    capturedAt,
    profile: {
      platformAccountId: me.user_id ?? me.id,
      handle: me.username.toLowerCase(),
      displayName: me.name ?? null,
      url: `https://www.instagram.com/${me.username}/`,
      followers: me.followers_count ?? null,
      following: me.follows_count ?? null,
      totalViews: null,
      postsCount: me.media_count ?? null,
    },
    posts,
    unavailablePostIds: [],
    unitsUsed: 0,
    firstParty: true,
    audience,
    periodInsights,
    partialFailures,
  };
}
