'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { applyToCampaign } from '@/lib/offers/apply-to-campaign';
import { editOffer } from '@/lib/offers/edit-offer';
import type { OfferTermsInput } from '@/lib/offers/offer-schema';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { withdrawOffer } from '@/lib/offers/withdraw-offer';

/** Offer terms from the OfferTermsFields form: deliverable rows with a blank title are dropped. */
function termsOf(formData: FormData): OfferTermsInput {
  const titles = formData.getAll('deliverableTitle').map(String);
  const platforms = formData.getAll('deliverablePlatform').map(String);
  const dues = formData.getAll('deliverableDueOn').map(String);
  const v = formValues(formData);
  return {
    fee: v.fee ?? '',
    terms: v.terms ?? '',
    dueOn: v.dueOn ?? '',
    deliverables: titles
      .map((title, i) => ({ title, platform: platforms[i] ?? '', dueOn: dues[i] ?? '' }))
      .filter((d) => d.title.trim() !== ''),
  };
}

/** A brand sends an offer to an influencer for a campaign, then opens the offer. */
export async function sendOfferAction(
  slug: string,
  campaignId: string,
  influencerId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  let id: string;
  try {
    ({ id } = await sendOffer({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, campaignId, influencerId, terms: termsOf(formData) },
    }));
  } catch (error) {
    return { ...toFormState(error), values: formValues(formData) };
  }
  revalidatePath(`/o/${slug}/campaigns/${campaignId}`);
  redirect(`/offers/${id}`);
}

/** An influencer applies to a public campaign, then opens the application. */
export async function applyAction(campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  let id: string;
  try {
    ({ id } = await applyToCampaign({ ctx: await getRequestCtx(), input: { campaignId, pitch: v.pitch ?? '', fee: v.fee ?? '' } }));
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/campaigns');
  redirect(`/offers/${id}`);
}

/** Accept, reject or counter the latest round (`response` field). */
export async function respondAction(offerId: string, roundNumber: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  const response =
    v.response === 'accept'
      ? ({ action: 'accept' } as const)
      : v.response === 'reject'
        ? ({ action: 'reject', reason: v.reason } as const)
        : ({ action: 'counter', terms: termsOf(formData) } as const);
  let message: string;
  try {
    const result = await respondToOffer({ ctx: await getRequestCtx(), input: { offerId, roundNumber, response } });
    message =
      result.status === 'accepted'
        ? 'Accepted: the collaboration is set up with its deliverables.'
        : result.status === 'rejected'
          ? 'Offer declined.'
          : 'Counter-offer sent.';
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath(`/offers/${offerId}`);
  return { ok: true, message };
}

/** Saves new terms for one's own unanswered round. */
export async function editOfferAction(offerId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await editOffer({ ctx: await getRequestCtx(), input: { offerId, terms: termsOf(formData) } });
  } catch (error) {
    return { ...toFormState(error), values: formValues(formData) };
  }
  revalidatePath(`/offers/${offerId}`);
  return { ok: true, message: 'Offer updated; the other side has been told.' };
}

/** Withdraws one's own open offer or application. */
export async function withdrawOfferAction(offerId: string, _prev: FormState): Promise<FormState> {
  try {
    await withdrawOffer({ ctx: await getRequestCtx(), input: { offerId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/offers/${offerId}`);
  return { ok: true, message: 'Offer withdrawn.' };
}
