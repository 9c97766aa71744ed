import { eq } from 'drizzle-orm';
import { offerRounds, offers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { deliverNoticeEmails, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { isOpen, offerForActor } from './internal';
import { offerNotices, postOfferEvent } from './respond-to-offer';

/**
 * Withdraws an open offer (a brand its offer, an influencer their application) while the latest
 * round is the actor's own and unanswered. Kept with status `withdrawn`; the other side is told.
 * @throws NotFoundError; ForbiddenError (brand viewer); ConflictError (closed, or the other side's turn).
 */
export async function withdrawOffer({ ctx, input }: VerbArgs<{ offerId: string }>): Promise<void> {
  const stored = await withTransaction(ctx, async (tx) => {
    const party = await offerForActor(tx, ctx, input.offerId, { write: true, lock: true });
    const { offer, latest, side } = party;
    if (!isOpen(offer)) throw new ConflictError(`This offer is ${offer.status}: there is nothing to withdraw`);
    if (latest.proposedBySide !== side) throw new ConflictError('The latest round is the other side’s: reject it instead');
    await tx.update(offerRounds).set({ status: 'withdrawn' }).where(eq(offerRounds.id, latest.id));
    await tx.update(offers).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(offers.id, offer.id));
    await postOfferEvent(tx, party, `Withdrew the offer for ${party.campaign.name}.`);
    await audit(tx, ctx, {
      orgId: party.org.id,
      action: 'offer.withdrawn',
      targetType: 'offer',
      targetId: offer.id,
      before: { status: offer.status },
      after: { status: 'withdrawn' },
    });
    const who = side === 'brand' ? party.org.name : party.influencer.displayName;
    return queueNotices(tx, await offerNotices(tx, party, 'offer_rejected', `${who} withdrew the offer for ${party.campaign.name}`));
  });
  await deliverNoticeEmails(stored);
}
