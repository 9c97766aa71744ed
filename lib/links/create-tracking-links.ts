import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/sql';
import { trackingLinks, utmTemplates } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { campaignOf, requireCampaignManager } from '../campaigns/internal';
import type { VerbArgs } from '../context';
import { NotFoundError, ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { STANDARD_UTM_TEMPLATE, fillUtmTemplate, newLinkKey, type UtmFields } from './internal';
import { and, eq } from 'drizzle-orm';

const schema = z.object({
  orgSlug: z.string().min(1),
  campaignId: z.guid('is not a campaign id'),
  /** One collaboration's influencer; empty: every collaboration of the campaign that is not cancelled. */
  influencerId: z
    .union([z.guid('is not an influencer id'), z.literal('')])
    .optional()
    .transform((v) => v || null),
  destinationUrl: z
    .string()
    .trim()
    .max(2_000, 'is longer than 2,000 characters')
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a full web address starting with https:// or http://' })),
  /** A saved template's id, or empty for the standard one. */
  utmTemplateId: z
    .union([z.guid('is not a template id'), z.literal('')])
    .optional()
    .transform((v) => v || null),
  /** The last day the link works (inclusive, UTC); empty: no expiry. */
  expiresOn: z
    .union([z.iso.date('Enter a date as YYYY-MM-DD'), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

export type CreateTrackingLinksInput = z.infer<typeof schema>;

/**
 * Creates a tracking link for one collaboration (influencer × campaign) or for every collaboration
 * of the campaign that is not cancelled: the destination, UTM parameters from the chosen template
 * (`{platform}`, `{campaign}`, `{influencer}` filled per link) and a fresh random key. A
 * collaboration that already has a link to the same destination keeps it (re-running adds only
 * the missing ones). Manager or owner of a brand.
 * @returns how many links were created and how many already existed.
 * @throws ValidationError (bad URL or date, an expiry in the past, no collaboration);
 *         NotFoundError (campaign, influencer or template of another organization); ForbiddenError.
 */
export async function createTrackingLinks({ ctx, input }: VerbArgs<Untrusted<CreateTrackingLinksInput>>) {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireCampaignManager(tx, ctx, data.orgSlug);
    const campaign = await campaignOf(tx, org.id, data.campaignId);
    let template: UtmFields = STANDARD_UTM_TEMPLATE;
    if (data.utmTemplateId) {
      const [saved] = await tx
        .select()
        .from(utmTemplates)
        .where(and(eq(utmTemplates.id, data.utmTemplateId), eq(utmTemplates.orgId, org.id)));
      if (!saved) throw new NotFoundError('UTM template');
      template = saved;
    }
    const expiresAt = data.expiresOn ? new Date(Date.parse(`${data.expiresOn}T00:00:00Z`) + 86_400_000) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw new ValidationError('expiresOn: the expiry date has passed', { expiresOn: 'Choose today or a later date' });
    const collaborators = rowsOf<{ influencer_id: string; display_name: string; platform: string | null }>(
      await tx.execute(sql`
        select c.influencer_id, i.display_name,
          (select sa.platform::text from social_accounts sa where sa.influencer_id = c.influencer_id
            order by sa.created_at, sa.id limit 1) as platform
        from collaborations c join influencers i on i.id = c.influencer_id
        where c.campaign_id = ${campaign.id}::uuid and c.status <> 'cancelled'
          ${data.influencerId ? sql`and c.influencer_id = ${data.influencerId}::uuid` : sql``}
        order by i.display_name, c.influencer_id`),
    );
    if (!collaborators.length) {
      if (data.influencerId) throw new NotFoundError('Collaboration');
      throw new ValidationError('This campaign has no collaborations yet: links are made per collaboration, once an offer is accepted');
    }
    const values = collaborators.map((c) => ({
      orgId: org.id,
      campaignId: campaign.id,
      influencerId: c.influencer_id,
      key: newLinkKey(),
      destinationUrl: data.destinationUrl,
      ...fillUtmTemplate(template, { platform: c.platform ?? 'social', campaign: campaign.name, influencer: c.display_name }),
      expiresAt,
      createdBy: actor.userId,
    }));
    // The campaign row is locked (campaignOf): concurrent creations for it run one after the other,
    // so this check cannot race.
    const existing = new Set(
      (
        await tx
          .select({ influencerId: trackingLinks.influencerId })
          .from(trackingLinks)
          .where(and(eq(trackingLinks.campaignId, campaign.id), eq(trackingLinks.destinationUrl, data.destinationUrl)))
      ).map((l) => l.influencerId),
    );
    const fresh = values.filter((v) => !existing.has(v.influencerId));
    const created = fresh.length ? await tx.insert(trackingLinks).values(fresh).returning({ id: trackingLinks.id }) : [];
    if (created.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'link.created',
        targetType: 'campaign',
        targetId: campaign.id,
        after: { links: created.length, destinationUrl: data.destinationUrl },
      });
    return { created: created.length, existing: values.length - created.length };
  });
}
