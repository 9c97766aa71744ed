import { dailymotionFromEnv } from './dailymotion';
import { ConnectedAccountConnector } from './connected-account';
import { twitchFromEnv } from './twitch';
import type { Connector, Platform } from './types';
import { youtubeFromEnv } from './youtube';

/**
 * Platforms with an API connector. Instagram and TikTok read only accounts their creators
 * connected (lib/connectors/connected-account.ts).
 */
export const CONNECTED_PLATFORMS = ['youtube', 'instagram', 'tiktok', 'twitch', 'dailymotion'] as const satisfies readonly Platform[];

/** The connector of a platform configured from the environment, or null when Reachboard has none. */
export function connectorFor(platform: Platform): Connector | null {
  if (platform === 'youtube') return youtubeFromEnv();
  if (platform === 'twitch') return twitchFromEnv();
  if (platform === 'dailymotion') return dailymotionFromEnv();
  if (platform === 'instagram') return ConnectedAccountConnector.instagram;
  if (platform === 'tiktok') return ConnectedAccountConnector.tiktok;
  return null;
}

/** Each connected platform's state for the UI: configured, or the environment variable to set. */
export function connectorStatuses(): { platform: Platform; configured: boolean; variable?: string }[] {
  return CONNECTED_PLATFORMS.map((platform) => {
    const c = connectorFor(platform)!.configuration();
    return c.configured ? { platform, configured: true } : { platform, configured: false, variable: c.variable };
  });
}
