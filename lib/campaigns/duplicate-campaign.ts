import { campaigns } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { campaignOf, requireCampaignManager } from './internal';

/**
 * Copies a campaign's settings into a new draft named "Copy of …" (no collaborations, posts,
 * offers or conversions). Manager or owner.
 * @returns the new campaign's id.
 * @throws NotFoundError; ForbiddenError.
 */
export async function duplicateCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<{ id: string }> {
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const source = await campaignOf(tx, org.id, input.campaignId);
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: org.id,
        name: `Copy of ${source.name}`.slice(0, 120),
        description: source.description,
        brief: source.brief,
        category: source.category,
        budgetMinor: source.budgetMinor,
        currency: source.currency,
        startsOn: source.startsOn,
        endsOn: source.endsOn,
        visibility: source.visibility,
        maxInfluencers: source.maxInfluencers,
        goals: source.goals,
        trackingKeywords: source.trackingKeywords,
        taskProgressWeight: source.taskProgressWeight,
        status: 'draft',
        createdBy: actor.userId,
      })
      .returning({ id: campaigns.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.duplicated',
      targetType: 'campaign',
      targetId: row.id,
      before: { from: source.id },
    });
    return row;
  });
}
