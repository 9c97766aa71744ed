import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import { LRUCache } from 'lru-cache';
import { UAParser } from 'ua-parser-js';

// The day's salt, computed once per day and secret (not per click).
let salt: { secret: string; day: string; value: Buffer } | null = null;
// Visitors share few distinct user agents: parse each once.
const agents = new LRUCache<string, { device: ReturnType<typeof parseDevice>; bot: boolean }>({ max: 10_000 });

/**
 * The visitor hash of a click: HMAC-SHA256 of IP and user agent under a salt that changes every UTC
 * day (itself an HMAC of the server secret and the date), so one visitor's clicks group within a
 * day and no IP address is stored or recoverable. 22 base64url characters (128 bits).
 */
export function visitorHash(secret: string, ip: string, userAgent: string, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  if (salt?.secret !== secret || salt.day !== day)
    salt = { secret, day, value: createHmac('sha256', secret).update(`reachboard-click-salt:${day}`).digest() };
  return createHmac('sha256', salt.value).update(`${ip}\n${userAgent}`).digest('base64url').slice(0, 22);
}

/** A device class from a user agent: `mobile`, `tablet`, `desktop`, `other` (TV, console, wearable) or `unknown`. */
export function deviceClass(userAgent: string): 'mobile' | 'tablet' | 'desktop' | 'other' | 'unknown' {
  return classify(userAgent).device;
}

function classify(userAgent: string) {
  let known = agents.get(userAgent);
  if (!known) agents.set(userAgent, (known = { device: parseDevice(userAgent), bot: isbot(userAgent) }));
  return known;
}

function parseDevice(userAgent: string): 'mobile' | 'tablet' | 'desktop' | 'other' | 'unknown' {
  if (!userAgent) return 'unknown';
  const parsed = new UAParser(userAgent).getResult();
  const type = parsed.device.type;
  if (type === 'mobile' || type === 'tablet') return type;
  if (type) return 'other';
  return parsed.os.name ? 'desktop' : 'unknown';
}

/** True for crawlers and link-preview fetchers (the `isbot` list); such clicks are kept but never counted. */
export function isBotAgent(userAgent: string): boolean {
  return classify(userAgent).bot;
}

/** The host of a Referer header, lower case, or null when absent or not a URL. */
export function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).hostname.toLowerCase().slice(0, 253) || null;
  } catch {
    return null;
  }
}

/** An ISO 3166-1 alpha-2 country from a proxy's header (`XX`, `T1` — unknown, Tor — and malformed values: null). */
export function countryOf(value: string | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' && code !== 'T1' ? code : null;
}
