import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { campaigns, collaborations, influencers, offerRounds, offers, type Campaign } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireApprovedBrand, requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { ensureConversation, postMessage } from '../inbox/post-message';
import { storeOfferForecasts } from '../forecasts/internal';
import { formatMoney } from '../money';
import { deliverNoticeEmails, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { offerTermsSchema, toOfferTerms, type OfferTermsInput } from './offer-schema';

/**
 * Refuses a second open offer or a collaboration that already exists for the pair on a campaign.
 * @throws ConflictError naming what exists.
 */
export async function assertNoOpenOffer(tx: Tx, campaignId: string, influencerId: string): Promise<void> {
  const [open] = await tx
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.campaignId, campaignId), eq(offers.influencerId, influencerId), inArray(offers.status, ['pending', 'countered'])));
  if (open) throw new ConflictError('There is already an open offer for this influencer on this campaign: answer or withdraw it first');
  const [collab] = await tx
    .select({ id: collaborations.id })
    .from(collaborations)
    .where(and(eq(collaborations.campaignId, campaignId), eq(collaborations.influencerId, influencerId)));
  if (collab) throw new ConflictError('This influencer already works on this campaign');
}

/** Refuses offers on a finished or flagged campaign. @throws ConflictError */
function assertCampaignOpen(campaign: Campaign): void {
  if (campaign.flagged) throw new ConflictError('A Reachboard admin flagged this campaign: it takes no new offers');
  if (campaign.status === 'completed' || campaign.status === 'cancelled')
    throw new ConflictError(`This campaign is ${campaign.status}: it takes no new offers`);
}

/** "2 deliverables" etc. */
export const deliverablesText = (n: number) => (n === 0 ? 'no deliverables listed' : `${n} deliverable${n === 1 ? '' : 's'}`);

/**
 * A brand sends an offer (ad request) to an influencer with a Reachboard account for one of its
 * campaigns: fee in the campaign currency, terms, due date and at least one deliverable. Opens
 * round 1, stores a forecast of each deliverable (lib/forecasts), posts the offer card in the
 * pair's conversation and notifies the influencer.
 * Manager or owner of an approved brand.
 * @returns the offer id.
 * @throws NotFoundError (campaign of another org, unknown influencer); ForbiddenError (viewer,
 *         brand awaiting approval, creator workspace); ValidationError (nothing written);
 *         ConflictError (finished or flagged campaign, open offer or collaboration exists,
 *         influencer without an account).
 */
export async function sendOffer({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; influencerId: string; terms: OfferTermsInput }>): Promise<{ id: string }> {
  const notices = await withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (org.kind !== 'brand') throw new ForbiddenError('Offers are sent by brand organizations');
    requireApprovedBrand(org, 'offers can be sent');
    if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
    const [campaign] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.orgId, org.id)))
      .for('update');
    if (!campaign) throw new NotFoundError('Campaign');
    if (!isUuid(input.influencerId)) throw new NotFoundError('Influencer');
    const [influencer] = await tx.select().from(influencers).where(eq(influencers.id, input.influencerId));
    if (!influencer) throw new NotFoundError('Influencer');
    const terms = toOfferTerms(parseInput(offerTermsSchema, input.terms));
    if (terms.deliverables.length === 0)
      throw new ValidationError('deliverables: List at least one deliverable', { deliverables: 'List at least one deliverable' });
    assertCampaignOpen(campaign);
    if (!influencer.userId)
      throw new ConflictError(`${influencer.displayName} has no Reachboard account yet: offers go to creators who joined`);
    await assertNoOpenOffer(tx, campaign.id, influencer.id);
    const actorId = actor.userId;
    const [offer] = await tx
      .insert(offers)
      .values({ orgId: org.id, campaignId: campaign.id, influencerId: influencer.id, initiatedBy: 'brand', createdBy: actorId })
      .returning();
    await tx.insert(offerRounds).values({
      offerId: offer.id,
      roundNumber: 1,
      proposedBySide: 'brand',
      proposedBy: actorId,
      feeMinor: terms.feeMinor,
      currency: campaign.currency,
      terms: terms.terms,
      deliverables: terms.deliverables,
      dueOn: terms.dueOn,
    });
    await storeOfferForecasts(
      tx,
      { org, offerId: offer.id, influencerId: influencer.id, currency: campaign.currency, feeMinor: terms.feeMinor },
      terms.deliverables,
    );
    const conversationId = await ensureConversation(tx, org.id, influencer.id);
    await postMessage(tx, {
      conversationId,
      senderId: actorId,
      senderSide: 'brand',
      body: `Sent an offer for ${campaign.name}: ${formatMoney(terms.feeMinor, campaign.currency)}, ${deliverablesText(terms.deliverables.length)}.`,
      campaignId: campaign.id,
      offerId: offer.id,
    });
    await audit(tx, ctx, {
      orgId: org.id,
      actorId,
      action: 'offer.sent',
      targetType: 'offer',
      targetId: offer.id,
      after: { campaignId: campaign.id, influencerId: influencer.id, ...terms },
    });
    const stored = await queueNotices(tx, [
      {
        userId: influencer.userId,
        kind: 'offer_received',
        title: `${org.name} sent you an offer for ${campaign.name}`,
        body: `${formatMoney(terms.feeMinor, campaign.currency)} for ${deliverablesText(terms.deliverables.length)}.`,
        url: `/offers/${offer.id}`,
      },
    ]);
    return { id: offer.id, stored };
  });
  await deliverNoticeEmails(notices.stored);
  return { id: notices.id };
}
