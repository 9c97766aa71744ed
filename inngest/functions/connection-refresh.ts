import { listDueConnections } from '@/lib/connections/list-due-connections';
import { refreshConnectionToken } from '@/lib/connections/refresh-connection-token';
import { systemCtx } from '@/lib/context';
import { inngest } from '../client';
import { connectionRefreshRequested } from '../events';
import { inngestSteps, type Steps } from '../steps';
import { SNAPSHOT_SCHEDULE_CRON } from './snapshot-schedule';

/**
 * Hourly: requests a token renewal for every creator connection ending within the next 70 minutes
 * (or within 7 days with no way to renew). The event id names the connection and the hour.
 */
export async function connectionRefreshSchedule(step: Steps) {
  const due = await step.run('select due connections', () => listDueConnections(systemCtx('connection-refresh-schedule'), new Date()));
  if (due.length === 0) return { requested: 0 };
  const hour = new Date().toISOString().slice(0, 13);
  await step.sendEvent(
    'request renewals',
    due.map((c) => ({
      id: `token-${c.id}-${hour}`,
      name: connectionRefreshRequested.name,
      data: { connectionId: c.id, platform: c.platform },
    })),
  );
  return { requested: due.length };
}

/**
 * Renews one connection's token. A refusal is recorded (reauth_required, one email) and not
 * retried; a platform failure is recorded and thrown, so Inngest retries it with back-off.
 */
export async function connectionRefresh(step: Steps, data: unknown) {
  const { connectionId } = connectionRefreshRequested.schema.parse(data);
  const result = await step.run('renew', () =>
    refreshConnectionToken({ ctx: systemCtx('connection-refresh'), input: { connectionId, withinMinutes: 70 } }),
  );
  if (result.error && result.status !== 'reauth_required') throw new Error(result.error);
  return result;
}

/** {@link connectionRefreshSchedule} under Inngest. */
export const connectionRefreshScheduleFunction = inngest.createFunction(
  { id: 'connection-refresh-schedule', retries: 2, triggers: [{ cron: SNAPSHOT_SCHEDULE_CRON }] },
  ({ step }) => connectionRefreshSchedule(inngestSteps(step)),
);

/** {@link connectionRefresh} per event; a few at a time per platform (their token endpoints' rate limits). */
export const connectionRefreshFunction = inngest.createFunction(
  { id: 'connection-refresh', retries: 3, concurrency: { key: 'event.data.platform', limit: 4 }, triggers: [connectionRefreshRequested] },
  ({ event, step }) => connectionRefresh(inngestSteps(step), event.data),
);
