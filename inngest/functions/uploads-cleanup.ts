import { cleanupRateLimits } from '@/lib/auth/cleanup-rate-limits';
import { cleanupExports } from '@/lib/exports/cleanup-exports';
import { cleanupUploads } from '@/lib/imports/cleanup-uploads';
import { pruneScheduledRuns } from '@/lib/jobs/scheduled-runs';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';
import { systemCtx } from '@/lib/context';

/** Hourly at minute 17 (UTC). */
export const UPLOADS_CLEANUP_CRON = '17 * * * *';

const system = systemCtx('uploads cleanup');

/**
 * Deletes uploads nobody imported within `UPLOAD_TTL_HOURS` (lib/imports/uploads.ts), background
 * exports past their 24-hour link with their files, the embedded scheduler's runs older than
 * 30 days, and rate-limit counters expired over an hour ago. Safe to run any number of times, anywhere.
 */
export async function uploadsCleanup(step: Steps) {
  const uploads = await step.run('delete expired uploads', () => cleanupUploads({ ctx: system, input: {} }));
  const exports = await step.run('delete expired exports', () => cleanupExports({ ctx: system, input: {} }));
  const runs = await step.run('forget old scheduled runs', () => pruneScheduledRuns());
  const rateLimits = await step.run('forget expired rate-limit counters', () => cleanupRateLimits({ ctx: system, input: {} }));
  return { deleted: uploads, exports, runs, rateLimits };
}

/** {@link uploadsCleanup}, hourly under Inngest. */
export const uploadsCleanupFunction = inngest.createFunction(
  { id: 'uploads-cleanup', retries: 2, triggers: [{ cron: UPLOADS_CLEANUP_CRON }] },
  ({ step }) => uploadsCleanup(inngestSteps(step)),
);
