'use server';

import { formAction } from '@/lib/actions/form-action';
import { requestExport, type ExportRequest } from '@/lib/exports/background-export';
import type { FormState } from '@/lib/forms';

/** Starts a background CSV export; the member gets a notification and an email with the link. */
export async function requestExportAction(orgSlug: string, request: ExportRequest): Promise<FormState> {
  return formAction(undefined, (ctx) => requestExport({ ctx, input: { orgSlug, ...request } }), {
    success: 'Preparing the file: you will get an email and a notification with the link (valid 24 hours).',
  });
}
