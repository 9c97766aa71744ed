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
