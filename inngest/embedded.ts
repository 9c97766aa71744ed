import { Cron } from 'croner';
import { accountRefreshRequested, connectionRefreshRequested, ga4SyncRequested } from './events';
import { connectionRefresh, connectionRefreshSchedule } from './functions/connection-refresh';
import { ga4Sync, ga4SyncSchedule } from './functions/ga4-sync';
import { describeFailure } from '@/lib/errors';
import { claimScheduledRun, finishScheduledRun } from '@/lib/jobs/scheduled-runs';
import { onShutdown, shutdownRequested } from '@/lib/jobs/shutdown';
import { FORECAST_OUTCOMES_CRON, forecastOutcomes } from './functions/forecast-outcomes';
import { REMINDERS_DAILY_CRON, remindersDaily } from './functions/reminders-daily';
import { REPORTS_WEEKLY_CRON, reportsWeekly } from './functions/reports-weekly';
import { snapshotAccount } from './functions/snapshot-account';
import { SNAPSHOT_SCHEDULE_CRON, snapshotSchedule } from './functions/snapshot-schedule';
import { UPLOADS_CLEANUP_CRON, uploadsCleanup } from './functions/uploads-cleanup';
import { localSteps, type JobEvent, type Steps } from './steps';

/**
 * The scheduled functions, with the schedules Inngest runs them on (UTC). Without an Inngest
 * server the embedded scheduler runs these same bodies on the same schedules in the server process.
 */
export const SCHEDULED_FUNCTIONS: { id: string; cron: string; body: (step: Steps) => Promise<unknown> }[] = [
  { id: 'snapshot-schedule', cron: SNAPSHOT_SCHEDULE_CRON, body: snapshotSchedule },
  { id: 'reminders-daily', cron: REMINDERS_DAILY_CRON, body: remindersDaily },
  { id: 'reports-weekly', cron: REPORTS_WEEKLY_CRON, body: reportsWeekly },
  { id: 'uploads-cleanup', cron: UPLOADS_CLEANUP_CRON, body: uploadsCleanup },
  { id: 'ga4-sync-schedule', cron: SNAPSHOT_SCHEDULE_CRON, body: ga4SyncSchedule },
  { id: 'connection-refresh-schedule', cron: SNAPSHOT_SCHEDULE_CRON, body: connectionRefreshSchedule },
  { id: 'forecast-outcomes', cron: FORECAST_OUTCOMES_CRON, body: forecastOutcomes },
];

/** Events a scheduled body sends, run here in turn (one account refresh or GA4 sync at a time: quotas stay low). */
async function dispatch(events: JobEvent[]): Promise<void> {
  for (const event of events) {
    if (shutdownRequested()) return;
    if (event.name === connectionRefreshRequested.name) {
      // The failure is recorded on the connection; the next hour retries it.
      await connectionRefresh(steps, event.data).catch((error) =>
        console.error(`[scheduler] token renewal of ${String(event.data.connectionId)} failed: ${describeFailure(error)}`),
      );
      continue;
    }
    if (event.name === ga4SyncRequested.name) {
      // The failure is recorded on the property; the next due run retries it.
      await ga4Sync(steps, event.data).catch((error) =>
        console.error(`[scheduler] GA4 sync of ${String(event.data.ga4PropertyId)} failed: ${describeFailure(error)}`),
      );
      continue;
    }
    if (event.name !== accountRefreshRequested.name) {
      console.warn(`[scheduler] no embedded handler for ${event.name}`);
      continue;
    }
    // A failure is recorded on the account by the body; the next due run retries it.
    await snapshotAccount(steps, event.data).catch((error) =>
      console.error(`[scheduler] refresh of ${String(event.data.socialAccountId)} failed: ${describeFailure(error)}`),
    );
  }
}
const steps = localSteps(dispatch);

/** The scheduled minute a tick belongs to: instances whose clocks differ by under 30 s agree on it. */
export function slotOf(at: Date): Date {
  return new Date(Math.round(at.getTime() / 60_000) * 60_000);
}

/**
 * Runs a scheduled function for `slot` if this process claims the slot first (several instances
 * without Inngest each tick; one runs). A failure is logged and recorded on the claim.
 * @returns whether this process ran it.
 */
export async function runScheduled(id: string, slot: Date): Promise<boolean> {
  const fn = SCHEDULED_FUNCTIONS.find((f) => f.id === id);
  if (!fn) throw new Error(`No scheduled function ${id}`);
  if (shutdownRequested() || !(await claimScheduledRun(id, slot))) return false;
  try {
    await fn.body(steps);
    await finishScheduledRun(id, slot);
  } catch (error) {
    console.error(`[scheduler] ${id} at ${slot.toISOString()} failed: ${describeFailure(error)}`);
    await finishScheduledRun(id, slot, error).catch(() => {});
  }
  return true;
}

/**
 * Starts the embedded scheduler: each scheduled function on its cron schedule (croner, UTC), a run
 * never overlapping the previous one of the same function. Stops on shutdown.
 * @returns stop, which ends the schedules (a run in progress finishes).
 */
export function startEmbeddedScheduler(): { stop: () => void } {
  const jobs = SCHEDULED_FUNCTIONS.map(
    (fn) =>
      new Cron(fn.cron, { timezone: 'UTC', protect: true, unref: true, name: `reachboard-${fn.id}` }, async () => {
        await runScheduled(fn.id, slotOf(new Date())).catch((error) =>
          console.error(`[scheduler] ${fn.id} could not be claimed: ${describeFailure(error)}`),
        );
      }),
  );
  const stop = () => jobs.forEach((job) => job.stop());
  onShutdown(stop);
  return { stop };
}
