'use server';

import { revalidatePath } from 'next/cache';
import { getRequestCtx } from '@/lib/auth/request-context';
import { followInfluencer, unfollowInfluencer } from '@/lib/follows/follow-influencer';
import { toFormState, type FormState } from '@/lib/forms';

/** Follows (`follow` true) or unfollows a creator. */
export async function followAction(influencerId: string, follow: boolean, _prev: FormState): Promise<FormState> {
  try {
    const ctx = await getRequestCtx();
    if (follow) await followInfluencer({ ctx, input: { influencerId } });
    else await unfollowInfluencer({ ctx, input: { influencerId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/creators', 'layout');
  revalidatePath('/fan');
  return { ok: true };
}
