/** Each platform's name as users read it, keyed by the stored value (client-safe: no database import). */
export const PLATFORM_NAMES = {
  youtube: 'YouTube',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  twitch: 'Twitch',
  dailymotion: 'Dailymotion',
} as const;
export type PlatformKey = keyof typeof PLATFORM_NAMES;

/** [value, name] pairs for platform menus, in the order above. */
export const PLATFORM_OPTIONS = Object.entries(PLATFORM_NAMES) as [PlatformKey, string][];
