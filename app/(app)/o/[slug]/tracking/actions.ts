'use server';

import { revalidatePath } from 'next/cache';
import { getRequestCtx } from '@/lib/auth/request-context';
import {
  refreshTrackedAccount,
  setRefreshInterval,
  trackAccount,
  untrackAccount,
  type RefreshOutcome,
} from '@/lib/connectors/tracked-accounts';
import { formValues, toFormState, type FormState } from '@/lib/forms';

function outcomeMessage(o: RefreshOutcome): FormState {
  if (o.status === 'queued') return { ok: true, message: 'Refresh queued: it runs in the background in a moment.' };
  if (o.status === 'refreshed') return { ok: true, message: `Refreshed now: ${o.posts} recent posts read.` };
  return { ok: false, message: `Could not refresh: ${o.message}` };
}

/** Starts tracking the account in the form (`platform`, `account`) and refreshes it once. */
export async function trackAccountAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    const { refresh } = await trackAccount({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, platform: v.platform ?? '', account: v.account ?? '' },
    });
    revalidatePath(`/o/${slug}`, 'layout');
    const m = outcomeMessage(refresh);
    return m.ok
      ? { ok: true, message: `Tracking. ${m.message}` }
      : { ok: false, message: `Tracking, but the first refresh failed: ${m.message?.replace('Could not refresh: ', '')}` };
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
}

/** Refreshes one tracked account now. */
export async function refreshNowAction(slug: string, socialAccountId: string, _prev: FormState): Promise<FormState> {
  try {
    const outcome = await refreshTrackedAccount({ ctx: await getRequestCtx(), input: { orgSlug: slug, socialAccountId } });
    revalidatePath(`/o/${slug}`, 'layout');
    return outcomeMessage(outcome);
  } catch (error) {
    return toFormState(error);
  }
}

/** Stops tracking one account. */
export async function untrackAction(slug: string, socialAccountId: string, _prev: FormState): Promise<FormState> {
  try {
    await untrackAccount({ ctx: await getRequestCtx(), input: { orgSlug: slug, socialAccountId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true };
}

/** Sets how often one tracked account refreshes (`hours`). */
export async function setRefreshIntervalAction(
  slug: string,
  socialAccountId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  try {
    const hours = Number(formData.get('hours'));
    await setRefreshInterval({ ctx: await getRequestCtx(), input: { orgSlug: slug, socialAccountId, hours } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}/tracking`);
  return { ok: true, message: 'Saved' };
}
