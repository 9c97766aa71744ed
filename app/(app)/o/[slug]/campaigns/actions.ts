'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import { createCampaign, deleteCampaign, duplicateCampaign, setCampaignStatus, updateCampaign } from '@/lib/campaigns/manage-campaign';
import { linkPostToCampaign, scanCampaignKeywords, unlinkPostFromCampaign } from '@/lib/campaigns/link-posts';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { reviewDeliverable } from '@/lib/deliverables/review-deliverable';
import { emailCampaignReport } from '@/lib/reports/campaign-report-mail';
import { addToShortlist, removeFromShortlist } from '@/lib/campaigns/shortlist';

/** Links (or confirms) a post for a campaign; form fields `campaignId`, `postId`. */
export async function linkPostAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const { campaignId, postId } = formValues(formData);
  try {
    await linkPostToCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId, postId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true, message: 'Post linked: its metrics now count in the campaign report.' };
}

/** Removes a post from a campaign (a keyword match is kept as rejected). */
export async function unlinkPostAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const { campaignId, postId } = formValues(formData);
  try {
    await unlinkPostFromCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId, postId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true, message: 'Post removed from the campaign.' };
}

/** Scans the organization's posts for the campaign's keywords now. */
export async function scanKeywordsAction(slug: string, campaignId: string, _prev: FormState): Promise<FormState> {
  try {
    const n = await scanCampaignKeywords({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId } });
    revalidatePath(`/o/${slug}/campaigns/${campaignId}`);
    return { ok: true, message: n ? `${n} new matching post${n === 1 ? '' : 's'} to review.` : 'No new matching posts.' };
  } catch (error) {
    return toFormState(error);
  }
}

/** Creates a campaign from the form and opens it. */
export async function createCampaignAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let id: string;
  try {
    ({ id } = await createCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaign: formValues(formData) } }));
  } catch (error) {
    return { ...toFormState(error), values: formValues(formData) };
  }
  revalidatePath(`/o/${slug}`, 'layout');
  redirect(`/o/${slug}/campaigns/${id}`);
}

/** Saves the edit form and returns to the campaign. */
export async function updateCampaignAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await updateCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId, campaign: formValues(formData) } });
  } catch (error) {
    return { ...toFormState(error), values: formValues(formData) };
  }
  revalidatePath(`/o/${slug}`, 'layout');
  redirect(`/o/${slug}/campaigns/${campaignId}`);
}

/** Moves the campaign to the status in the form's `status` field. */
export async function campaignStatusAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const status = String(formData.get('status') ?? '');
  if (!['draft', 'active', 'completed', 'cancelled'].includes(status)) return { ok: false, message: 'Unknown status' };
  try {
    await setCampaignStatus({
      ctx: await getRequestCtx(),
      input: { orgSlug: slug, campaignId, status: status as 'draft' | 'active' | 'completed' | 'cancelled' },
    });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true };
}

/** Copies the campaign into a new draft and opens its edit form. */
export async function duplicateCampaignAction(slug: string, campaignId: string): Promise<FormState> {
  let id: string;
  try {
    ({ id } = await duplicateCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId } }));
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  redirect(`/o/${slug}/campaigns/${id}/edit`);
}

/** Deletes a campaign without collaborations and returns to the list. */
export async function deleteCampaignAction(slug: string, campaignId: string): Promise<FormState> {
  try {
    await deleteCampaign({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  redirect(`/o/${slug}/campaigns`);
}

/** Approves a submitted deliverable, or requests changes with the form's `comment` (`decision` field). */
export async function reviewDeliverableAction(
  slug: string,
  deliverableId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const v = formValues(formData);
  try {
    await reviewDeliverable({ ctx: await getRequestCtx(), input: { deliverableId, decision: v.decision ?? '', comment: v.comment } });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true, message: v.decision === 'approve' ? 'Approved: the post now counts in this report.' : 'Changes requested.' };
}

/** Adds an influencer to a campaign's shortlist (`add` true) or removes them. */
export async function shortlistAction(
  slug: string,
  campaignId: string,
  influencerId: string,
  add: boolean,
  _prev: FormState,
): Promise<FormState> {
  try {
    const ctx = await getRequestCtx();
    const input = { orgSlug: slug, campaignId, influencerId };
    if (add) await addToShortlist({ ctx, input });
    else await removeFromShortlist({ ctx, input });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath(`/o/${slug}`, 'layout');
  return { ok: true, message: add ? 'Shortlisted.' : 'Removed from the shortlist.' };
}

/** Emails the campaign report now to the addresses in the form's `to` field. */
export async function emailReportAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    const to = await emailCampaignReport({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId, to: v.to ?? '' } });
    return { ok: true, message: `Report sent to ${to.join(', ')}.` };
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
}
