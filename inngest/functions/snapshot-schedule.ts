import { getDb } from '@/db';
import { accountRefreshRequested } from '../events';
import { listDueAccounts } from '@/lib/connectors/refresh-account';
import { connectorStatuses } from '@/lib/connectors/registry';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';

/** Hourly, on the hour (UTC). */
export const SNAPSHOT_SCHEDULE_CRON = '0 * * * *';

/**
 * Selects the tracked accounts due for a refresh and sends one event per account. The event id
 * names the account and the hour, so a re-run of this hour requests nothing twice.
 */
export async function snapshotSchedule(step: Steps) {
  const due = await step.run('select due accounts', async () => {
    const platforms = connectorStatuses()
      .filter((c) => c.configured)
      .map((c) => c.platform);
    return listDueAccounts(await getDb(), new Date(), platforms);
  });
  if (due.length === 0) return { requested: 0 };
  const hour = new Date().toISOString().slice(0, 13);
  await step.sendEvent(
    'request refreshes',
    due.map((a) => ({
      id: `refresh-${a.id}-${hour}`,
      name: accountRefreshRequested.name,
      data: { socialAccountId: a.id, platform: a.platform },
    })),
  );
  return { requested: due.length };
}

/** {@link snapshotSchedule}, hourly under Inngest. */
export const snapshotScheduleFunction = inngest.createFunction(
  { id: 'snapshot-schedule', retries: 2, triggers: [{ cron: SNAPSHOT_SCHEDULE_CRON }] },
  ({ step }) => snapshotSchedule(inngestSteps(step)),
);
