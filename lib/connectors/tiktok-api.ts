import { z } from 'zod';
import { getEnv } from '../env';
import type { ConnectorPost, ConnectorResult } from './types';

/** The longest one TikTok request is waited for. */
const CALL_TIMEOUT_MS = 20_000;
/** Videos per `video/list` page (TikTok's maximum is 20). */
const PAGE_SIZE = 20;

/**
 * A TikTok API failure: the HTTP status, and TikTok's error code — the Display API's
 * `error.code` (`access_token_invalid`, `scope_not_authorized`, `rate_limit_exceeded`…) or the
 * OAuth endpoint's `error` (`invalid_grant`, `invalid_client`…).
 */
export class TikTokApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'TikTokApiError';
  }
}

/**
 * One request to TikTok's API host, answered as JSON. OAuth endpoints take a form and answer
 * `{ error, error_description, log_id }` on failure (sometimes with HTTP 200); the Display API
 * answers `{ data, error: { code, message, log_id } }`, `code` "ok" on success.
 * @throws TikTokApiError with TikTok's message (never a token).
 */
export async function tiktokRequest(
  path: string,
  init: { method: 'GET' | 'POST'; form?: Record<string, string>; json?: unknown; query?: Record<string, string>; accessToken?: string },
): Promise<Record<string, unknown>> {
  const base = getEnv().TIKTOK_API_BASE_URL;
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  if (init.query) url.search = new URLSearchParams(init.query).toString();
  const headers: Record<string, string> = {};
  if (init.accessToken) headers.authorization = `Bearer ${init.accessToken}`;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: init.method, headers, body, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  } catch (error) {
    throw new TikTokApiError(`TikTok did not answer (${(error as Error).name === 'TimeoutError' ? 'timeout' : 'network error'})`, 0, null);
  }
  const json = ((await res.json().catch(() => null)) ?? {}) as Record<string, unknown>;
  const oauthError = typeof json.error === 'string' && json.error ? json.error : null;
  const apiError = json.error && typeof json.error === 'object' ? (json.error as { code?: unknown; message?: unknown }) : null;
  if (oauthError)
    throw new TikTokApiError(String(json.error_description ?? oauthError).slice(0, 300), res.status === 200 ? 400 : res.status, oauthError);
  if (!res.ok || (apiError && apiError.code !== 'ok'))
    throw new TikTokApiError(
      String(apiError?.message || `HTTP ${res.status}`).slice(0, 300),
      res.status,
      typeof apiError?.code === 'string' ? apiError.code : null,
    );
  return json;
}

const userSchema = z.object({
  data: z.object({
    user: z.object({
      open_id: z.string().min(1),
      username: z.string().nullish(),
      display_name: z.string().nullish(),
      follower_count: z.number().int().nonnegative().nullish(),
      following_count: z.number().int().nonnegative().nullish(),
      likes_count: z.number().int().nonnegative().nullish(),
      video_count: z.number().int().nonnegative().nullish(),
    }),
  }),
});

const videoListSchema = z.object({
  data: z.object({
    videos: z
      .array(
        z.object({
          id: z.string(),
          title: z.string().nullish(),
          video_description: z.string().nullish(),
          create_time: z.number().int().nullish(),
          share_url: z.string().url().nullish(),
          view_count: z.number().int().nonnegative().nullish(),
          like_count: z.number().int().nonnegative().nullish(),
          comment_count: z.number().int().nonnegative().nullish(),
          share_count: z.number().int().nonnegative().nullish(),
        }),
      )
      .nullish(),
    cursor: z.number().int().nullish(),
    has_more: z.boolean().nullish(),
  }),
});

export type TikTokUser = z.infer<typeof userSchema>['data']['user'];

/** The user a token belongs to, with their statistics (scopes user.info.basic, user.info.profile, user.info.stats). */
export async function tiktokUser(accessToken: string): Promise<TikTokUser> {
  const json = await tiktokRequest('v2/user/info/', {
    method: 'GET',
    accessToken,
    query: { fields: 'open_id,union_id,display_name,username,follower_count,following_count,likes_count,video_count' },
  });
  const parsed = userSchema.safeParse(json);
  if (!parsed.success) throw new TikTokApiError('TikTok answered the user in an unexpected shape', 502, null);
  return parsed.data.data.user;
}

/**
 * Reads a connected TikTok account with its token (Display API): the user's statistics
 * (followers, following, likes, videos) and their latest videos — at most `maxPosts`, paged 20 at
 * a time by `cursor` — with view, like, comment and share counts. Everything the Display API
 * gives is public on TikTok; it is first-party in that the creator granted it.
 * @throws TikTokApiError
 */
export async function readTikTokAccount(accessToken: string, maxPosts: number): Promise<ConnectorResult> {
  const capturedAt = new Date();
  const user = await tiktokUser(accessToken);
  const posts: ConnectorPost[] = [];
  let cursor: number | null = null;
  while (posts.length < maxPosts) {
    const page = videoListSchema.safeParse(
      await tiktokRequest('v2/video/list/', {
        method: 'POST',
        accessToken,
        query: { fields: 'id,title,video_description,create_time,share_url,view_count,like_count,comment_count,share_count' },
        json: { max_count: Math.min(PAGE_SIZE, maxPosts - posts.length), ...(cursor === null ? {} : { cursor }) },
      }),
    );
    if (!page.success) throw new TikTokApiError('TikTok answered the video list in an unexpected shape', 502, null);
    for (const v of page.data.data.videos ?? [])
      posts.push({
        platformPostId: v.id,
        publishedAt: v.create_time ? new Date(v.create_time * 1000) : null,
        title: (v.title || v.video_description || '').slice(0, 200) || null,
        url: v.share_url ?? `https://www.tiktok.com/@${user.username ?? user.open_id}/video/${v.id}`,
        mediaType: 'video',
        views: v.view_count ?? null,
        likes: v.like_count ?? null,
        comments: v.comment_count ?? null,
        shares: v.share_count ?? null,
      });
    if (!page.data.data.has_more || page.data.data.cursor == null || !page.data.data.videos?.length) break;
    cursor = page.data.data.cursor;
  }
  const handle = (user.username ?? user.open_id).toLowerCase();
  return {
    capturedAt,
    profile: {
      platformAccountId: user.open_id,
      handle,
      displayName: user.display_name ?? null,
      url: user.username ? `https://www.tiktok.com/@${user.username}` : null,
      followers: user.follower_count ?? null,
      following: user.following_count ?? null,
      totalLikes: user.likes_count ?? null,
      totalViews: null,
      postsCount: user.video_count ?? null,
    },
    posts: posts.slice(0, maxPosts),
    unavailablePostIds: [],
    unitsUsed: 0,
    firstParty: true,
  };
}
