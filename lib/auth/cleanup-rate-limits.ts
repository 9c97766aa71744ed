import { getDb } from '@/db';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { deleteExpiredRateLimits } from './rate-limit';

/**
 * Deletes the rate-limit counters (sign-in failures, messages, invitations…) whose window ended
 * over an hour before `now` (default: the current time). Operator entry points only (the hourly
 * scheduled cleanup, scripts).
 * @throws ForbiddenError for a request context.
 * @returns how many counters were deleted.
 */
export async function cleanupRateLimits({ ctx, input }: VerbArgs<{ now?: Date }>): Promise<number> {
  requireSystem(ctx);
  return deleteExpiredRateLimits(await getDb(), input.now);
}
