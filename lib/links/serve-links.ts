import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PEER_ADDRESS_HEADER } from '../auth/client-ip';
import { getEnv } from '../env';
import { flushClicks } from './click-writer';
import { answerCachedVisit, answerVisit, type VisitAnswer } from './resolve-link';
import { VISIT_HEADERS, visitPage } from './visit-page';

const INSTALLED = Symbol.for('reachboard.linkServer');
type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

/** The link key a request asks for: `/l/<key>` on any host, `/<key>` on `SHORT_LINK_HOST`; else null. */
export function linkKeyOf(path: string, host: string | undefined, shortLinkHost: string | undefined): string | null {
  const pathname = path.split('?')[0];
  const app = /^\/l\/([^/]+)\/?$/.exec(pathname);
  if (app) return decodeURIComponent(app[1]);
  if (shortLinkHost && host?.toLowerCase() === shortLinkHost.toLowerCase()) {
    const short = /^\/([^/]+)\/?$/.exec(pathname);
    if (short) return decodeURIComponent(short[1]);
  }
  return null;
}

/**
 * Answers a visit: at once when the link is in this process's cache (the usual case — the response
 * is written in the same turn of the event loop that parsed the request), else once it is read.
 */
function serve(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> | undefined {
  const header = (name: string) => {
    if (name === PEER_ADDRESS_HEADER) return req.socket?.remoteAddress ?? undefined;
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const visit = { key, header, record: req.method !== 'HEAD' };
  const answer = answerCachedVisit(visit);
  if (answer) return write(req, res, answer);
  return answerVisit(visit).then((read) => write(req, res, read));
}

/** Writes `answer` to a Node response (HEAD: headers only). */
function write(req: IncomingMessage, res: ServerResponse, answer: VisitAnswer): undefined {
  if (answer.status === 302) {
    res.writeHead(302, { ...VISIT_HEADERS, Location: answer.location, 'Content-Length': '0' });
    res.end();
    return;
  }
  const body = visitPage(answer.title, answer.message);
  res.writeHead(answer.status, {
    ...VISIT_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves tracking links in the HTTP server itself, before Next.js sees the request: a visit costs a
 * cached lookup and a queued click, not a page render (the redirect benchmark in docs/benchmarks.md).
 * GET and HEAD of `/l/<key>` (and `/<key>` on `SHORT_LINK_HOST`); everything else goes to Next.
 * Closing the server waits for the queued clicks to be written. Call once at server start
 * (instrumentation.ts); idempotent. `app/l/[key]/route.ts` answers the
 * same way where this is not installed (`next dev`).
 */
export function installLinkServer(serverClass: typeof Server): void {
  const flagged = globalThis as Flagged;
  if (flagged[INSTALLED]) return;
  const shortLinkHost = getEnv().SHORT_LINK_HOST;
  const emit = serverClass.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  serverClass.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if ((req.method === 'GET' || req.method === 'HEAD') && req.url) {
        let key: string | null = null;
        try {
          key = linkKeyOf(req.url, req.headers.host, shortLinkHost);
        } catch {
          key = null; // a malformed escape: let Next answer it
        }
        if (key !== null) {
          const failed = (error: unknown) => {
            console.error('[links] answering a visit failed', error);
            if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '5' });
            res.end('Temporarily unavailable, try again in a moment.');
          };
          try {
            serve(req, res, key)?.catch(failed);
          } catch (error) {
            failed(error);
          }
          return true;
        }
      }
    }
    return emit.call(this, event, ...args);
  } as typeof serverClass.prototype.emit;
  // Closing the server (Next does on SIGTERM, then exits) finishes once the last connection has
  // ended AND the clicks its visits queued are written: a graceful stop loses no click.
  const close = serverClass.prototype.close;
  serverClass.prototype.close = function (this: Server, callback?: (error?: Error) => void) {
    return close.call(this, (error?: Error) => {
      flushClicks().finally(() => callback?.(error));
    });
  } as typeof serverClass.prototype.close;
  flagged[INSTALLED] = true;
}
