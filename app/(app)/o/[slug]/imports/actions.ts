'use server';

import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { getRequestCtx } from '@/lib/auth/request-context';
import { toFormState, type FormState } from '@/lib/forms';
import { authorizeRerun } from '@/lib/imports/authorize-rerun';
import type { ImportMappingInput } from '@/lib/imports/mapping';
import { previewImport, type ImportPreview } from '@/lib/imports/preview-import';
import { runImport } from '@/lib/imports/run-import';
import { startImport } from '@/lib/imports/start-import';
import { sendEvent } from '@/lib/jobs/send-event';

/** Hands the job to Inngest when connected, else runs it in this process after the response. */
async function dispatch(jobId: string) {
  if (await sendEvent('import/requested', { jobId })) return;
  after(() => runImport({ ctx: { actor: null, system: true }, input: { jobId } }).then(() => undefined));
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

export async function startImportAction(
  slug: string,
  uploadId: string,
  mapping: ImportMappingInput,
  layoutId: string | undefined,
  presetName: string,
): Promise<FormState> {
  let jobId: string;
  try {
    const job = await startImport({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, uploadId, mapping, layoutId, presetName: presetName || undefined },
    });
    jobId = job.id;
    await dispatch(jobId);
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/o/${slug}/imports/${jobId}`);
}

export async function resumeImportAction(slug: string, jobId: string, _prev: FormState): Promise<FormState> {
  try {
    await authorizeRerun({ ctx: await getRequestCtx(), input: { orgSlug: slug, jobId } });
    await dispatch(jobId);
    return { ok: true, message: 'Resuming the import from the last saved row.' };
  } catch (error) {
    return toFormState(error);
  }
}
