import { ACCOUNT_FIELDS, POST_FIELDS, type AccountField, type ImportMappingInput, type PostField } from './mapping';

/** What files call an account's handle and its display name, at post and at account level. */
const HANDLES = ['handle', 'username', 'user name', 'account', 'account username', 'channel', 'creator', 'influencer'];
const NAMES = ['display name', 'full name', 'creator name', 'influencer name', 'account name', 'channel name'];

/**
 * What files call each field, normalised (lower case, words separated by single spaces), from the
 * column names of platform exports (YouTube Studio, Meta Business Suite, TikTok Studio), agency
 * spreadsheets and influencer-tool exports (GRIN, Modash, Upfluence CSVs).
 */
const SYNONYMS: Partial<Record<PostField | AccountField, string[]>> = {
  platformPostId: ['post id', 'video id', 'media id', 'content id', 'content', 'shortcode', 'post', 'video'],
  url: ['url', 'link', 'post url', 'post link', 'permalink', 'video link', 'video url'],
  accountHandle: [...HANDLES, 'channel title', 'author'],
  handle: [...HANDLES, 'instagram handle', 'channel info'],
  displayName: ['name', ...NAMES],
  accountDisplayName: NAMES,
  platform: ['platform', 'network', 'social network', 'channel type', 'social platform', 'source'],
  capturedAt: [
    'date',
    'day',
    'captured',
    'captured at',
    'capture date',
    'snapshot date',
    'as of',
    'report date',
    'data date',
    'export date',
  ],
  publishedAt: [
    'published',
    'published at',
    'publish date',
    'publish time',
    'posted',
    'posted at',
    'post date',
    'post time',
    'upload date',
    'video publish time',
  ],
  title: ['title', 'caption', 'description', 'video title', 'post title', 'text'],
  tags: ['tags', 'hashtags', 'keywords'],
  mediaType: ['media type', 'post type', 'type', 'format', 'content type'],
  views: ['views', 'view count', 'video views', 'plays', 'play count', 'total views', 'video plays'],
  likes: ['likes', 'like count', 'total likes', 'hearts', 'reactions'],
  dislikes: ['dislikes', 'dislike count'],
  comments: ['comments', 'comment count', 'comments added', 'total comments', 'comment total', 'replies'],
  shares: ['shares', 'share count', 'total shares', 'reposts'],
  saves: ['saves', 'save count', 'saved', 'bookmarks', 'favorites'],
  reach: ['reach', 'accounts reached', 'unique viewers'],
  impressions: ['impressions', 'thumbnail impressions', 'impression count'],
  clicks: ['clicks', 'link clicks', 'click count', 'swipe ups'],
  conversions: ['conversions', 'orders', 'sales', 'purchases', 'signups'],
  revenue: ['revenue', 'sales amount', 'order value', 'gmv', 'income'],
  cost: ['cost', 'fee', 'spend', 'price', 'rate', 'amount paid', 'creator fee', 'influencer fee', 'paid'],
  followers: ['followers', 'follower count', 'subscribers', 'subscriber count', 'fans'],
  following: ['following', 'follows', 'following count'],
  postsCount: ['posts', 'posts count', 'post count', 'media count', 'videos', 'video count', 'uploads'],
  avgLikes: ['avg likes', 'average likes', 'mean likes'],
  engagementRate: ['engagement rate', 'er', 'eng rate', 'engagement', 'avg engagement rate'],
  totalLikes: ['total likes', 'likes total', 'lifetime likes'],
  totalViews: ['total views', 'lifetime views', 'channel views'],
  country: ['country', 'location', 'audience country', 'market'],
  category: ['category', 'niche', 'vertical', 'topic'],
};

const normalise = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Proposes a mapping for a file no known layout matches, from its column names: each field takes
 * the first column whose normalised name is one of the field's synonyms (a column fills one
 * field). The kind is `post` when a post id or post URL column is found, else `account` when a
 * handle and a followers column are, else `post` when post metrics (views, likes, comments) are
 * (the id left for the user to map), else `account` when a handle is; null when nothing matches.
 * The user confirms the proposal.
 */
export function proposeMapping(headers: string[]): ImportMappingInput | null {
  const byName = new Map<string, string>();
  for (const h of headers) if (!byName.has(normalise(h))) byName.set(normalise(h), h.trim());
  const pick = (fields: readonly (PostField | AccountField)[]) => {
    const used = new Set<string>();
    const columns: Record<string, string> = {};
    for (const field of fields) {
      const column = (SYNONYMS[field] ?? []).map((s) => byName.get(s)).find((c) => c !== undefined && !used.has(c));
      if (column) {
        columns[field] = column;
        used.add(column);
      }
    }
    return columns;
  };
  // Fields in the mapping's own order: a column goes to the first field that names it.
  const post = pick(POST_FIELDS);
  const account = pick(ACCOUNT_FIELDS);
  if (post.platformPostId || post.url) {
    if (!post.platformPostId && post.url) post.platformPostId = post.url;
    return { kind: 'post', columns: post, constants: {} };
  }
  if (account.followers && account.handle) return { kind: 'account', columns: account, constants: {} };
  // Post metrics without an id column: the post kind, with the id left for the user to map.
  if (post.views || post.likes || post.comments) return { kind: 'post', columns: post, constants: {} };
  return account.handle ? { kind: 'account', columns: account, constants: {} } : null;
}
