'use server';

import { formAction } from '@/lib/actions/form-action';
import { refreshTrackedAccount } from '@/lib/connectors/refresh-tracked-account';
import { setRefreshInterval } from '@/lib/connectors/set-refresh-interval';
import { trackAccount } from '@/lib/connectors/track-account';
import { untrackAccount } from '@/lib/connectors/untrack-account';
import { type RefreshOutcome } from '@/lib/connectors/internal';
import type { FormState } from '@/lib/forms';

function outcomeMessage(o: RefreshOutcome): FormState {
  if (o.status === 'queued') return { ok: true, message: 'Refresh queued: it runs in the background in a moment.' };
  if (o.status === 'refreshed') return { ok: true, message: `Refreshed now: ${o.posts} recent posts read.` };
  return { ok: false, message: `Could not refresh: ${o.message}` };
}

/** Starts tracking the account in the form (`platform`, `account`) and refreshes it once. */
export async function trackAccountAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => trackAccount({ ctx, input: { orgSlug: slug, platform: v.platform ?? '', account: v.account ?? '' } }),
    {
      revalidate: { layout: `/o/${slug}` },
      success: ({ refresh }) => {
        const m = outcomeMessage(refresh);
        return m.ok
          ? { ok: true, message: `Tracking. ${m.message}` }
          : { ok: false, message: `Tracking, but the first refresh failed: ${m.message?.replace('Could not refresh: ', '')}` };
      },
    },
  );
}

/** Refreshes one tracked account now. */
export async function refreshNowAction(slug: string, socialAccountId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => refreshTrackedAccount({ ctx, input: { orgSlug: slug, socialAccountId } }), {
    revalidate: { layout: `/o/${slug}` },
    success: outcomeMessage,
  });
}

/** Stops tracking one account. */
export async function untrackAction(slug: string, socialAccountId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => untrackAccount({ ctx, input: { orgSlug: slug, socialAccountId } }), {
    revalidate: { layout: `/o/${slug}` },
    success: { ok: true },
  });
}

/** Sets how often one tracked account refreshes (`hours`; the verb refuses other intervals). */
export async function setRefreshIntervalAction(
  slug: string,
  socialAccountId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return formAction(formData, (ctx, v) => setRefreshInterval({ ctx, input: { orgSlug: slug, socialAccountId, hours: v.hours ?? '' } }), {
    revalidate: `/o/${slug}/tracking`,
    success: 'Saved',
    keepValues: false,
  });
}
