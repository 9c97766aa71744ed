'use server';

import { getRequestCtx } from '@/lib/auth/request-context';
import { requestExport, type ExportRequest } from '@/lib/exports/background-export';
import { toFormState, type FormState } from '@/lib/forms';

/** Starts a background CSV export; the member gets a notification and an email with the link. */
export async function requestExportAction(orgSlug: string, request: ExportRequest): Promise<FormState> {
  try {
    await requestExport({ ctx: await getRequestCtx(), input: { orgSlug, ...request } });
    return { ok: true, message: 'Preparing the file: you will get an email and a notification with the link (valid 24 hours).' };
  } catch (error) {
    return toFormState(error);
  }
}
