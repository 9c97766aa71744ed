import { and, eq } from 'drizzle-orm';
import { campaigns, influencers, offerRounds, offers, organizations } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { publicCampaignConditions } from '../campaigns/list-public-campaigns';
import { ensureConversation, postMessage } from '../inbox/post-message';
import { formatMoney } from '../money';
import { deliverNoticeEmails, orgManagerIds, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { applicationSchema } from './offer-schema';
import { assertNoOpenOffer } from './send-offer';

/**
 * The signed-in influencer applies to a public campaign with a pitch and a proposed fee (major
 * units of the campaign currency). Opens an offer initiated by the influencer (round 1), posts it
 * in the conversation with the brand and notifies the brand's managers.
 * @returns the offer id.
 * @throws ForbiddenError (not an influencer); NotFoundError (campaign not public: private, draft,
 *         flagged, brand not approved); ValidationError (nothing written); ConflictError (already
 *         applied and open, or already collaborating).
 */
export async function applyToCampaign({
  ctx,
  input,
}: VerbArgs<{ campaignId: string; pitch: string; fee: string | number }>): Promise<{ id: string }> {
  const actor = requireUserRole(ctx, 'influencer');
  const result = await withTransaction(ctx, async (tx) => {
    if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
    const [row] = await tx
      .select({ campaign: campaigns, org: organizations })
      .from(campaigns)
      .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
      .where(and(eq(campaigns.id, input.campaignId), publicCampaignConditions()))
      .for('update', { of: campaigns });
    if (!row) throw new NotFoundError('Campaign');
    const [me] = await tx.select().from(influencers).where(eq(influencers.userId, actor.userId));
    if (!me) throw new NotFoundError('Influencer profile');
    const app = parseInput(applicationSchema, { pitch: input.pitch, fee: typeof input.fee === 'number' ? String(input.fee) : input.fee });
    await assertNoOpenOffer(tx, row.campaign.id, me.id);
    const [offer] = await tx
      .insert(offers)
      .values({
        orgId: row.org.id,
        campaignId: row.campaign.id,
        influencerId: me.id,
        initiatedBy: 'influencer',
        pitch: app.pitch,
        createdBy: actor.userId,
      })
      .returning();
    await tx.insert(offerRounds).values({
      offerId: offer.id,
      roundNumber: 1,
      proposedBySide: 'influencer',
      proposedBy: actor.userId,
      feeMinor: app.fee!,
      currency: row.campaign.currency,
    });
    const conversationId = await ensureConversation(tx, row.org.id, me.id);
    await postMessage(tx, {
      conversationId,
      senderId: actor.userId,
      senderSide: 'influencer',
      body: `Applied to ${row.campaign.name} for ${formatMoney(app.fee!, row.campaign.currency)}: ${app.pitch}`,
      campaignId: row.campaign.id,
      offerId: offer.id,
    });
    await audit(tx, ctx, {
      orgId: row.org.id,
      action: 'offer.applied',
      targetType: 'offer',
      targetId: offer.id,
      after: { campaignId: row.campaign.id, feeMinor: app.fee, pitch: app.pitch },
    });
    const stored = await queueNotices(
      tx,
      (await orgManagerIds(tx, row.org.id)).map((userId) => ({
        userId,
        kind: 'offer_received' as const,
        title: `${me.displayName} applied to ${row.campaign.name}`,
        body: `Proposed fee ${formatMoney(app.fee!, row.campaign.currency)}.`,
        url: `/offers/${offer.id}`,
      })),
    );
    return { id: offer.id, stored };
  });
  await deliverNoticeEmails(result.stored);
  return { id: result.id };
}
