'use server';

import { revalidatePath } from 'next/cache';
import { addBenchmarkAccount, removeBenchmarkAccount } from '@/lib/analytics/benchmarks';
import { getRequestCtx } from '@/lib/auth/request-context';
import { formValues, toFormState, type FormState } from '@/lib/forms';

/** Adds an account (fields `platform`, `handle`, `kind`) to the organization's benchmarks. */
export async function addBenchmarkAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const { platform, handle, kind } = formValues(formData);
  try {
    await addBenchmarkAccount({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, platform: platform as never, handle, kind: kind as never },
    });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}/benchmarks`);
  return { ok: true, message: 'Account added to the benchmarks.' };
}

/** Removes an account (field `socialAccountId`) from the organization's benchmarks. */
export async function removeBenchmarkAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await removeBenchmarkAccount({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, socialAccountId: formValues(formData).socialAccountId },
    });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}/benchmarks`);
  return { ok: true, message: 'Account removed from the benchmarks.' };
}
