import { eq } from 'drizzle-orm';
import { offerRounds, offers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { formatMoney } from '../money';
import { deliverNoticeEmails, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { isOpen, offerForActor } from './internal';
import { offerTermsSchema, toOfferTerms, type OfferTermsInput } from './offer-schema';
import { deliverablesText } from './send-offer';
import { offerNotices, postOfferEvent } from './respond-to-offer';

/**
 * Edits the terms of the latest round while the other side has not answered it: only the side
 * that proposed it may. The change is posted in the conversation and the other side notified.
 * @throws NotFoundError; ForbiddenError (brand viewer); ConflictError (offer closed, round not
 *         yours); ValidationError (nothing written).
 */
export async function editOffer({ ctx, input }: VerbArgs<{ offerId: string; terms: OfferTermsInput }>): Promise<void> {
  const stored = await withTransaction(ctx, async (tx) => {
    const party = await offerForActor(tx, ctx, input.offerId, { write: true, lock: true });
    const { offer, latest, side } = party;
    if (!isOpen(offer)) throw new ConflictError(`This offer is ${offer.status}: it can no longer be edited`);
    if (latest.proposedBySide !== side)
      throw new ConflictError('The latest round is the other side’s: answer it (accept, reject or counter) instead');
    const terms = toOfferTerms(parseInput(offerTermsSchema, input.terms));
    if (side === 'brand' && terms.deliverables.length === 0)
      throw new ValidationError('deliverables: List at least one deliverable', { deliverables: 'List at least one deliverable' });
    await tx
      .update(offerRounds)
      .set({
        feeMinor: terms.feeMinor,
        terms: terms.terms,
        deliverables: terms.deliverables,
        dueOn: terms.dueOn,
        proposedBy: party.actor.userId,
      })
      .where(eq(offerRounds.id, latest.id));
    await tx.update(offers).set({ updatedAt: new Date() }).where(eq(offers.id, offer.id));
    await postOfferEvent(
      tx,
      party,
      `Updated the offer: ${formatMoney(terms.feeMinor, latest.currency)}, ${deliverablesText(terms.deliverables.length)}.`,
    );
    await audit(tx, ctx, {
      orgId: party.org.id,
      action: 'offer.edited',
      targetType: 'offer',
      targetId: offer.id,
      before: { feeMinor: latest.feeMinor, terms: latest.terms, deliverables: latest.deliverables, dueOn: latest.dueOn },
      after: terms,
    });
    const who = side === 'brand' ? party.org.name : party.influencer.displayName;
    return queueNotices(
      tx,
      await offerNotices(
        tx,
        party,
        side === 'brand' ? 'offer_received' : 'offer_countered',
        `${who} updated the offer for ${party.campaign.name}`,
        `Now ${formatMoney(terms.feeMinor, latest.currency)}.`,
      ),
    );
  });
  await deliverNoticeEmails(stored);
}
