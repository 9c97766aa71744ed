'use server';

import { formAction } from '@/lib/actions/form-action';
import { adminDeleteCampaign, setCampaignFlag } from '@/lib/admin/moderate-campaign';
import { deleteUser, setUserFlag } from '@/lib/admin/moderate-user';
import { reviewBrand } from '@/lib/admin/review-brand';
import { decideClaim } from '@/lib/claims/decide-claim';
import type { Ctx } from '@/lib/context';
import type { FormState } from '@/lib/forms';

/** Runs an admin verb as a form action; every admin page is revalidated after it. */
function run(
  verb: (ctx: Ctx, values: Record<string, string>) => Promise<unknown>,
  message: string,
  formData?: FormData,
): Promise<FormState> {
  return formAction(formData, verb, { revalidate: { layout: '/admin' }, success: message });
}

/** Approves or rejects a brand organization. */
export async function reviewBrandAction(orgId: string, decision: 'approve' | 'reject', _prev: FormState): Promise<FormState> {
  return run((ctx) => reviewBrand({ ctx, input: { orgId, decision } }), decision === 'approve' ? 'Brand approved.' : 'Brand rejected.');
}

/** Flags (with the form's `reason`) or unflags a user. */
export async function userFlagAction(userId: string, flagged: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  return run(
    (ctx, v) => setUserFlag({ ctx, input: { userId, flagged, reason: v.reason } }),
    flagged ? 'User flagged: they can no longer sign in.' : 'User unflagged.',
    formData,
  );
}

/** Deletes a user. */
export async function deleteUserAction(userId: string, _prev: FormState): Promise<FormState> {
  return run((ctx) => deleteUser({ ctx, input: { userId } }), 'User deleted.');
}

/** Flags (with the form's `reason`) or unflags a campaign. */
export async function campaignFlagAction(campaignId: string, flagged: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  return run(
    (ctx, v) => setCampaignFlag({ ctx, input: { campaignId, flagged, reason: v.reason } }),
    flagged ? 'Campaign flagged: it left the public lists.' : 'Campaign unflagged.',
    formData,
  );
}

/** Deletes a campaign. */
export async function deleteCampaignAsAdminAction(campaignId: string, _prev: FormState): Promise<FormState> {
  return run((ctx) => adminDeleteCampaign({ ctx, input: { campaignId } }), 'Campaign deleted.');
}

/** Approves a creator's account claim, or rejects it with the form's `reason`. */
export async function decideClaimAction(
  claimId: string,
  decision: 'approve' | 'reject',
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return run(
    (ctx, v) => decideClaim({ ctx, input: { claimId, decision, reason: v.reason } }),
    decision === 'approve' ? 'Claim approved: the account is on the creator’s profile.' : 'Claim rejected: the creator is told why.',
    formData,
  );
}
