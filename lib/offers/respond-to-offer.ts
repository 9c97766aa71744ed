import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { campaigns, collaborations, deliverables, offerRounds, offers, type RequestedDeliverable } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { ensureConversation, postMessage } from '../inbox/post-message';
import { linkOfferForecasts } from '../forecasts/internal';
import { formatMoney } from '../money';
import { deliverNoticeEmails, orgManagerIds, queueNotices, type Notice, type NotificationKind } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { isOpen, offerForActor, type OfferParty } from './internal';
import { offerTermsSchema, toOfferTerms, type OfferTermsInput } from './offer-schema';
import { deliverablesText } from './send-offer';

export type OfferResponse = { action: 'accept' } | { action: 'reject'; reason?: string } | { action: 'counter'; terms: OfferTermsInput };

/** The users of the side that did not act: the influencer's user, or the brand's managers. */
async function otherSideUserIds(tx: Tx, party: OfferParty): Promise<string[]> {
  if (party.side === 'brand') return party.influencer.userId ? [party.influencer.userId] : [];
  return orgManagerIds(tx, party.org.id);
}

/** Notices of an offer event for the other side. */
export async function offerNotices(tx: Tx, party: OfferParty, kind: NotificationKind, title: string, body?: string): Promise<Notice[]> {
  return (await otherSideUserIds(tx, party)).map((userId) => ({ userId, kind, title, body, url: `/offers/${party.offer.id}` }));
}

/** Posts an offer event in the pair's conversation, as the acting side. */
export async function postOfferEvent(tx: Tx, party: OfferParty, body: string): Promise<void> {
  const conversationId = await ensureConversation(tx, party.org.id, party.influencer.id);
  await postMessage(tx, {
    conversationId,
    senderId: party.actor.userId,
    senderSide: party.side,
    body,
    campaignId: party.campaign.id,
    offerId: party.offer.id,
  });
}

/**
 * Accepts the latest round: creates the collaboration at the agreed fee with the deliverables of
 * the latest round that listed any, each linked to its forecast. The campaign row is locked first, so two acceptances racing
 * for the last place are serialised and the second finds the campaign full.
 * @throws ConflictError (campaign full, finished or flagged).
 */
async function accept(tx: Tx, party: OfferParty): Promise<string> {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, party.campaign.id)).for('update');
  if (campaign.flagged) throw new ConflictError('A Reachboard admin flagged this campaign: offers on it cannot be accepted');
  if (campaign.status === 'completed' || campaign.status === 'cancelled')
    throw new ConflictError(`This campaign is ${campaign.status}: offers on it cannot be accepted`);
  const [{ n }] = await tx
    .select({ n: count() })
    .from(collaborations)
    .where(and(eq(collaborations.campaignId, campaign.id), ne(collaborations.status, 'cancelled')));
  if (campaign.maxInfluencers !== null && n >= campaign.maxInfluencers)
    throw new ConflictError(`${campaign.name} is full: ${n} of ${campaign.maxInfluencers} influencers already work on it`);
  const [collaboration] = await tx
    .insert(collaborations)
    .values({
      campaignId: campaign.id,
      influencerId: party.influencer.id,
      agreedFeeMinor: party.latest.feeMinor,
      currency: party.latest.currency,
      offerId: party.offer.id,
    })
    .onConflictDoNothing()
    .returning({ id: collaborations.id });
  if (!collaboration) throw new ConflictError('This influencer already works on this campaign');
  const rounds = await tx.select().from(offerRounds).where(eq(offerRounds.offerId, party.offer.id)).orderBy(desc(offerRounds.roundNumber));
  const requested: RequestedDeliverable[] = rounds.find((r) => r.deliverables.length > 0)?.deliverables ?? [];
  if (requested.length) {
    const created = await tx
      .insert(deliverables)
      .values(
        requested.map((d) => ({
          collaborationId: collaboration.id,
          title: d.title,
          platform: d.platform,
          dueOn: d.dueOn ?? party.latest.dueOn ?? campaign.endsOn,
        })),
      )
      .returning({ id: deliverables.id, platform: deliverables.platform });
    await linkOfferForecasts(
      tx,
      {
        org: party.org,
        offerId: party.offer.id,
        influencerId: party.influencer.id,
        currency: party.latest.currency,
        feeMinor: party.latest.feeMinor,
      },
      created,
    );
  }
  return collaboration.id;
}

