'use server';

import { revalidatePath } from 'next/cache';
import { getRequestCtx } from '@/lib/auth/request-context';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { addSocialAccount, removeSocialAccount, updateInfluencerProfile } from '@/lib/influencers/update-influencer-profile';

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

/** Adds a social account by platform and handle. */
export async function addAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await addSocialAccount({ ctx: await getRequestCtx(), input: { platform: v.platform ?? '', handle: v.handle ?? '' } });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: 'Account added.' };
}

/** Removes one of the influencer's social accounts. */
export async function removeAccountAction(accountId: string, _prev: FormState): Promise<FormState> {
  try {
    await removeSocialAccount({ ctx: await getRequestCtx(), input: { accountId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/creator', 'layout');
  return { ok: true, message: 'Account removed.' };
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
