import { sendWeeklyReports } from '@/lib/reports/campaign-report-mail';
import { inngest } from '../client';

/**
 * Mondays at 07:00 UTC: each opted-in brand member gets the report of every active campaign of
 * their brands. Each (campaign, person, week) is claimed before its email, so a retry or a re-run
 * sends nothing twice.
 */
export const reportsWeeklyFunction = inngest.createFunction(
  { id: 'reports-weekly', retries: 3, triggers: [{ cron: '0 7 * * 1' }] },
  async ({ step }) => {
    const sent = await step.run('send weekly reports', () => sendWeeklyReports(new Date()));
    return { sent };
  },
);
