'use server';

import { formAction } from '@/lib/actions/form-action';
import { cancelClaim } from '@/lib/claims/cancel-claim';
import { checkClaim } from '@/lib/claims/check-claim';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { startConnection } from '@/lib/connections/start-connection';
import { requestClaim } from '@/lib/claims/request-claim';
import { requestClaimReview } from '@/lib/claims/request-claim-review';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import type { FormState } from '@/lib/forms';
import { removeSocialAccount } from '@/lib/influencers/remove-social-account';
import { updateInfluencerProfile } from '@/lib/influencers/update-influencer-profile';

const creatorPages = { layout: '/creator' };

/** Saves the influencer's niche, country, bio and rate card. */
export async function updateCreatorProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, input) => updateInfluencerProfile({ ctx, input }), {
    revalidate: creatorPages,
    success: 'Profile saved.',
  });
}

/** Names a social account to verify (a claim with its code). */
export async function claimAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => requestClaim({ ctx, input: { platform: v.platform ?? '', handle: v.handle ?? '' } }), {
    revalidate: creatorPages,
    success: ({ handle }) => `Now prove @${handle} is yours: put its code in your profile description (below).`,
  });
}

/** Reads a claim's code back from the platform. */
export async function checkClaimAction(claimId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => checkClaim({ ctx, input: { claimId } }), {
    revalidate: creatorPages,
    success: (result) => ({ ok: result.verified, message: result.message }),
  });
}

/** Sends a claim to the admins' review queue with the creator's evidence. */
export async function requestClaimReviewAction(claimId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => requestClaimReview({ ctx, input: { claimId, evidence: v.evidence ?? '' } }), {
    revalidate: '/creator/profile',
    success: 'Sent: a Reachboard admin will look for the code and let you know.',
  });
}

/** Withdraws an open claim. */
export async function cancelClaimAction(claimId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => cancelClaim({ ctx, input: { claimId } }), {
    revalidate: creatorPages,
    success: 'Claim withdrawn.',
  });
}

/** Removes one of the influencer's social accounts. */
export async function removeAccountAction(accountId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => removeSocialAccount({ ctx, input: { accountId } }), {
    revalidate: creatorPages,
    success: 'Account removed from your profile.',
  });
}

/** Submits a deliverable with the published post's URL. */
export async function submitDeliverableAction(deliverableId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => submitDeliverable({ ctx, input: { deliverableId, postUrl: v.postUrl ?? '' } }), {
    revalidate: '/creator/collaborations',
    success: 'Submitted: the brand has been asked to review it.',
  });
}

/** Sends the creator to the platform's authorization page to connect an account. */
export async function connectPlatformAction(platform: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => startConnection({ ctx, input: { platform } }), { redirectTo: (r) => r.url });
}

/** Disconnects a platform connection (revoked at the platform where it can be; tokens deleted). */
export async function disconnectConnectionAction(connectionId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => disconnectConnection({ ctx, input: { connectionId } }), {
    revalidate: creatorPages,
    success: (r) =>
      r.revokedAtPlatform ? 'Disconnected: the platform revoked Reachboard’s access.' : 'Disconnected: Reachboard deleted its tokens.',
  });
}
