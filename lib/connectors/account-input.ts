import type { AccountRef, Platform } from './types';

/**
 * What a user pasted to track an account, as a reference the connector resolves: a YouTube
 * channel URL (`/channel/UC…`, `/@handle`), a channel id (`UC` + 22 characters), an Instagram
 * profile URL (`instagram.com/<username>`), a TikTok profile URL (`tiktok.com/@<username>`), a Twitch channel URL
 * (`twitch.tv/<login>`), a Dailymotion profile URL, or a handle with or without "@".
 * @returns null when the input is not an account of `platform`.
 */
export function parseAccountInput(platform: Platform, raw: string): AccountRef | null {
  const input = raw.trim();
  if (!input) return null;
  const handleOk = (h: string) => /^[a-z0-9._-]{1,100}$/i.test(h);
  if (/^https?:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return null;
    }
    const host = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
    const parts = url.pathname.split('/').filter(Boolean);
    if (platform === 'youtube' && host === 'youtube.com') {
      if (parts[0] === 'channel' && /^UC[\w-]{22}$/.test(parts[1] ?? '')) return { platformAccountId: parts[1] };
      if (parts[0]?.startsWith('@') && handleOk(parts[0].slice(1))) return { handle: parts[0].slice(1).toLowerCase() };
      if ((parts[0] === 'c' || parts[0] === 'user') && parts[1] && handleOk(parts[1])) return { handle: parts[1].toLowerCase() };
      return null;
    }
    if (platform === 'twitch' && host === 'twitch.tv' && parts.length === 1 && /^[a-z0-9_]{3,25}$/i.test(parts[0]))
      return { handle: parts[0].toLowerCase() };
    if (platform === 'instagram' && host === 'instagram.com' && parts.length === 1 && /^[a-z0-9._]{1,30}$/i.test(parts[0]))
      return { handle: parts[0].toLowerCase() };
    if (platform === 'tiktok' && host === 'tiktok.com' && parts.length === 1 && /^@[a-z0-9._]{2,24}$/i.test(parts[0]))
      return { handle: parts[0].slice(1).toLowerCase() };
    if (platform === 'dailymotion' && host === 'dailymotion.com' && parts[0] && parts[0] !== 'video' && handleOk(parts[0]))
      return { handle: parts[0].toLowerCase() };
    return null;
  }
  if (platform === 'youtube' && /^UC[\w-]{22}$/.test(input)) return { platformAccountId: input };
  const handle = input.replace(/^@/, '');
  // An Instagram username: up to 30 letters, digits, periods or underscores.
  if (platform === 'instagram') return /^[a-z0-9._]{1,30}$/i.test(handle) ? { handle: handle.toLowerCase() } : null;
  // A TikTok username: 2–24 letters, digits, periods or underscores.
  if (platform === 'tiktok') return /^[a-z0-9._]{2,24}$/i.test(handle) ? { handle: handle.toLowerCase() } : null;
  // A Twitch login: 3–25 letters, digits or underscores.
  if (platform === 'twitch') return /^[a-z0-9_]{3,25}$/i.test(handle) ? { handle: handle.toLowerCase() } : null;
  return handleOk(handle) ? { handle: handle.toLowerCase() } : null;
}
