'use server';

import { formAction } from '@/lib/actions/form-action';
import { createDiscountCode } from '@/lib/attribution/create-discount-code';
import { deleteDiscountCode } from '@/lib/attribution/delete-discount-code';
import { setCampaignAttribution } from '@/lib/attribution/set-campaign-attribution';
import type { FormState } from '@/lib/forms';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { deleteUtmTemplate } from '@/lib/links/delete-utm-template';
import { saveUtmTemplate } from '@/lib/links/save-utm-template';
import { setTrackingLinkActive } from '@/lib/links/set-tracking-link-active';

// Every verb re-checks the member's role in the organization `slug` and that the campaign is its own.
const page = (slug: string, campaignId: string) => [`/o/${slug}/campaigns/${campaignId}/links`, `/o/${slug}/campaigns/${campaignId}`];

/** Creates tracking links (fields `destinationUrl`, `influencerId` — empty for all —, `utmTemplateId`, `expiresOn`). */
export async function createLinksAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) =>
      createTrackingLinks({
        ctx,
        input: {
          orgSlug: slug,
          campaignId,
          destinationUrl: v.destinationUrl,
          influencerId: v.influencerId,
          utmTemplateId: v.utmTemplateId,
          expiresOn: v.expiresOn,
        },
      }),
    {
      revalidate: page(slug, campaignId),
      success: (r) =>
        r.created === 0
          ? `Every collaboration chosen already has a link to this address (${r.existing}).`
          : `${r.created} ${r.created === 1 ? 'link' : 'links'} created${r.existing ? `; ${r.existing} already existed` : ''}.`,
    },
  );
}

/** Turns a link off or on (the row's button sends `link` = `<link id>|<true or false>`). */
export async function setLinkActiveAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => {
      const [linkId, active] = (v.link ?? '').split('|');
      return setTrackingLinkActive({ ctx, input: { orgSlug: slug, linkId, active } });
    },
    {
      revalidate: page(slug, campaignId),
      keepValues: false,
    },
  );
}

/** Gives a collaboration a discount code (fields `influencerId`, `code`). */
export async function createCodeAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => createDiscountCode({ ctx, input: { orgSlug: slug, campaignId, influencerId: v.influencerId, code: v.code } }),
    {
      revalidate: page(slug, campaignId),
      success: (r) => `Code ${r.code} added.`,
    },
  );
}

/** Sets the campaign's attribution window and winner (fields `attributionWindowDays`, `winner`). */
export async function setAttributionAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) =>
      setCampaignAttribution({
        ctx,
        input: { orgSlug: slug, campaignId, attributionWindowDays: v.attributionWindowDays, winner: v.winner },
      }),
    { revalidate: page(slug, campaignId), success: 'Attribution rule saved. It applies to conversions from now on.' },
  );
}

/** Saves a UTM template (fields `name`, `utmSource`, `utmMedium`, `utmCampaign`, `utmContent`). */
export async function saveTemplateAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) =>
      saveUtmTemplate({
        ctx,
        input: {
          orgSlug: slug,
          name: v.name,
          utmSource: v.utmSource,
          utmMedium: v.utmMedium,
          utmCampaign: v.utmCampaign,
          utmContent: v.utmContent,
        },
      }),
    { revalidate: page(slug, campaignId), success: 'Template saved.' },
  );
}

/** Removes a discount code (the row's button sends `codeId`). */
export async function deleteCodeAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => deleteDiscountCode({ ctx, input: { orgSlug: slug, campaignId, codeId: v.codeId } }), {
    revalidate: page(slug, campaignId),
    success: 'Code removed: sales naming it are no longer credited to the creator.',
    keepValues: false,
  });
}

/** Deletes a saved UTM template (the row's button sends `templateId`). */
export async function deleteTemplateAction(slug: string, campaignId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => deleteUtmTemplate({ ctx, input: { orgSlug: slug, templateId: v.templateId } }), {
    revalidate: page(slug, campaignId),
    success: 'Template deleted. Links made with it keep their UTM values.',
    keepValues: false,
  });
}
