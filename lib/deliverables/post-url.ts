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
