'use server';

import { formAction } from '@/lib/actions/form-action';
import { followInfluencer, unfollowInfluencer } from '@/lib/follows/follow-influencer';
import type { FormState } from '@/lib/forms';

/** Follows (`follow` true) or unfollows an influencer. */
export async function followAction(influencerId: string, follow: boolean, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => (follow ? followInfluencer : unfollowInfluencer)({ ctx, input: { influencerId } }), {
    revalidate: [{ layout: '/creators' }, '/fan'],
    success: { ok: true },
  });
}
