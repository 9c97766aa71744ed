'use server';

import { revalidatePath } from 'next/cache';
import { getRequestCtx } from '@/lib/auth/request-context';
import { linkPostToCampaign, scanCampaignKeywords, unlinkPostFromCampaign } from '@/lib/campaigns/link-posts';
import { formValues, toFormState, type FormState } from '@/lib/forms';

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
