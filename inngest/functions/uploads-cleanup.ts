import { cleanupUploads } from '@/lib/imports/cleanup-uploads';
import { inngest } from '../client';

/** Hourly: deletes uploads nobody imported within `UPLOAD_TTL_HOURS` (lib/imports/uploads.ts). */
export const uploadsCleanupFunction = inngest.createFunction(
  { id: 'uploads-cleanup', retries: 2, triggers: [{ cron: '17 * * * *' }] },
  async ({ step }) => {
    const deleted = await step.run('delete expired uploads', () => cleanupUploads({ ctx: { actor: null, system: true }, input: {} }));
    return { deleted };
  },
);
