import { createHmac, hash } from 'node:crypto';
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';

// The day's salt, computed once per day and secret (not per click), with HMAC's two padded keys
// (RFC 2104) and the UTC day it is valid for.
type Salt = { secret: string; from: number; until: number; value: Buffer; inner: Buffer; outer: Buffer };
let salt: Salt | null = null;
const DAY_MS = 86_400_000;
/** HMAC-SHA256's block size (bytes). */
const BLOCK = 64;
/** Room for the hashed text after the inner key: a 1,000-character user agent and an IP at 3 UTF-8 bytes a character (longer texts take `createHmac`). */
const TEXT_ROOM = 3_300;
// Visitors share few distinct user agents: parse each once. A plain map, emptied when it reaches
// 10,000 agents — a lookup per click, without an LRU's bookkeeping.
const agents = new Map<string, { device: ReturnType<typeof parseDevice>; bot: boolean }>();
const MAX_AGENTS = 10_000;

function saltFor(secret: string, at: Date): Salt {
  const ms = at.getTime();
  if (salt?.secret === secret && ms >= salt.from && ms < salt.until) return salt;
  const from = Math.floor(ms / DAY_MS) * DAY_MS;
  const day = new Date(from).toISOString().slice(0, 10);
  const value = createHmac('sha256', secret).update(`reachboard-click-salt:${day}`).digest();
  const inner = Buffer.alloc(BLOCK + TEXT_ROOM, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0x5c);
  for (let i = 0; i < value.length; i++) {
    inner[i] ^= value[i];
    outer[i] ^= value[i];
  }
  return (salt = { secret, from, until: from + DAY_MS, value, inner, outer });
}

/**
 * The visitor hash of a click: HMAC-SHA256 of IP and user agent under a salt that changes every UTC
 * day (itself an HMAC of the server secret and the date), so one visitor's clicks group within a
 * day and no IP address is stored or recoverable. 22 base64url characters (128 bits).
 *
 * Computed as RFC 2104 defines HMAC — SHA-256 of the outer padded key and SHA-256 of the inner
 * padded key and the text — with two one-shot hashes into buffers kept for the day: the same value
 * as `createHmac`, for about half its cost per click (the redirect's hottest function).
 */
export function visitorHash(secret: string, ip: string, userAgent: string, at: Date): string {
  const s = saltFor(secret, at);
  const text = `${ip}\n${userAgent}`;
  if (text.length * 3 > TEXT_ROOM) return createHmac('sha256', s.value).update(text).digest('base64url').slice(0, 22);
  const length = s.inner.write(text, BLOCK, 'utf8');
  (hash('sha256', s.inner.subarray(0, BLOCK + length), 'buffer') as Buffer).copy(s.outer, BLOCK);
  return (hash('sha256', s.outer, 'base64url') as string).slice(0, 22);
}

/** A device class from a user agent: `mobile`, `tablet`, `desktop`, `other` (TV, console, wearable) or `unknown`. */
export function deviceClass(userAgent: string): 'mobile' | 'tablet' | 'desktop' | 'other' | 'unknown' {
  return classify(userAgent).device;
}

function classify(userAgent: string) {
  let known = agents.get(userAgent);
  if (!known) {
    if (agents.size >= MAX_AGENTS) agents.clear();
    agents.set(userAgent, (known = { device: parseDevice(userAgent), bot: isbot(userAgent) }));
  }
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
