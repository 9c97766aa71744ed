import { inArray, lt } from 'drizzle-orm';
import { exportFiles } from '@/db/schema';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { deleteOrphanFiles, getFileStore } from '../storage/file-store';
import { getDb } from '@/db';

/**
 * Deletes background exports whose download link has expired (24 hours after they were ready),
 * with their files, and export files no export refers to any more (an organization deleted).
 * Operator entry points only (the hourly cleanup function, scripts).
 * @throws ForbiddenError for a request context.
 * @returns how many exports were deleted.
 */
export async function cleanupExports({ ctx, input }: VerbArgs<{ now?: Date }>): Promise<number> {
  requireSystem(ctx);
  // The process's database, never a caller's transaction: the file store works outside it.
  const db = await getDb();
  const expired = await db
    .delete(exportFiles)
    .where(lt(exportFiles.expiresAt, input.now ?? new Date()))
    .returning({ storageKey: exportFiles.storageKey });
  await getFileStore().remove(expired.flatMap((e) => (e.storageKey ? [e.storageKey] : [])));
  await deleteOrphanFiles('exports/', async (keys) => {
    const rows = keys.length
      ? await db.select({ key: exportFiles.storageKey }).from(exportFiles).where(inArray(exportFiles.storageKey, keys))
      : [];
    return new Set(rows.flatMap((r) => (r.key ? [r.key] : [])));
  });
  return expired.length;
}
