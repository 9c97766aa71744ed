'use server';

import { revalidatePath } from 'next/cache';
import { getRequestCtx } from '@/lib/auth/request-context';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { cancelClaim } from '@/lib/claims/cancel-claim';
import { checkClaim } from '@/lib/claims/check-claim';
import { requestClaim } from '@/lib/claims/request-claim';
import { requestClaimReview } from '@/lib/claims/request-claim-review';
import { removeSocialAccount } from '@/lib/influencers/remove-social-account';
import { updateInfluencerProfile } from '@/lib/influencers/update-influencer-profile';

/** Saves the influencer's niche, country, bio and rate card. */
export async function updateCreatorProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await updateInfluencerProfile({ ctx: await getRequestCtx(), input: v });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: 'Profile saved.' };
}

/** Names a social account to verify (a claim with its code). */
export async function claimAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  let handle: string;
  try {
    ({ handle } = await requestClaim({ ctx: await getRequestCtx(), input: { platform: v.platform ?? '', handle: v.handle ?? '' } }));
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: `Now prove @${handle} is yours: put its code in your profile description (below).` };
}

/** Reads a claim's code back from the platform. */
export async function checkClaimAction(claimId: string, _prev: FormState): Promise<FormState> {
  try {
    const result = await checkClaim({ ctx: await getRequestCtx(), input: { claimId } });
    revalidatePath('/creator', 'layout');
    return { ok: result.verified, message: result.message };
  } catch (error) {
    return toFormState(error);
  }
}

/** Sends a claim to the admins' review queue with the creator's evidence. */
export async function requestClaimReviewAction(claimId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await requestClaimReview({ ctx: await getRequestCtx(), input: { claimId, evidence: v.evidence ?? '' } });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/creator/profile');
  return { ok: true, message: 'Sent: a Reachboard admin will look for the code and let you know.' };
}

/** Withdraws an open claim. */
export async function cancelClaimAction(claimId: string, _prev: FormState): Promise<FormState> {
  try {
    await cancelClaim({ ctx: await getRequestCtx(), input: { claimId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: 'Claim withdrawn.' };
}

/** Removes one of the influencer's social accounts. */
export async function removeAccountAction(accountId: string, _prev: FormState): Promise<FormState> {
  try {
    await removeSocialAccount({ ctx: await getRequestCtx(), input: { accountId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: 'Account removed from your profile.' };
}

/** Submits a deliverable with the published post's URL. */
export async function submitDeliverableAction(deliverableId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await submitDeliverable({ ctx: await getRequestCtx(), input: { deliverableId, postUrl: v.postUrl ?? '' } });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/creator/collaborations');
  return { ok: true, message: 'Submitted: the brand has been asked to review it.' };
}
