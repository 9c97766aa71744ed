import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { deleteExpiredUploads } from './uploads';

/**
 * Deletes abandoned uploads (older than `UPLOAD_TTL_HOURS`, read by no queued or running import).
 * Operator entry points only (the scheduled function, scripts).
 * @throws ForbiddenError for a request context.
 * @returns how many uploads were deleted.
 */
export async function cleanupUploads({ ctx, input }: VerbArgs<{ now?: Date }>): Promise<number> {
  requireSystem(ctx);
  return deleteExpiredUploads(input.now);
}
