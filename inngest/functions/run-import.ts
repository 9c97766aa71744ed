import { runImport } from '@/lib/imports/run-import';
import { shutdownRequested } from '@/lib/jobs/shutdown';
import { inngest } from '../client';
import { importRequested } from '../events';
import { systemCtx } from '@/lib/context';

/** Runs an import job durably; a retry resumes after the last committed batch (also after a shutdown stopped it). */
export const runImportFunction = inngest.createFunction(
  { id: 'import-run', retries: 3, concurrency: { limit: 2 }, triggers: [importRequested] },
  async ({ event, step }) => {
    const { jobId } = event.data;
    const job = await step.run('run import', async () => {
      const done = await runImport({ ctx: systemCtx('import runner'), input: { jobId } });
      // Stopped by this instance's shutdown: a retry (on another instance) resumes it.
      if (done.status === 'failed' && shutdownRequested()) throw new Error(done.failureReason ?? 'stopped by a shutdown');
      return done;
    });
    return { jobId, status: job.status };
  },
);
