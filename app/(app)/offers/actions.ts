'use server';

import { formAction } from '@/lib/actions/form-action';
import { formValues, type FormState } from '@/lib/forms';
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
  return formAction(formData, (ctx) => sendOffer({ ctx, input: { orgSlug: slug, campaignId, influencerId, terms: termsOf(formData) } }), {
    revalidate: `/o/${slug}/campaigns/${campaignId}`,
    redirectTo: ({ id }) => `/offers/${id}`,
  });
}

/** An influencer applies to a public campaign, then opens the application. */
export async function applyAction(campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => applyToCampaign({ ctx, input: { campaignId, pitch: v.pitch ?? '', fee: v.fee ?? '' } }), {
    revalidate: '/campaigns',
    redirectTo: ({ id }) => `/offers/${id}`,
  });
}

/** Accept, reject or counter the latest round (`response` field). */
export async function respondAction(offerId: string, roundNumber: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => {
      const response =
        v.response === 'accept'
          ? ({ action: 'accept' } as const)
          : v.response === 'reject'
            ? ({ action: 'reject', reason: v.reason } as const)
            : ({ action: 'counter', terms: termsOf(formData) } as const);
      return respondToOffer({ ctx, input: { offerId, roundNumber, response } });
    },
    {
      revalidate: `/offers/${offerId}`,
      success: (result) =>
        result.status === 'accepted'
          ? 'Accepted: the collaboration is set up with its deliverables.'
          : result.status === 'rejected'
            ? 'Offer declined.'
            : 'Counter-offer sent.',
    },
  );
}

/** Saves new terms for one's own unanswered round. */
export async function editOfferAction(offerId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx) => editOffer({ ctx, input: { offerId, terms: termsOf(formData) } }), {
    revalidate: `/offers/${offerId}`,
    success: 'Offer updated; the other side has been told.',
  });
}

/** Withdraws one's own open offer or application. */
export async function withdrawOfferAction(offerId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => withdrawOffer({ ctx, input: { offerId } }), {
    revalidate: `/offers/${offerId}`,
    success: 'Offer withdrawn.',
  });
}
