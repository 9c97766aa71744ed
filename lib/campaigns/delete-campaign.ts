import { campaigns, collaborations } from '@/db/schema';
import { count, eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import { type VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { withTransaction } from '../transaction';
import { campaignOf, requireCampaignManager } from './internal';

/**
 * Deletes a campaign that has no collaborations (agreed fees are history: cancel such a campaign
 * instead). Its shortlist, post links and offers go with it. Manager or owner.
 * @throws NotFoundError; ForbiddenError; ConflictError (has collaborations).
 */
export async function deleteCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    const [{ n }] = await tx.select({ n: count() }).from(collaborations).where(eq(collaborations.campaignId, before.id));
    if (n > 0)
      throw new ConflictError(
        `This campaign has ${n} collaboration${n === 1 ? '' : 's'} with agreed fees; cancel it instead of deleting it`,
      );
    await tx.delete(campaigns).where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.deleted',
      targetType: 'campaign',
      targetId: before.id,
      before: { name: before.name, status: before.status },
    });
  });
}
