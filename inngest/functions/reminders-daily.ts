import { getDb } from '@/db';
import { collectReminders, sendReminderDigest } from '@/lib/reminders/daily-digest';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';

/** Daily at 08:00 UTC. */
export const REMINDERS_DAILY_CRON = '0 8 * * *';

/**
 * One reminder digest per person with something waiting (offers to answer, deliverables due
 * within 48 hours, applications and deliverables to review). The day is claimed per person before
 * sending, so a re-run, a retried step or a second instance never sends a second digest.
 */
export async function remindersDaily(step: Steps) {
  const day = new Date().toISOString().slice(0, 10);
  const waiting = await step.run('collect reminders', async () => Object.fromEntries(await collectReminders(await getDb(), day)));
  let sent = 0;
  for (const [userId, items] of Object.entries(waiting)) {
    if (await step.run(`digest ${userId}`, async () => sendReminderDigest(await getDb(), userId, day, items))) sent++;
  }
  return { day, people: Object.keys(waiting).length, sent };
}

/** {@link remindersDaily}, daily under Inngest. */
export const remindersDailyFunction = inngest.createFunction(
  { id: 'reminders-daily', retries: 3, triggers: [{ cron: REMINDERS_DAILY_CRON }] },
  ({ step }) => remindersDaily(inngestSteps(step)),
);
