'use server';

import { after } from 'next/server';
import { formAction } from '@/lib/actions/form-action';
import { getRequestCtx } from '@/lib/auth/request-context';
import { toFormState, type FormState } from '@/lib/forms';
import { authorizeRerun } from '@/lib/imports/authorize-rerun';
import type { ImportMappingInput } from '@/lib/imports/mapping';
import { previewImport, type ImportPreview } from '@/lib/imports/preview-import';
import { runImport } from '@/lib/imports/run-import';
import { startImport } from '@/lib/imports/start-import';
import { sendEvent } from '@/lib/jobs/send-event';
import { importRequested } from '@/inngest/events';
import { systemCtx } from '@/lib/context';

/** Hands the job to Inngest when connected, else runs it in this process after the response. */
async function dispatch(jobId: string) {
  if (await sendEvent(importRequested, { jobId })) return;
  after(() => runImport({ ctx: systemCtx('import runner'), input: { jobId } }).then(() => undefined));
}

export async function previewImportAction(
  slug: string,
  uploadId: string,
  mapping: ImportMappingInput,
): Promise<Pick<ImportPreview, 'rows' | 'mappingErrors'> | { error: string }> {
  try {
    const preview = await previewImport({ ctx: await getRequestCtx(), input: { orgSlug: slug, uploadId, mapping } });
    return { rows: preview.rows, mappingErrors: preview.mappingErrors };
  } catch (error) {
    return { error: toFormState(error).message ?? 'Preview failed' };
  }
}

/** Starts the import of an upload with its mapping, then opens the job's page. */
export async function startImportAction(
  slug: string,
  uploadId: string,
  mapping: ImportMappingInput,
  layoutId: string | undefined,
  presetName: string,
): Promise<FormState> {
  return formAction(
    undefined,
    async (ctx) => {
      const job = await startImport({ ctx, input: { orgSlug: slug, uploadId, mapping, layoutId, presetName: presetName || undefined } });
      await dispatch(job.id);
      return job;
    },
    { redirectTo: (job) => `/o/${slug}/imports/${job.id}` },
  );
}

/** Resumes a stopped or failed import from its last saved row. */
export async function resumeImportAction(slug: string, jobId: string, _prev: FormState): Promise<FormState> {
  return formAction(
    undefined,
    async (ctx) => {
      await authorizeRerun({ ctx, input: { orgSlug: slug, jobId } });
      await dispatch(jobId);
    },
    { success: 'Resuming the import from the last saved row.' },
  );
}
