'use server';

import { formAction } from '@/lib/actions/form-action';
import { addBenchmarkAccount, removeBenchmarkAccount } from '@/lib/analytics/benchmarks';
import type { FormState } from '@/lib/forms';

/** Adds an account (fields `platform`, `handle`, `kind`) to the organization's benchmarks. */
export async function addBenchmarkAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => addBenchmarkAccount({ ctx, input: { orgSlug: slug, platform: v.platform, handle: v.handle, kind: v.kind } }),
    { revalidate: `/o/${slug}/benchmarks`, success: 'Account added to the benchmarks.' },
  );
}

/** Removes an account (field `socialAccountId`) from the organization's benchmarks. */
export async function removeBenchmarkAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => removeBenchmarkAccount({ ctx, input: { orgSlug: slug, socialAccountId: v.socialAccountId } }), {
    revalidate: `/o/${slug}/benchmarks`,
    success: 'Account removed from the benchmarks.',
    keepValues: false,
  });
}
