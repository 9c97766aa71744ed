'use server';

import { revalidatePath } from 'next/cache';
import { adminDeleteCampaign, setCampaignFlag } from '@/lib/admin/moderate-campaign';
import { deleteUser, setUserFlag } from '@/lib/admin/moderate-user';
import { reviewBrand } from '@/lib/admin/review-brand';
import { getRequestCtx } from '@/lib/auth/request-context';
import { decideClaim } from '@/lib/claims/decide-claim';
import { formValues, toFormState, type FormState } from '@/lib/forms';

async function run(fn: () => Promise<void>, message: string): Promise<FormState> {
  try {
    await fn();
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/admin', 'layout');
  return { ok: true, message };
}

/** Approves or rejects a brand organization. */
export async function reviewBrandAction(orgId: string, decision: 'approve' | 'reject', _prev: FormState): Promise<FormState> {
  const ctx = await getRequestCtx();
  return run(() => reviewBrand({ ctx, input: { orgId, decision } }), decision === 'approve' ? 'Brand approved.' : 'Brand rejected.');
}

/** Flags (with the form's `reason`) or unflags a user. */
export async function userFlagAction(userId: string, flagged: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getRequestCtx();
  const { reason } = formValues(formData);
  return run(
    () => setUserFlag({ ctx, input: { userId, flagged, reason } }),
    flagged ? 'User flagged: they can no longer sign in.' : 'User unflagged.',
  );
}

/** Deletes a user. */
export async function deleteUserAction(userId: string, _prev: FormState): Promise<FormState> {
  const ctx = await getRequestCtx();
  return run(() => deleteUser({ ctx, input: { userId } }), 'User deleted.');
}

/** Flags (with the form's `reason`) or unflags a campaign. */
export async function campaignFlagAction(campaignId: string, flagged: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getRequestCtx();
  const { reason } = formValues(formData);
  return run(
    () => setCampaignFlag({ ctx, input: { campaignId, flagged, reason } }),
    flagged ? 'Campaign flagged: it left the public lists.' : 'Campaign unflagged.',
  );
}

/** Deletes a campaign. */
export async function deleteCampaignAsAdminAction(campaignId: string, _prev: FormState): Promise<FormState> {
  const ctx = await getRequestCtx();
  return run(() => adminDeleteCampaign({ ctx, input: { campaignId } }), 'Campaign deleted.');
}

/** Approves a creator's account claim, or rejects it with the form's `reason`. */
export async function decideClaimAction(
  claimId: string,
  decision: 'approve' | 'reject',
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const ctx = await getRequestCtx();
  const { reason } = formValues(formData);
  return run(
    () => decideClaim({ ctx, input: { claimId, decision, reason } }),
    decision === 'approve' ? 'Claim approved: the account is on the creator’s profile.' : 'Claim rejected: the creator is told why.',
  );
}
