import { and, desc, eq, sql } from 'drizzle-orm';
import { campaigns, influencers, offerRounds, offers, organizations } from '@/db/schema';
import { requireOrgRole, requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';

/** One offer in a list: its latest round and whose turn it is. */
export type OfferSummary = {
  id: string;
  status: string;
  initiatedBy: 'brand' | 'influencer';
  updatedAt: Date;
  campaign: { id: string; name: string };
  brandName: string;
  influencer: { id: string; displayName: string };
  latest: { roundNumber: number; feeMinor: number; currency: string; proposedBySide: 'brand' | 'influencer' };
};

const latestRound = sql`(select r.round_number from offer_rounds r where r.offer_id = ${offers.id} order by r.round_number desc limit 1)`;

const columns = {
  id: offers.id,
  status: offers.status,
  initiatedBy: offers.initiatedBy,
  updatedAt: offers.updatedAt,
  campaignId: campaigns.id,
  campaignName: campaigns.name,
  brandName: organizations.name,
  influencerId: influencers.id,
  influencerName: influencers.displayName,
  roundNumber: offerRounds.roundNumber,
  feeMinor: offerRounds.feeMinor,
  currency: offerRounds.currency,
  proposedBySide: offerRounds.proposedBySide,
};

async function run(db: Awaited<ReturnType<typeof reader>>, where: ReturnType<typeof and>): Promise<OfferSummary[]> {
  const rows = await db
    .select(columns)
    .from(offers)
    .innerJoin(campaigns, eq(campaigns.id, offers.campaignId))
    .innerJoin(organizations, eq(organizations.id, offers.orgId))
    .innerJoin(influencers, eq(influencers.id, offers.influencerId))
    .innerJoin(offerRounds, and(eq(offerRounds.offerId, offers.id), eq(offerRounds.roundNumber, latestRound)))
    .where(where)
    .orderBy(desc(offers.updatedAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    initiatedBy: r.initiatedBy,
    updatedAt: r.updatedAt,
    campaign: { id: r.campaignId, name: r.campaignName },
    brandName: r.brandName,
    influencer: { id: r.influencerId, displayName: r.influencerName },
    latest: { roundNumber: r.roundNumber, feeMinor: r.feeMinor, currency: r.currency, proposedBySide: r.proposedBySide },
  }));
}

/** The signed-in influencer's offers and applications, most recently changed first (at most 200). @throws ForbiddenError */
export async function listMyOffers({ ctx }: VerbArgs<void>): Promise<OfferSummary[]> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  return run(db, eq(influencers.userId, actor.userId));
}

/**
 * Offers and applications of one campaign of the organization, most recently changed first. Any member.
 * @throws NotFoundError (not a member, another organization's campaign).
 */
export async function listCampaignOffers({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<OfferSummary[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  return run(db, and(eq(offers.orgId, org.id), eq(offers.campaignId, input.campaignId)));
}
