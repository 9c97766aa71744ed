import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import {
  campaigns,
  influencers,
  memberships,
  offerRounds,
  offers,
  organizations,
  type Campaign,
  type Influencer,
  type Offer,
  type OfferRound,
  type Organization,
} from '@/db/schema';
import { hasOrgRole, requireActor, type MemberRole } from '../authz/guards';
import type { UserActor, Ctx } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../validation';

/** An offer seen from one of its two sides. */
export type OfferParty = {
  actor: UserActor;
  side: 'brand' | 'influencer';
  /** The actor's role in the brand organization (brand side only). */
  orgRole: MemberRole | null;
  offer: Offer;
  latest: OfferRound;
  campaign: Campaign;
  influencer: Influencer;
  org: Organization;
};

/**
 * Loads an offer for the influencer it was made to, or a member of the brand that made it, with
 * its latest round; `write` requires a manager on the brand side; `lock` takes a row lock on the
 * offer for the rest of the transaction.
 * @throws NotFoundError (anyone else: no existence leak); ForbiddenError (a brand viewer writing).
 */
export async function offerForActor(
  tx: Tx,
  ctx: Ctx,
  offerId: string,
  opts: { write?: boolean; lock?: boolean } = {},
): Promise<OfferParty> {
  const actor = requireActor(ctx);
  if (!isUuid(offerId)) throw new NotFoundError('Offer');
  const query = tx.select().from(offers).where(eq(offers.id, offerId));
  const [offer] = opts.lock ? await query.for('update') : await query;
  if (!offer) throw new NotFoundError('Offer');
  const [row] = await tx
    .select({ campaign: campaigns, influencer: influencers, org: organizations })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .innerJoin(influencers, eq(influencers.id, offer.influencerId))
    .where(eq(campaigns.id, offer.campaignId));
  let side: OfferParty['side'] | null = null;
  let orgRole: MemberRole | null = null;
  if (actor.role === 'influencer' && row.influencer.userId === actor.userId) side = 'influencer';
  else if (actor.role === 'brand') {
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, offer.orgId), eq(memberships.userId, actor.userId)));
    if (m) {
      side = 'brand';
      orgRole = m.role;
    }
  }
  if (!side) throw new NotFoundError('Offer');
  if (opts.write && side === 'brand' && !hasOrgRole(orgRole!, 'manager'))
    throw new ForbiddenError('Viewers can read offers but not act on them');
  const [latest] = await tx
    .select()
    .from(offerRounds)
    .where(eq(offerRounds.offerId, offer.id))
    .orderBy(desc(offerRounds.roundNumber))
    .limit(1);
  return { actor, side, orgRole, offer, latest, campaign: row.campaign, influencer: row.influencer, org: row.org };
}

/** Whether an offer is still being negotiated. */
export const isOpen = (offer: Pick<Offer, 'status'>) => offer.status === 'pending' || offer.status === 'countered';
