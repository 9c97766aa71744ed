import { asc, eq } from 'drizzle-orm';
import { and } from 'drizzle-orm';
import { collaborations, conversations, offerRounds, users, type OfferRound } from '@/db/schema';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { isOpen, offerForActor } from './internal';

export type OfferView = {
  id: string;
  status: string;
  initiatedBy: 'brand' | 'influencer';
  pitch: string | null;
  createdAt: Date;
  /** Which side the viewer is on, and what they may do now. */
  side: 'brand' | 'influencer';
  can: { respond: boolean; edit: boolean; withdraw: boolean };
  campaign: { id: string; name: string; currency: string; startsOn: string | null; endsOn: string | null; orgSlug: string };
  brand: { id: string; name: string };
  influencer: { id: string; displayName: string; category: string | null };
  rounds: (OfferRound & { proposedByName: string | null })[];
  collaborationId: string | null;
  /** The conversation of the brand–influencer pair. */
  conversationId: string | null;
};

/**
 * An offer with every negotiation round (oldest first), for either side: the influencer it was
 * made to, or any member of the brand (viewers read only).
 * @throws NotFoundError for anyone else.
 */
export async function getOffer({ ctx, input }: VerbArgs<{ offerId: string }>): Promise<OfferView> {
  return withTransaction(ctx, async (tx) => {
    const party = await offerForActor(tx, ctx, input.offerId);
    const db = tx;
    const rounds = await db
      .select({ round: offerRounds, proposedByName: users.name })
      .from(offerRounds)
      .leftJoin(users, eq(users.id, offerRounds.proposedBy))
      .where(eq(offerRounds.offerId, party.offer.id))
      .orderBy(asc(offerRounds.roundNumber));
    const [collab] = await db.select({ id: collaborations.id }).from(collaborations).where(eq(collaborations.offerId, party.offer.id));
    const [conversation] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.orgId, party.org.id), eq(conversations.influencerId, party.influencer.id)));
    const mayWrite = party.side === 'influencer' || party.orgRole !== 'viewer';
    const open = isOpen(party.offer);
    const mine = party.latest.proposedBySide === party.side;
    return {
      id: party.offer.id,
      status: party.offer.status,
      initiatedBy: party.offer.initiatedBy,
      pitch: party.offer.pitch,
      createdAt: party.offer.createdAt,
      side: party.side,
      can: { respond: mayWrite && open && !mine, edit: mayWrite && open && mine, withdraw: mayWrite && open && mine },
      campaign: {
        id: party.campaign.id,
        name: party.campaign.name,
        currency: party.campaign.currency,
        startsOn: party.campaign.startsOn,
        endsOn: party.campaign.endsOn,
        orgSlug: party.org.slug,
      },
      brand: { id: party.org.id, name: party.org.name },
      influencer: { id: party.influencer.id, displayName: party.influencer.displayName, category: party.influencer.category },
      rounds: rounds.map((r) => ({ ...r.round, proposedByName: r.proposedByName })),
      collaborationId: collab?.id ?? null,
      conversationId: conversation?.id ?? null,
    };
  });
}
