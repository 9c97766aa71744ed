/** Base of every error a `lib` verb throws on purpose; transports map `code` to a response once. */
export class AppError extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'unauthorized' | 'conflict' | 'validation' | 'rate_limited',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or belongs to a tenant the actor may not see (no existence leak). */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** The actor can see the thing but its role may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super('forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Please sign in') {
    super('unauthorized', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

/** Bad input; `fieldErrors` maps a field path ("email", "goals.views") to what was wrong with it. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super('validation', message);
  }
}

type DatabaseError = { code: string; message?: unknown; detail?: unknown; where?: unknown; hint?: unknown };

/** The Postgres error in `error` or its causes (Drizzle wraps the driver's), if any: the object with a SQLSTATE `code`. */
function databaseError(error: unknown): DatabaseError | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as DatabaseError;
  }
  return undefined;
}

/** The SQLSTATE of the Postgres error in `error` or its causes (`23505` for a unique violation), or null. */
export function databaseErrorCode(error: unknown): string | null {
  return databaseError(error)?.code ?? null;
}

/** The most characters a stored or shown failure reason holds. */
export const FAILURE_REASON_LIMIT = 1_000;

/** Socket failures Node reports by code: said as a lost connection, whichever side dropped it. */
const NETWORK_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT']);

/** The socket failure in `error` or its causes (Drizzle wraps the driver's error as `cause`). */
function networkError(error: unknown): Error | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (NETWORK_ERRORS.has(String((e as { code?: unknown }).code))) return e;
  return undefined;
}

/**
 * A failure in words fit to store and show: for a database error, the Postgres message with its
 * detail, position hint and SQLSTATE (`duplicate key value … (Postgres 23505)`), never the query
 * and its parameters that Drizzle's wrapper carries (megabytes for a batch); for a socket failure
 * anywhere in its causes, "the connection was lost (…)"; otherwise the error's message. Cut to
 * {@link FAILURE_REASON_LIMIT} characters.
 */
export function describeFailure(error: unknown): string {
  const database = databaseError(error);
  const network = database ? undefined : networkError(error);
  const text = database
    ? [
        String(database.message ?? 'database error'),
        typeof database.detail === 'string' && database.detail ? `— ${database.detail}` : '',
        typeof database.hint === 'string' && database.hint ? `(hint: ${database.hint})` : '',
        `(Postgres ${String(database.code)})`,
      ]
        .filter(Boolean)
        .join(' ')
    : network
      ? `the connection was lost (${network.message})`
      : error instanceof Error
        ? error.message
        : String(error);
  return text.length <= FAILURE_REASON_LIMIT ? text : `${text.slice(0, FAILURE_REASON_LIMIT - 1)}…`;
}
