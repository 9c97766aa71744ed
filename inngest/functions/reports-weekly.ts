import { sendWeeklyReports } from '@/lib/reports/campaign-report-mail';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';

/** Mondays at 07:00 UTC. */
export const REPORTS_WEEKLY_CRON = '0 7 * * 1';

/**
 * Each opted-in brand member gets the report of every active campaign of their brands. Each
 * (campaign, person, week) is claimed before its email, so a retry, a re-run or a second instance
 * sends nothing twice.
 */
export async function reportsWeekly(step: Steps) {
  const sent = await step.run('send weekly reports', () => sendWeeklyReports(new Date()));
  return { sent };
}

/** {@link reportsWeekly}, weekly under Inngest. */
export const reportsWeeklyFunction = inngest.createFunction(
  { id: 'reports-weekly', retries: 3, triggers: [{ cron: REPORTS_WEEKLY_CRON }] },
  ({ step }) => reportsWeekly(inngestSteps(step)),
);
