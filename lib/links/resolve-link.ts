import { randomFillSync } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { trackingLinks, type TrackingLink } from '@/db/schema';
import { clientIpOf, PEER_ADDRESS_HEADER } from '../auth/client-ip';
import { getEnv } from '../env';
import { enqueueClick } from './click-writer';
import { LINK_KEY_PATTERN, destinationOf, linkState } from './internal';
import { countryOf, deviceClass, isBotAgent, referrerHost, visitorHash } from './visitor';

type CachedLink = Pick<TrackingLink, 'id' | 'orgId' | 'expiresAt' | 'disabledAt'> & {
  /** The destination with the UTM parameters, split where the click id goes (before any `#fragment`). */
  before: string;
  after: string;
};

// Random bytes for click ids, drawn from the system 4 KB at a time: one system call per 256 ids
// (`uuid` asked for 16 bytes per id, which measured 13% of the redirect's CPU under load).
const entropy = new Uint8Array(16 * 256);
let entropyUsed = entropy.length;
/** The last click id's bytes: {@link newClickId} writes them, `enqueueClick` copies them at once. */
const clickIdBytes = Buffer.alloc(16);

/**
 * A click id: a time-ordered UUID (RFC 9562 version 7) — the visit's millisecond `ms` (48 bits),
 * the version, 12 random bits, the variant, 62 random bits — so it cannot be guessed, and each new
 * id lands at the end of the primary key's index instead of a random page of it, which is cheaper
 * to insert (docs/attribution.md). Returns its text; its 16 bytes are in {@link clickIdBytes}
 * until the next call.
 */
function newClickId(ms: number): string {
  if (entropyUsed === entropy.length) {
    randomFillSync(entropy);
    entropyUsed = 0;
  }
  const b = clickIdBytes;
  b.set(entropy.subarray(entropyUsed, (entropyUsed += 16)));
  const high = Math.floor(ms / 2 ** 32);
  b[0] = high >>> 8;
  b[1] = high;
  b[2] = ms >>> 24;
  b[3] = ms >>> 16;
  b[4] = ms >>> 8;
  b[5] = ms;
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * How long this process reuses a link it read (ms). Disabling a link takes effect at once in the
 * process that disabled it and within this time in every other instance (docs/attribution.md).
 */
const LINK_CACHE_TTL_MS = 5_000;

type CacheState = { links: LRUCache<string, CachedLink | 'missing'> };
const state: CacheState = ((globalThis as { __reachboardLinks?: CacheState }).__reachboardLinks ??= {
  // `fetchMethod`: visits of one key arriving while it is being read share that one query.
  links: new LRUCache<string, CachedLink | 'missing'>({ max: 50_000, ttl: LINK_CACHE_TTL_MS, fetchMethod: (key) => readLink(key) }),
});

/** Stands for the click id while a link's destination is built (a UUID-shaped string no URL encoding changes). */
const CLICK_ID_MARKER = '00000000-0000-4000-8000-00000000c11d';

async function loadLink(key: string): Promise<CachedLink | 'missing'> {
  return state.links.get(key) ?? (await state.links.fetch(key))!;
}

async function readLink(key: string): Promise<CachedLink | 'missing'> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: trackingLinks.id,
      orgId: trackingLinks.orgId,
      destinationUrl: trackingLinks.destinationUrl,
      utmSource: trackingLinks.utmSource,
      utmMedium: trackingLinks.utmMedium,
      utmCampaign: trackingLinks.utmCampaign,
      utmContent: trackingLinks.utmContent,
      expiresAt: trackingLinks.expiresAt,
      disabledAt: trackingLinks.disabledAt,
    })
    .from(trackingLinks)
    .where(eq(trackingLinks.key, key))
    .limit(1);
  let value: CachedLink | 'missing' = 'missing';
  if (row) {
    // The click id goes last: build the rest once per link, with a marker where the id goes.
    const template = destinationOf(row, CLICK_ID_MARKER, getEnv().CLICK_ID_PARAM);
    const at = template.lastIndexOf(CLICK_ID_MARKER);
    value = {
      id: row.id,
      orgId: row.orgId,
      expiresAt: row.expiresAt,
      disabledAt: row.disabledAt,
      before: template.slice(0, at),
      after: template.slice(at + CLICK_ID_MARKER.length),
    };
  }
  return value;
}

