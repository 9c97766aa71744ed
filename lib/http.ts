import { getEnv } from './env';
import { AppError, ValidationError } from './errors';

const STATUS: Record<AppError['code'], number> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  validation: 422,
  rate_limited: 429,
};

/** Maps an error thrown by a `lib` verb to a JSON response (unknown errors: logged, 500 without details). */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: error.message };
    if (error instanceof ValidationError) body.fieldErrors = error.fieldErrors;
    return Response.json(body, { status: STATUS[error.code] });
  }
  console.error('[api] unexpected error', error);
  return Response.json({ error: 'Something went wrong on our side' }, { status: 500 });
}

/**
 * Streams generated CSV text (or a stored file's bytes) as a download: the next chunk is produced only when the client has
 * taken the previous one, so memory stays flat whatever the size.
 */
export function csvResponse(fileName: string, chunks: AsyncGenerator<string | Uint8Array>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      } catch (error) {
        console.error('[csv] export failed mid-stream', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** A 400 answer for a request that is malformed before any verb can read it (a bad header). */
export function badRequest(message: string): Response {
  return Response.json({ error: message }, { status: 400 });
}

/**
 * Refuses a state-changing request sent by another site, as Next does for server actions: a
 * browser's `Origin` must be this app's (`NEXTAUTH_URL`) or the host the request was sent to; a
 * browser request without `Origin` must say `Sec-Fetch-Site: same-origin`. Clients that send
 * neither header are not browsers and carry no one's cookies.
 * @returns a 403 response to send, or null when the request may proceed.
 */
export function crossSiteResponse(request: Request): Response | null {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (!origin) return fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none' ? forbiddenCrossSite() : null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return forbiddenCrossSite();
  }
  const served = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  return host === new URL(getEnv().appUrl).host || host === served ? null : forbiddenCrossSite();
}

function forbiddenCrossSite(): Response {
  return Response.json({ error: 'Cross-site requests are not accepted' }, { status: 403 });
}

/**
 * The body of `request` as text, read only up to `maxBytes`: a declared `Content-Length` above it
 * is refused before reading, and a body without one stops being read once it passes the limit.
 * @returns the text, or null when the body is larger than `maxBytes` (answer 413).
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** A 413 answer naming the limit. */
export function tooLarge(what: string): Response {
  return Response.json({ error: `The body is larger than ${what}` }, { status: 413 });
}