/**
 * Answers the latest round of an offer: accept (creates the collaboration), reject, or counter
 * with new terms (a new round; deliverables carry over when none are given). Only the side that
 * did not propose the latest round may answer, and only that round (`roundNumber`).
 * Brand managers and owners, or the influencer.
 * @returns the offer's new status and, on acceptance, the collaboration id.
 * @throws NotFoundError (not a party); ForbiddenError (brand viewer); ConflictError (not the latest
 *         round, your own round, offer closed, campaign full / finished / flagged); ValidationError.
 */
export async function respondToOffer({
  ctx,
  input,
}: VerbArgs<{ offerId: string; roundNumber: number; response: OfferResponse }>): Promise<{ status: string; collaborationId?: string }> {
  const result = await withTransaction(ctx, async (tx) => {
    const party = await offerForActor(tx, ctx, input.offerId, { write: true, lock: true });
    const { offer, latest, side, campaign } = party;
    if (!isOpen(offer)) throw new ConflictError(`This offer is ${offer.status}: it can no longer be answered`);
    if (input.roundNumber !== latest.roundNumber)
      throw new ConflictError(`Only the latest round (round ${latest.roundNumber}) can be answered; reload to see it`);
    if (latest.proposedBySide === side) throw new ConflictError('This round is yours: wait for the other side to answer, or edit it');
    const now = new Date();
    const actorId = party.actor.userId;
    const who = side === 'brand' ? party.org.name : party.influencer.displayName;
    let status: 'accepted' | 'rejected' | 'countered';
    let collaborationId: string | undefined;
    let notices: Notice[];
    if (input.response.action === 'accept') {
      collaborationId = await accept(tx, party);
      status = 'accepted';
      await tx.update(offerRounds).set({ status: 'accepted' }).where(eq(offerRounds.id, latest.id));
      await postOfferEvent(tx, party, `Accepted the offer for ${campaign.name} at ${formatMoney(latest.feeMinor, latest.currency)}.`);
      notices = await offerNotices(
        tx,
        party,
        'offer_accepted',
        `${who} accepted the offer for ${campaign.name}`,
        `Agreed fee ${formatMoney(latest.feeMinor, latest.currency)}.`,
      );
    } else if (input.response.action === 'reject') {
      const reason = input.response.reason?.trim().slice(0, 500) || null;
      status = 'rejected';
      await tx.update(offerRounds).set({ status: 'rejected' }).where(eq(offerRounds.id, latest.id));
      await postOfferEvent(tx, party, `Declined the offer for ${campaign.name}.${reason ? ` ${reason}` : ''}`);
      notices = await offerNotices(tx, party, 'offer_rejected', `${who} declined the offer for ${campaign.name}`, reason ?? undefined);
    } else {
      const parsed = parseInput(offerTermsSchema, input.response.terms);
      const terms = toOfferTerms(parsed);
      if (terms.deliverables.length === 0) terms.deliverables = [...latest.deliverables];
      if (side === 'brand' && terms.deliverables.length === 0)
        throw new ValidationError('deliverables: List at least one deliverable', { deliverables: 'List at least one deliverable' });
      status = 'countered';
      await tx.update(offerRounds).set({ status: 'countered' }).where(eq(offerRounds.id, latest.id));
      await tx.insert(offerRounds).values({
        offerId: offer.id,
        roundNumber: latest.roundNumber + 1,
        proposedBySide: side,
        proposedBy: actorId,
        feeMinor: terms.feeMinor,
        currency: latest.currency,
        terms: terms.terms,
        deliverables: terms.deliverables,
        dueOn: terms.dueOn,
        createdAt: now,
      });
      await postOfferEvent(
        tx,
        party,
        `Countered: ${formatMoney(terms.feeMinor, latest.currency)}, ${deliverablesText(terms.deliverables.length)}.`,
      );
      notices = await offerNotices(
        tx,
        party,
        'offer_countered',
        `${who} countered the offer for ${campaign.name}`,
        `New fee ${formatMoney(terms.feeMinor, latest.currency)}.`,
      );
    }
    await tx.update(offers).set({ status, updatedAt: now }).where(eq(offers.id, offer.id));
    await audit(tx, ctx, {
      orgId: party.org.id,
      actorId,
      action: `offer.${status}`,
      targetType: 'offer',
      targetId: offer.id,
      before: { status: offer.status, round: latest.roundNumber },
      after: { status, collaborationId },
    });
    return { status, collaborationId, stored: await queueNotices(tx, notices) };
  });
  await deliverNoticeEmails(result.stored);
  return { status: result.status, collaborationId: result.collaborationId };
}
