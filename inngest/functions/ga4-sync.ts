import { systemCtx } from '@/lib/context';
import { listDueGa4Properties } from '@/lib/ga4/list-due-ga4-properties';
import { syncGa4Property } from '@/lib/ga4/sync-ga4-property';
import { inngest } from '../client';
import { ga4SyncRequested } from '../events';
import { inngestSteps, type Steps } from '../steps';
import { SNAPSHOT_SCHEDULE_CRON } from './snapshot-schedule';

/**
 * On the snapshot schedule (hourly), requests a sync of every GA4 property due (last attempt older
 * than 6 hours). The event id names the property and the hour: a re-run requests nothing twice.
 */
export async function ga4SyncSchedule(step: Steps) {
  const due = await step.run('select due properties', () => listDueGa4Properties(systemCtx('ga4-sync-schedule'), new Date()));
  if (due.length === 0) return { requested: 0 };
  const hour = new Date().toISOString().slice(0, 13);
  await step.sendEvent(
    'request syncs',
    due.map((p) => ({ id: `ga4-${p.id}-${hour}`, name: ga4SyncRequested.name, data: { ga4PropertyId: p.id } })),
  );
  return { requested: due.length };
}

/**
 * Syncs one GA4 property. A failure only the organization can fix (access not granted, no such
 * property) is recorded on the property and not retried; a transient one (Google unavailable, quota,
 * timeout) is recorded and thrown, so Inngest retries it with back-off.
 */
export async function ga4Sync(step: Steps, data: unknown) {
  const { ga4PropertyId } = ga4SyncRequested.schema.parse(data);
  const result = await step.run('sync', () => syncGa4Property({ ctx: systemCtx('ga4-sync'), input: { ga4PropertyId } }));
  if (!result.ok && result.retryable) throw new Error(result.reason);
  return result;
}

/** {@link ga4SyncSchedule} under Inngest. */
export const ga4SyncScheduleFunction = inngest.createFunction(
  { id: 'ga4-sync-schedule', retries: 2, triggers: [{ cron: SNAPSHOT_SCHEDULE_CRON }] },
  ({ step }) => ga4SyncSchedule(inngestSteps(step)),
);

/** {@link ga4Sync} for each `ga4/property.sync.requested` event; two at a time across the fleet (GA4's per-project quota). */
export const ga4SyncFunction = inngest.createFunction(
  { id: 'ga4-sync', retries: 3, concurrency: { limit: 2 }, triggers: [ga4SyncRequested] },
  ({ event, step }) => ga4Sync(inngestSteps(step), event.data),
);
