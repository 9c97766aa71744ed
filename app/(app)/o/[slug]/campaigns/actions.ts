'use server';

import { formAction } from '@/lib/actions/form-action';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { duplicateCampaign } from '@/lib/campaigns/duplicate-campaign';
import { setCampaignStatus } from '@/lib/campaigns/set-campaign-status';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { linkPostToCampaign } from '@/lib/campaigns/link-post-to-campaign';
import { scanCampaignKeywords } from '@/lib/campaigns/scan-campaign-keywords';
import { unlinkPostFromCampaign } from '@/lib/campaigns/unlink-post-from-campaign';
import { addToShortlist } from '@/lib/campaigns/add-to-shortlist';
import { removeFromShortlist } from '@/lib/campaigns/remove-from-shortlist';
import { reviewDeliverable } from '@/lib/deliverables/review-deliverable';
import type { FormState } from '@/lib/forms';
import { emailCampaignReport } from '@/lib/reports/campaign-report-mail';

const org = (slug: string) => ({ layout: `/o/${slug}` });

/** Links (or confirms) a post for a campaign; form fields `campaignId`, `postId`. */
export async function linkPostAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => linkPostToCampaign({ ctx, input: { orgSlug: slug, campaignId: v.campaignId, postId: v.postId } }),
    {
      revalidate: org(slug),
      success: 'Post linked: its metrics now count in the campaign report.',
      keepValues: false,
    },
  );
}

/** Removes a post from a campaign (a keyword match is kept as rejected). */
export async function unlinkPostAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => unlinkPostFromCampaign({ ctx, input: { orgSlug: slug, campaignId: v.campaignId, postId: v.postId } }),
    { revalidate: org(slug), success: 'Post removed from the campaign.', keepValues: false },
  );
}

/** Scans the organization's posts for the campaign's keywords now. */
export async function scanKeywordsAction(slug: string, campaignId: string): Promise<FormState> {
  return formAction(undefined, (ctx) => scanCampaignKeywords({ ctx, input: { orgSlug: slug, campaignId } }), {
    revalidate: `/o/${slug}/campaigns/${campaignId}`,
    success: (n) => (n ? `${n} new matching post${n === 1 ? '' : 's'} to review.` : 'No new matching posts.'),
  });
}

/** Creates a campaign from the form and opens it. */
export async function createCampaignAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, campaign) => createCampaign({ ctx, input: { orgSlug: slug, campaign } }), {
    revalidate: org(slug),
    redirectTo: ({ id }) => `/o/${slug}/campaigns/${id}`,
  });
}

/** Saves the edit form and returns to the campaign. */
export async function updateCampaignAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, campaign) => updateCampaign({ ctx, input: { orgSlug: slug, campaignId, campaign } }), {
    revalidate: org(slug),
    redirectTo: () => `/o/${slug}/campaigns/${campaignId}`,
  });
}

/** Moves the campaign to the status in the form's `status` field (the verb refuses any other value). */
export async function campaignStatusAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => setCampaignStatus({ ctx, input: { orgSlug: slug, campaignId, status: v.status } }), {
    revalidate: org(slug),
    success: { ok: true },
    keepValues: false,
  });
}

/** Copies the campaign into a new draft and opens its edit form. */
export async function duplicateCampaignAction(slug: string, campaignId: string): Promise<FormState> {
  return formAction(undefined, (ctx) => duplicateCampaign({ ctx, input: { orgSlug: slug, campaignId } }), {
    revalidate: org(slug),
    redirectTo: ({ id }) => `/o/${slug}/campaigns/${id}/edit`,
  });
}

/** Deletes a campaign without collaborations and returns to the list. */
export async function deleteCampaignAction(slug: string, campaignId: string): Promise<FormState> {
  return formAction(undefined, (ctx) => deleteCampaign({ ctx, input: { orgSlug: slug, campaignId } }), {
    revalidate: org(slug),
    redirectTo: () => `/o/${slug}/campaigns`,
  });
}

/** Approves a submitted deliverable, or requests changes with the form's `comment` (`decision` field). */
export async function reviewDeliverableAction(
  slug: string,
  deliverableId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const approve = formData.get('decision') === 'approve';
  return formAction(
    formData,
    (ctx, v) => reviewDeliverable({ ctx, input: { deliverableId, decision: v.decision ?? '', comment: v.comment } }),
    { revalidate: org(slug), success: approve ? 'Approved: the post now counts in this report.' : 'Changes requested.' },
  );
}

/** Adds an influencer to a campaign's shortlist (`add` true) or removes them. */
export async function shortlistAction(slug: string, campaignId: string, influencerId: string, add: boolean): Promise<FormState> {
  return formAction(
    undefined,
    (ctx) => (add ? addToShortlist : removeFromShortlist)({ ctx, input: { orgSlug: slug, campaignId, influencerId } }),
    { revalidate: org(slug), success: add ? 'Shortlisted.' : 'Removed from the shortlist.' },
  );
}

/** Emails the campaign report now to the addresses in the form's `to` field. */
export async function emailReportAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => emailCampaignReport({ ctx, input: { orgSlug: slug, campaignId, to: v.to ?? '' } }), {
    success: (to) => `Report sent to ${to.join(', ')}.`,
  });
}
