import { buildExport } from '@/lib/exports/background-export';
import { inngest } from '../client';
import { exportCsvRequested } from '../events';

/**
 * Builds one background CSV export (`export/csv.requested`) and tells the member who asked, in-app
 * and by email, with a download link signed for 24 hours. Re-running it leaves a built export alone.
 */
export const exportCsvFunction = inngest.createFunction(
  { id: 'export-csv', retries: 2, concurrency: { limit: 2 }, triggers: [exportCsvRequested] },
  async ({ event, step }) => {
    const { exportId } = event.data;
    const status = await step.run('build export', () => buildExport(exportId));
    return { exportId, status };
  },
);
