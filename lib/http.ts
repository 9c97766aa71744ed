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
