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
 * Streams generated CSV text as a download: the next chunk is produced only when the client has
 * taken the previous one, so memory stays flat whatever the size.
 */
export function csvResponse(fileName: string, chunks: AsyncGenerator<string>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
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
