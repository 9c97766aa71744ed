import { getDb } from '@/db';
import { collectReminders, sendReminderDigest } from '@/lib/reminders/daily-digest';
import { inngest } from '../client';

/**
 * Daily at 08:00 UTC: one reminder digest per person with something waiting (offers to answer,
 * deliverables due within 48 hours, applications and deliverables to review). The day is claimed
 * per person before sending, so a re-run or a retried step never sends a second digest.
 */
export const remindersDailyFunction = inngest.createFunction(
  { id: 'reminders-daily', retries: 3, triggers: [{ cron: '0 8 * * *' }] },
  async ({ step }) => {
    const day = new Date().toISOString().slice(0, 10);
    const waiting = await step.run('collect reminders', async () => Object.fromEntries(await collectReminders(await getDb(), day)));
    let sent = 0;
    for (const [userId, items] of Object.entries(waiting)) {
      if (await step.run(`digest ${userId}`, async () => sendReminderDigest(await getDb(), userId, day, items))) sent++;
    }
    return { day, people: Object.keys(waiting).length, sent };
  },
);
