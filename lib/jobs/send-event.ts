import type { StandardSchemaV1 } from 'inngest';
import { inngest } from '@/inngest/client';
import type { AppEvent } from '@/inngest/events';
import { getEnv } from '../env';

/** True when an Inngest server is configured (Inngest Cloud/self-hosted event key, or the dev server). */
function backgroundJobsConnected(): boolean {
  const env = getEnv();
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
}

/**
 * Who runs the scheduled functions (snapshot schedule, reminders, weekly reports, cleanup):
 * `inngest` when an Inngest server is configured, else `embedded` (the server process, on the
 * same schedules), or `off` when `EMBEDDED_SCHEDULER=false`.
 */
export function schedulerMode(): 'inngest' | 'embedded' | 'off' {
  if (backgroundJobsConnected()) return 'inngest';
  return getEnv().EMBEDDED_SCHEDULER ? 'embedded' : 'off';
}

/** The data an event's schema takes. */
type EventData<E extends AppEvent> = E['schema'] extends StandardSchemaV1<infer D> ? D : never;

/**
 * Hands work to Inngest: one of the events declared in inngest/events.ts, with data its schema
 * takes. Returns false, without throwing, when no Inngest server is configured or sending fails,
 * so the caller runs the same verb in this process instead.
 */
export async function sendEvent<E extends AppEvent>(event: E, data: EventData<E>): Promise<boolean> {
  if (!backgroundJobsConnected()) return false;
  try {
    await inngest.send({ name: event.name, data });
    return true;
  } catch (error) {
    console.warn(`[jobs] could not send ${event.name} to Inngest, running in this process instead: ${(error as Error).message}`);
    return false;
  }
}
