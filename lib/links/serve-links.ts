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

type Answer = { req: IncomingMessage; res: ServerResponse; answer: VisitAnswer };

/** Answers decided in this turn of the event loop, written together at its end ({@link writeAnswers}). */
const answers: Answer[] = [];

/**
 * Writes the answers of this turn of the event loop one after the other, once every request the
 * turn read has been answered. Each write to a client that is waiting for data — or to a proxy on
 * the same machine — wakes it, and on a virtual machine that wake-up is paid by the writing
 * process. Written back to back, the answers of one turn wake their reader about once, where an
 * answer written as each request is parsed woke it again for each (docs/benchmarks.md, "Redirect").
 * An answer waits for the rest of its turn: the other requests read with it.
 */
function writeAnswers(): void {
  const turn = answers.splice(0);
  for (const { req, res, answer } of turn) {
    try {
      write(req, res, answer);
    } catch (error) {
      failed(res, error);
    }
  }
}

function answerAtTurnEnd(req: IncomingMessage, res: ServerResponse, answer: VisitAnswer): void {
  if (answers.push({ req, res, answer }) === 1) setImmediate(writeAnswers);
}

/** The answer when answering failed: 503, and the error in the log. */
function failed(res: ServerResponse, error: unknown): void {
  console.error('[links] answering a visit failed', error);
  if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '5' });
  res.end('Temporarily unavailable, try again in a moment.');
}

/**
 * Answers a visit: in the turn of the event loop that parsed it when the link is in this
 * process's cache (the usual case), else once it is read.
 */
function serve(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> | undefined {
  const header = (name: string) => {
    if (name === PEER_ADDRESS_HEADER) return req.socket?.remoteAddress ?? undefined;
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const visit = { key, header, record: req.method !== 'HEAD' };
  const answer = answerCachedVisit(visit);
  if (!answer) return answerVisit(visit).then((read) => answerAtTurnEnd(req, res, read));
  answerAtTurnEnd(req, res, answer);
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
          try {
            serve(req, res, key)?.catch((error: unknown) => failed(res, error));
          } catch (error) {
            failed(res, error);
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
