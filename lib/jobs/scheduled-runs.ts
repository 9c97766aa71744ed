import os from 'node:os';
import { and, eq, lt } from 'drizzle-orm';
import { getDb } from '@/db';
import { scheduledRuns } from '@/db/schema';
import { describeFailure } from '../errors';

/** This process, as a scheduled run's claimant: host and pid. */
const INSTANCE = `${os.hostname()}#${process.pid}`;

/**
 * Claims a scheduled function's slot for this process: true for the one instance whose claim
 * lands first, false for every other (and for a slot already run).
 */
export async function claimScheduledRun(functionId: string, slot: Date): Promise<boolean> {
  const db = await getDb();
  const claimed = await db
    .insert(scheduledRuns)
    .values({ functionId, slot, claimedBy: INSTANCE })
    .onConflictDoNothing()
    .returning({ functionId: scheduledRuns.functionId });
  return claimed.length === 1;
}

/** Records how a claimed run ended. */
export async function finishScheduledRun(functionId: string, slot: Date, error?: unknown): Promise<void> {
  const db = await getDb();
  await db
    .update(scheduledRuns)
    .set({ finishedAt: new Date(), error: error === undefined ? null : describeFailure(error) })
    .where(and(eq(scheduledRuns.functionId, functionId), eq(scheduledRuns.slot, slot)));
}

/** Forgets runs older than 30 days. @returns how many. */
export async function pruneScheduledRuns(now = new Date()): Promise<number> {
  const db = await getDb();
  const gone = await db
    .delete(scheduledRuns)
    .where(lt(scheduledRuns.slot, new Date(now.getTime() - 30 * 86_400_000)))
    .returning({ functionId: scheduledRuns.functionId });
  return gone.length;
}
