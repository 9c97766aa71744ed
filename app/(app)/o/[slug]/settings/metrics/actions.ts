'use server';

import { formAction } from '@/lib/actions/form-action';
import type { FormState } from '@/lib/forms';
import { updateMetricSettings } from '@/lib/orgs/update-metric-settings';

/** Saves the metric settings (every field of the form; blank = default). The verb re-checks the role in `orgId`. */
export async function updateMetricSettingsAction(orgId: string, slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => updateMetricSettings({ ctx, input: { ...v, orgId } }), {
    revalidate: { layout: `/o/${slug}` },
    success: 'Metric settings saved. Pages use them from now on.',
  });
}
