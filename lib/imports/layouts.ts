import type { ImportField, ImportMappingInput } from './mapping';
import { DATE_FORMATS, parseDateValue, ParseFailure, type DateFormat } from './values';

/** What a layout cannot read from the file and the user must state: where it goes, and how to ask. */
type LayoutNeed = { path: `constants.${ImportField}` | 'options.year'; label: string };

/**
 * A known export layout: recognised by its header, it proposes a mapping. A column may go by
 * several names across the platform's export vintages (the first present is used), and columns
 * a vintage lacks are left unmapped. What the file cannot say (the year of "DD.MM" dates, when an
 * account-level export was taken, whose channel an analytics export is) is in `needs`, for the
 * user to state (the upload form asks for exactly these; the CLI takes them with --set).
 */
export type Layout = {
  id: string;
  name: string;
  /** Headers that must all be present (compared case-insensitively, trimmed); an array lists alternatives. */
  signature: (string | string[])[];
  kind: 'account' | 'post';
  /** File columns by field; an array lists a column's names across vintages, in order of preference. */
  columns: Partial<Record<ImportField, string | string[]>>;
  constants: Partial<Record<ImportField, string>>;
  options: NonNullable<ImportMappingInput['options']>;
  needs: LayoutNeed[];
  /** Where the layout is documented, and the public samples it was checked against. */
  sources: string[];
};

/** YouTube Studio (Analytics → Advanced mode → Content → Export current view → "Table data.csv"). */
const youtubeStudioContent: Layout = {
  id: 'youtube-studio-content',
  name: 'YouTube Studio content export (Table data)',
  signature: [['content', 'video'], 'video title', 'video publish time', 'views'],
  kind: 'post',
  columns: {
    platformPostId: ['Content', 'Video'],
    title: 'Video title',
    publishedAt: 'Video publish time',
    views: 'Views',
    // 2025 vintages write "Impressions"; 2026 ones "Thumbnail impressions"; some exports have neither.
    impressions: ['Impressions', 'Thumbnail impressions'],
    likes: 'Likes',
    dislikes: 'Dislikes',
    comments: ['Comments added', 'Comments'],
    shares: 'Shares',
  },
  constants: { platform: 'youtube', mediaType: 'video' },
  options: { dateFormat: 'MMM d, yyyy' },
  needs: [
    { path: 'constants.accountHandle', label: 'the channel of the export (its handle)' },
    { path: 'constants.capturedAt', label: 'the date the export was taken' },
  ],
  sources: [
    'https://support.google.com/youtube/answer/9314357 (advanced mode, export)',
    'github.com/areikher/YouTube_Channel_Repo "Table data.csv" (2025: Likes, Shares, Impressions, a Total row, an id with a leading space)',
    'github.com/Layla-Damoyi/youtube-engagement-dashboard "Table data.csv" (no Impressions column)',
    'github.com/tarun9346/youtube-channel-analytics "Table data.csv" (re-saved by Excel: dates as 3-Jun-26, no Total row)',
    '2026 vintage with "Thumbnail impressions" / "Thumbnail click-through rate (%)"',
  ],
};

