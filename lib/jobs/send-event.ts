import { inngest } from '@/inngest/client';
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

/**
 * Hands work to Inngest. Returns false, without throwing, when no Inngest server is configured or
 * sending fails, so the caller runs the same verb in this process instead.
 */
export async function sendEvent(name: string, data: Record<string, unknown>): Promise<boolean> {
  if (!backgroundJobsConnected()) return false;
  try {
    await inngest.send({ name, data });
    return true;
  } catch (error) {
    console.warn(`[jobs] could not send ${name} to Inngest, running in this process instead: ${(error as Error).message}`);
    return false;
  }
}