/** Forgets this process's copy of link `key` (after it was disabled or changed). */
export function forgetLink(key: string): void {
  state.links.delete(key);
}

/** What a visit of `/l/<key>` needs from the request. */
export type Visit = {
  key: string;
  header: (name: string) => string | undefined;
  at?: Date;
  /** False for a request that only asks where the link goes (HEAD): answered, never counted. */
  record?: boolean;
};

/** The answer to a visit: a redirect, or a page saying why there is none. */
export type VisitAnswer = { status: 302; location: string; clickId: string } | { status: 404 | 410; title: string; message: string };

const NOT_FOUND = {
  status: 404,
  title: 'Link not found',
  message: 'This link does not exist. Check that it was copied in full.',
} as const satisfies VisitAnswer;

/**
 * Answers a visit of a tracking link: for an active link, a 302 to its destination with the UTM
 * parameters and a fresh click id (`CLICK_ID_PARAM`, default `rb_click`), the click queued for the
 * next batch write (lib/links/click-writer.ts); for a disabled or expired link, 410 and a page
 * saying so; for an unknown key, 404. Never redirects anywhere else. Bots (link previews, crawlers)
 * are redirected and recorded with `is_bot`, and never counted.
 */
export async function answerVisit(visit: Visit): Promise<VisitAnswer> {
  if (!LINK_KEY_PATTERN.test(visit.key)) return NOT_FOUND;
  return answerWith(await loadLink(visit.key), visit);
}

/**
 * {@link answerVisit} without waiting, for a link this process has read in the last
 * `LINK_CACHE_TTL_MS` (and for a malformed key): the same answer, or undefined when the link must
 * first be read from the database. The HTTP server uses it to answer a visit in the same turn of
 * the event loop that parsed it (lib/links/serve-links.ts).
 */
export function answerCachedVisit(visit: Visit): VisitAnswer | undefined {
  if (!LINK_KEY_PATTERN.test(visit.key)) return NOT_FOUND;
  const link = state.links.get(visit.key);
  return link === undefined ? undefined : answerWith(link, visit);
}

function answerWith(link: CachedLink | 'missing', visit: Visit): VisitAnswer {
  if (link === 'missing') return NOT_FOUND;
  const at = visit.at ?? new Date();
  const status = linkState(link, at);
  if (status !== 'active')
    return {
      status: 410,
      title: status === 'expired' ? 'This link has expired' : 'This link is no longer active',
      message:
        status === 'expired'
          ? 'The campaign this link belonged to has ended. The brand may have shared a newer link.'
          : 'The brand turned this link off. The creator who shared it may have a newer one.',
    };
  const env = getEnv();
  const userAgent = (visit.header('user-agent') ?? '').slice(0, 1_000);
  const ip = clientIpOf(visit.header(PEER_ADDRESS_HEADER), visit.header('x-forwarded-for'), env.TRUSTED_PROXY_HOPS);
  const clickId = newClickId(at.getTime());
  if (visit.record !== false)
    enqueueClick(
      {
        id: clickId,
        orgId: link.orgId,
        trackingLinkId: link.id,
        clickedAt: at,
        visitorHash: visitorHash(env.NEXTAUTH_SECRET, ip ?? 'unknown', userAgent, at),
        country: env.CLICK_COUNTRY_HEADER ? countryOf(visit.header(env.CLICK_COUNTRY_HEADER)) : null,
        device: deviceClass(userAgent),
        referrerHost: referrerHost(visit.header('referer')),
        isBot: isBotAgent(userAgent),
      },
      clickIdBytes,
    );
  return { status: 302, location: `${link.before}${clickId}${link.after}`, clickId };
}