const LAYOUTS: Layout[] = [
  {
    id: 'instagram-top-influencers',
    name: 'Instagram top influencers (Kaggle)',
    signature: ['rank', 'channel_info', 'influence_score', '60d_eng_rate'],
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
    needs: [{ path: 'constants.capturedAt', label: 'the date the export was taken' }],
    sources: ['Kaggle "Top Instagram Influencers Data" (../shared/data/README.md)'],
  },
  {
    id: 'youtube-trending',
    name: 'YouTube trending videos (Kaggle)',
    signature: ['video_id', 'channel_title', 'comment_total', 'date'],
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
    needs: [{ path: 'options.year', label: 'the year of the "DD.MM" dates' }],
    sources: ['Kaggle "Trending YouTube Video Statistics" (../shared/data/README.md)'],
  },
  youtubeStudioContent,
  {
    id: 'instagram-insights-content',
    name: 'Instagram insights content export (Meta Business Suite)',
    signature: ['post id', 'account username', 'publish time', 'permalink', 'reach'],
    kind: 'post',
    columns: {
      // The permalink's shortcode, not the numeric "Post ID": it is the id a post URL (a deliverable,
      // a campaign link) carries, so both name the same post.
      platformPostId: 'Permalink',
      accountHandle: 'Account username',
      accountDisplayName: 'Account name',
      title: 'Description',
      publishedAt: 'Publish time',
      url: 'Permalink',
      mediaType: 'Post type',
      views: ['Views', 'Impressions'],
      reach: 'Reach',
      likes: 'Likes',
      shares: 'Shares',
      comments: 'Comments',
      saves: 'Saves',
    },
    constants: { platform: 'instagram' },
    options: { dateFormat: 'MM/dd/yyyy HH:mm' },
    needs: [{ path: 'constants.capturedAt', label: 'the date the export was taken' }],
    sources: [
      'https://www.facebook.com/business/help/1802839173125766 (Meta Business Suite: export content insights)',
      'public test fixtures reproducing the export: "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves", post types "IG image" / "IG reel", counts like "12,400"',
    ],
  },
  {
    id: 'tiktok-analytics-content',
    name: 'TikTok Studio content export',
    signature: ['video title', 'video link', 'post time', ['total likes', 'likes'], ['total views', 'video views']],
    kind: 'post',
    columns: {
      platformPostId: 'Video link',
      url: 'Video link',
      title: 'Video title',
      publishedAt: 'Post time',
      likes: ['Total likes', 'Likes'],
      comments: ['Total comments', 'Comments'],
      shares: ['Total shares', 'Shares'],
      views: ['Total views', 'Video views'],
      saves: 'Add to favorites',
    },
    constants: { platform: 'tiktok', mediaType: 'video' },
    options: { dateFormat: 'iso' },
    needs: [
      { path: 'constants.accountHandle', label: 'the account of the export' },
      { path: 'constants.capturedAt', label: 'the date the export was taken' },
    ],
    sources: [
      'https://www.tiktok.com/creator-academy (TikTok Studio analytics, content tab, download data)',
      'public test fixtures reproducing the export: "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,Total play time,Average watch time,Watched full video,Add to favorites", post times like "2026-10-03 09:10"',
    ],
  },
];

const norm = (h: string) => h.trim().toLowerCase();

/** The known layout whose signature the header matches, if any. */
export function detectLayout(headers: string[]): Layout | undefined {
  const present = new Set(headers.map(norm));
  return LAYOUTS.find((l) => l.signature.every((s) => (Array.isArray(s) ? s : [s]).some((h) => present.has(h))));
}

/** A known layout by id. */
export function layoutById(id: string): Layout | undefined {
  return LAYOUTS.find((l) => l.id === id);
}

/**
 * The mapping a layout proposes for a file with these headers: each column under the name this
 * vintage uses (columns it lacks left out), with the layout's constants and options. Without
 * headers, the first name of each column.
 */
export function layoutMapping(layout: Layout, headers?: string[]): ImportMappingInput {
  const byName = new Map((headers ?? []).map((h) => [norm(h), h.trim()]));
  const columns: Record<string, string> = {};
  for (const [field, names] of Object.entries(layout.columns)) {
    const list = Array.isArray(names) ? names : [names!];
    const found = headers ? list.map((n) => byName.get(norm(n))).find((h) => h !== undefined) : list[0];
    if (found) columns[field] = found;
  }
  return { kind: layout.kind, columns, constants: { ...layout.constants }, options: { ...layout.options } };
}

/**
 * The first date format (of {@link DATE_FORMATS}, `preferred` first) every sample value reads in,
 * so a Studio export re-saved by a spreadsheet ("3-Jun-26" for "Jun 3, 2026") is still read right.
 * Null when no format reads them all (the user chooses); formats without a year are not guessed.
 */
export function detectDateFormat(samples: string[], preferred?: DateFormat): DateFormat | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  const order = [...(preferred ? [preferred] : []), ...DATE_FORMATS.filter((f) => f !== preferred)];
  for (const format of order) {
    if (format === 'dd.MM') continue;
    if (
      values.every((v) => {
        const d = parseDateValue(v, { format });
        return d !== null && !(d instanceof ParseFailure);
      })
    )
      return format;
  }
  return null;
}
