import type { IncomingMessage, Server } from 'node:http';

/**
 * Request header carrying the TCP peer address of the connection, set by the server itself
 * ({@link installPeerAddressHeader}); whatever a client sends under this name is overwritten.
 */
export const PEER_ADDRESS_HEADER = 'x-reachboard-peer-address';

const INSTALLED = Symbol.for('reachboard.peerAddressHeader');
type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

/**
 * Makes every HTTP request of this process carry its socket's remote address in
 * {@link PEER_ADDRESS_HEADER}. Next.js no longer exposes the peer address to route handlers, and
 * it only fills `X-Forwarded-For` when the client sent none, so a client could otherwise choose the
 * address rate limits see. Call once at server start (instrumentation.ts); idempotent.
 */
export function installPeerAddressHeader(serverClass: typeof Server): void {
  const flagged = globalThis as Flagged;
  if (flagged[INSTALLED]) return;
  const emit = serverClass.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  serverClass.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  } as typeof serverClass.prototype.emit;
  flagged[INSTALLED] = true;
}

type HeaderSource = Record<string, string | string[] | undefined> | Headers | undefined;

/**
 * The client's IP address for rate limiting. The chain is `X-Forwarded-For` followed by the
 * connection's peer address; the last `trustedProxyHops` entries are our own proxies, so the client
 * is the entry just before them: with 0 hops the peer address itself, with 1 hop the right-most
 * `X-Forwarded-For` entry (the one our proxy appended), and so on. Entries a client prepends never
 * move that position, so rotating or prefixing the header changes nothing.
 * @returns undefined when the peer address is unknown (the server did not install the header), so
 *          no client-chosen value is ever used.
 */
export function clientIp(headers: HeaderSource, trustedProxyHops: number): string | undefined {
  if (!headers) return undefined;
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  return clientIpOf(get(PEER_ADDRESS_HEADER), get('x-forwarded-for'), trustedProxyHops);
}

/**
 * {@link clientIp} from the two header values it reads: `peer` ({@link PEER_ADDRESS_HEADER}) and
 * `forwardedFor` (`X-Forwarded-For`). For a caller that has them at hand (the redirect).
 */
export function clientIpOf(peer: string | undefined, forwardedFor: string | undefined, trustedProxyHops: number): string | undefined {
  if (!(globalThis as Flagged)[INSTALLED]) return undefined;
  peer = peer?.trim();
  if (!peer) return undefined;
  if (trustedProxyHops === 0) return normalize(peer);
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(peer);
  return normalize(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]);
}

const MAPPED_IPV4 = /^::ffff:\d+\.\d+\.\d+\.\d+$/;

/** `::ffff:1.2.3.4` (IPv4 on an IPv6 socket) → `1.2.3.4`; at most 64 characters. */
function normalize(address: string): string {
  return (address.startsWith('::ffff:') && MAPPED_IPV4.test(address) ? address.slice(7) : address).slice(0, 64);
}
