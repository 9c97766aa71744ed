import { and, isNotNull, lt } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/connect';
import { rateLimits } from '@/db/schema';
import { RateLimitedError } from '../errors';

/** Named limits: points per window. Shared by every instance through the database. */
const LIMITS = {
  loginFailuresPerEmail: { points: 5, duration: 15 * 60 },
  loginFailuresPerIp: { points: 30, duration: 15 * 60 },
  passwordResetPerEmail: { points: 3, duration: 60 * 60 },
  passwordResetPerIp: { points: 20, duration: 60 * 60 },
  emailVerificationPerUser: { points: 3, duration: 60 * 60 },
  messagesPerSender: { points: 30, duration: 10 * 60 },
  invitationsPerSender: { points: 20, duration: 60 * 60 },
  reportEmailsPerSender: { points: 20, duration: 60 * 60 },
  claimChecksPerUser: { points: 10, duration: 60 * 60 },
  signUpsPerEmail: { points: 5, duration: 60 * 60 },
  signUpsPerIp: { points: 20, duration: 60 * 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

const limiters = new WeakMap<Db, Map<LimitName, RateLimiterDrizzle>>();

function limiter(db: Db, name: LimitName): RateLimiterDrizzle {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let l = byName.get(name);
  if (!l) {
    // The library's own cleanup is a timer per limiter and process (eleven deletes every five
    // minutes on every instance, firing on a closed pool after a script ends): expired counters
    // are deleted once an hour for the fleet by the scheduled cleanup instead ({@link deleteExpiredRateLimits}).
    l = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: name, clearExpiredByTimeout: false, ...LIMITS[name] });
    byName.set(name, l);
  }
  return l;
}

function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/**
 * Throws when `key` has used up limit `name`, without consuming a point.
 * @throws RateLimitedError with `message` and the wait in minutes.
 */
export async function assertNotLimited(db: Db, name: LimitName, key: string, message: string): Promise<void> {
  const res = await limiter(db, name).get(key);
  if (res && res.consumedPoints >= LIMITS[name].points) {
    const wait = minutes(res.msBeforeNext);
    throw new RateLimitedError(`${message} Try again in ${wait} minute${wait === 1 ? '' : 's'}.`, Math.ceil(res.msBeforeNext / 1000));
  }
}

/** Counts one event against limit `name` for `key`; returns true when the limit is now used up. */
export async function consumePoint(db: Db, name: LimitName, key: string): Promise<boolean> {
  try {
    const res = await limiter(db, name).consume(key);
    return res.remainingPoints <= 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return true;
    throw error;
  }
}

/** Forgets limit `name` for `key` (e.g. after a successful sign-in). */
export async function resetLimit(db: Db, name: LimitName, key: string): Promise<void> {
  await limiter(db, name).delete(key);
}

/**
 * Counts `points` sends by `key` against limit `name`, refusing them all when they would pass it
 * (per-sender limits on messages, invitations and report emails).
 * @throws RateLimitedError with `message` and the wait in minutes.
 */
export async function consumeSends(db: Db, name: LimitName, key: string, points: number, message: string): Promise<void> {
  try {
    await limiter(db, name).consume(key, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const wait = minutes(error.msBeforeNext);
    throw new RateLimitedError(`${message} Try again in ${wait} minute${wait === 1 ? '' : 's'}.`, Math.ceil(error.msBeforeNext / 1000));
  }
}

/**
 * Deletes rate-limit counters whose window ended more than an hour before `now` (the grace the
 * library's own cleanup keeps); a counter without an end is kept. Run by the hourly scheduled
 * cleanup (inngest/functions/uploads-cleanup.ts); safe to run anywhere, any number of times.
 * @returns how many counters were deleted.
 */
export async function deleteExpiredRateLimits(db: Db, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(and(isNotNull(rateLimits.expire), lt(rateLimits.expire, new Date(now.getTime() - 60 * 60_000))))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
