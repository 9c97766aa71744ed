import { z } from 'zod';
import { runImport } from '@/lib/imports/run-import';
import { inngest } from '../client';

const eventSchema = z.object({ jobId: z.uuid() });

/** Runs an import job durably; a retry resumes after the last committed batch. */
export const runImportFunction = inngest.createFunction(
  { id: 'import-run', retries: 3, concurrency: { limit: 2 }, triggers: [{ event: 'import/requested' }] },
  async ({ event, step }) => {
    const { jobId } = eventSchema.parse(event.data);
    const job = await step.run('run import', () => runImport({ ctx: { actor: null, system: true }, input: { jobId } }));
    return { jobId, status: job.status };
  },
);
