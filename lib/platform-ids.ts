import type { SocialAccount } from '@/db/schema';

type Platform = SocialAccount['platform'];

const HOSTS: Record<Platform, string[]> = {
  youtube: ['youtube.com', 'youtu.be'],
  instagram: ['instagram.com'],
  tiktok: ['tiktok.com'],
  twitch: ['twitch.tv'],
  dailymotion: ['dailymotion.com', 'dai.ly'],
};

/**
 * The platform's post id of a post URL, e.g. "https://www.youtube.com/watch?v=abc" → "abc",
 * "https://youtu.be/abc", "/shorts/abc", "instagram.com/p/CODE/" or "/reel/CODE", TikTok
 * "/@user/video/123", Twitch "/videos/123", Dailymotion "/video/x8abc" or "dai.ly/x8abc".
 * @returns null when the URL is not a post of `platform`.
 */
export function postIdFromUrl(platform: Platform, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|vm)\./, '');
  if (!HOSTS[platform].some((h) => host === h || host.endsWith(`.${h}`))) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const after = (key: string) => {
    const i = parts.indexOf(key);
    return i >= 0 && parts[i + 1] ? parts[i + 1] : null;
  };
  const id =
    platform === 'youtube'
      ? host === 'youtu.be'
        ? (parts[0] ?? null)
        : (url.searchParams.get('v') ?? after('shorts') ?? after('live'))
      : platform === 'instagram'
        ? (after('p') ?? after('reel') ?? after('tv'))
        : platform === 'tiktok'
          ? after('video')
          : platform === 'twitch'
            ? after('videos')
            : host === 'dai.ly'
              ? (parts[0] ?? null)
              : after('video');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/** The form of each platform's post ids, and how a message describes it. */
const POST_ID_FORMS: Record<Platform, { pattern: RegExp; description: string }> = {
  youtube: { pattern: /^[A-Za-z0-9_-]{11}$/, description: 'an 11-character video id such as dQw4w9WgXcQ, or the video URL' },
  instagram: {
    pattern: /^(?:\d{5,25}|[A-Za-z0-9_-]{8,64})$/,
    description: 'a numeric media id or a shortcode such as C3xY9abQ1Zk, or the post URL',
  },
  tiktok: { pattern: /^\d{15,22}$/, description: 'a numeric video id of 15 to 22 digits such as 7301234567890123456, or the video URL' },
  twitch: { pattern: /^v?\d{5,14}$/, description: 'a numeric video id such as 2012345678, or the video URL' },
  dailymotion: { pattern: /^x[0-9a-z]{4,12}$/, description: 'a video id starting with "x" such as x8abc12, or the video URL' },
};

/**
 * Reads a post id cell of an import or form: the post's URL (any form {@link postIdFromUrl}
 * knows) or the bare id, which must have the platform's form ({@link POST_ID_FORMS}).
 * @returns the id, or `{ error }` saying what was expected.
 */
export function readPostId(platform: Platform, raw: string): string | { error: string } {
  const text = raw.trim();
  if (text.includes('/') && (/^https?:\/\//i.test(text) || /^(www\.)?[a-z.]+\.(com|be|tv|ly)\//i.test(text))) {
    const id = postIdFromUrl(platform, /^https?:/i.test(text) ? text : `https://${text}`);
    return id && POST_ID_FORMS[platform].pattern.test(id) ? id : { error: `is not the URL of a ${platform} post` };
  }
  return POST_ID_FORMS[platform].pattern.test(text)
    ? text
    : { error: `is not a ${platform} post id: expected ${POST_ID_FORMS[platform].description}` };
}
