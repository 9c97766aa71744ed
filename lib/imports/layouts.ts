import type { ImportMappingInput } from './mapping';

/**
 * A known export layout: recognised by its header, it proposes a mapping. What the file cannot
 * say (the year of "DD.MM" dates, when an account-level export was taken, whose channel an
 * analytics export is) is left for the user to state; `needs` names it.
 */
export type Layout = {
  id: string;
  name: string;
  /** Headers that must all be present (compared case-insensitively, trimmed). */
  signature: string[];
  mapping: ImportMappingInput;
  needs: string[];
};

export const LAYOUTS: Layout[] = [
  {
    id: 'instagram-top-influencers',
    name: 'Instagram top influencers (Kaggle)',
    signature: ['rank', 'channel_info', 'influence_score', '60d_eng_rate'],
    mapping: {
      kind: 'account',
      columns: {
        handle: 'channel_info',
        postsCount: 'posts',
        followers: 'followers',
        avgLikes: 'avg_likes',
        engagementRate: '60d_eng_rate',
        totalLikes: 'total_likes',
        country: 'country',
      },
      constants: { platform: 'instagram' },
      options: { dateFormat: 'yyyy-MM-dd', rateUnit: 'percent' },
    },
    needs: ['constants.capturedAt: the date the export was taken'],
  },
  {
    id: 'youtube-trending',
    name: 'YouTube trending videos (Kaggle)',
    signature: ['video_id', 'channel_title', 'comment_total', 'date'],
    mapping: {
      kind: 'post',
      columns: {
        platformPostId: 'video_id',
        title: 'title',
        accountHandle: 'channel_title',
        accountDisplayName: 'channel_title',
        platformCategoryId: 'category_id',
        tags: 'tags',
        views: 'views',
        likes: 'likes',
        dislikes: 'dislikes',
        comments: 'comment_total',
        capturedAt: 'date',
      },
      constants: { platform: 'youtube', mediaType: 'video' },
      options: { dateFormat: 'dd.MM', tagSeparator: '|' },
    },
    needs: ['options.year: the year of the "DD.MM" dates'],
  },
  {
    id: 'youtube-studio-content',
    name: 'YouTube Studio content export',
    signature: ['content', 'video title', 'video publish time', 'views', 'impressions'],
    mapping: {
      kind: 'post',
      columns: {
        platformPostId: 'Content',
        title: 'Video title',
        publishedAt: 'Video publish time',
        views: 'Views',
        impressions: 'Impressions',
      },
      constants: { platform: 'youtube', mediaType: 'video' },
      options: { dateFormat: 'MMM d, yyyy' },
    },
    needs: ['constants.accountHandle: the channel of the export', 'constants.capturedAt: the date the export was taken'],
  },
  {
    id: 'instagram-insights-content',
    name: 'Instagram insights content export (Meta Business Suite)',
    signature: ['post id', 'account username', 'publish time', 'permalink', 'reach'],
    mapping: {
      kind: 'post',
      columns: {
        platformPostId: 'Post ID',
        accountHandle: 'Account username',
        accountDisplayName: 'Account name',
        title: 'Description',
        publishedAt: 'Publish time',
        url: 'Permalink',
        views: 'Views',
        reach: 'Reach',
        likes: 'Likes',
        shares: 'Shares',
        comments: 'Comments',
        saves: 'Saves',
      },
      constants: { platform: 'instagram' },
      options: { dateFormat: 'MM/dd/yyyy HH:mm' },
    },
    needs: ['constants.capturedAt: the date the export was taken'],
  },
  {
    id: 'tiktok-analytics-content',
    name: 'TikTok analytics content export',
    signature: ['video title', 'video link', 'post time', 'total likes', 'total views'],
    mapping: {
      kind: 'post',
      columns: {
        platformPostId: 'Video link',
        url: 'Video link',
        title: 'Video title',
        publishedAt: 'Post time',
        likes: 'Total likes',
        comments: 'Total comments',
        shares: 'Total shares',
        views: 'Total views',
      },
      constants: { platform: 'tiktok', mediaType: 'video' },
      options: { dateFormat: 'iso' },
    },
    needs: ['constants.accountHandle: the account of the export', 'constants.capturedAt: the date the export was taken'],
  },
];

/** The known layout whose signature the header matches, if any. */
export function detectLayout(headers: string[]): Layout | undefined {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  return LAYOUTS.find((l) => l.signature.every((s) => present.has(s)));
}

/** A known layout by id. */
export function layoutById(id: string): Layout | undefined {
  return LAYOUTS.find((l) => l.id === id);
}
