import { and, desc, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { campaigns, conversions, discountCodes, influencers, orgInfluencers } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';

/** Conversions listed on a campaign's attribution page (newest first); the counts cover all. */
const RECENT_CONVERSIONS = 50;

export type CampaignConversionRow = {
  id: string;
  kind: 'lead' | 'sale';
  externalId: string;
  occurredAt: Date;
  revenueMinor: number | null;
  refundedMinor: number;
  currency: string | null;
  influencerName: string | null;
  attributedBy: string | null;
  attributionStatus: 'attributed' | 'outside_window' | 'unattributed';
  windowDays: number | null;
  discountCode: string | null;
};

/**
 * What a campaign's attribution page shows besides its links: the campaign and its rule, its discount codes, its newest
 * conversions (attributed and unqualified, with method, window and refunds) and the organization's
 * conversions no click or code matched (kept, labelled unattributed). Any member may read.
 * @throws NotFoundError (not a member; another organization's campaign).
 */
export async function listCampaignAttribution({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>) {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const { org } = access;
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const [campaign] = await db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      currency: campaigns.currency,
      status: campaigns.status,
      attributionWindowDays: campaigns.attributionWindowDays,
      codeBeatsClick: campaigns.codeBeatsClick,
    })
    .from(campaigns)
    .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.orgId, org.id)));
  if (!campaign) throw new NotFoundError('Campaign');
  // The organization's own label of each influencer, as on every page of the organization.
  const brandLabel = sql<string>`coalesce(${orgInfluencers.displayName}, ${influencers.displayName})`;
  const [codes, recent, [unattributed]] = await Promise.all([
    db
      .select({
        id: discountCodes.id,
        code: discountCodes.code,
        influencerId: discountCodes.influencerId,
        influencerName: brandLabel,
      })
      .from(discountCodes)
      .innerJoin(influencers, eq(influencers.id, discountCodes.influencerId))
      .leftJoin(orgInfluencers, and(eq(orgInfluencers.orgId, org.id), eq(orgInfluencers.influencerId, discountCodes.influencerId)))
      .where(and(eq(discountCodes.orgId, org.id), eq(discountCodes.campaignId, input.campaignId)))
      .orderBy(discountCodes.code),
    db
      .select({
        id: conversions.id,
        kind: conversions.kind,
        externalId: conversions.externalId,
        occurredAt: conversions.occurredAt,
        revenueMinor: conversions.revenueMinor,
        refundedMinor: conversions.refundedMinor,
        currency: conversions.currency,
        influencerName: brandLabel,
        attributedBy: conversions.attributedBy,
        attributionStatus: conversions.attributionStatus,
        windowDays: conversions.windowDays,
        discountCode: conversions.discountCode,
      })
      .from(conversions)
      .leftJoin(influencers, eq(influencers.id, conversions.influencerId))
      .leftJoin(orgInfluencers, and(eq(orgInfluencers.orgId, org.id), eq(orgInfluencers.influencerId, conversions.influencerId)))
      .where(and(eq(conversions.orgId, org.id), eq(conversions.campaignId, input.campaignId)))
      .orderBy(desc(conversions.occurredAt), desc(conversions.id))
      .limit(RECENT_CONVERSIONS),
    db
      .execute(sql`select count(*)::int as n from conversions where org_id = ${org.id}::uuid and attribution_status = 'unattributed'`)
      .then(rowsOf<{ n: number }>),
  ]);
  return { access, campaign, codes, recent: recent as CampaignConversionRow[], unattributedInOrganization: unattributed?.n ?? 0 };
}
