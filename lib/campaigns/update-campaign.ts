import { campaigns } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import { type VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { campaignColumns, campaignInputSchema, type CampaignInput } from './campaign-schema';
import { activeCollaborations, campaignOf, pick, requireCampaignManager } from './internal';

/**
 * Replaces a campaign's editable fields (not its status). The maximum number of influencers can
 * not go below the collaborations it already has. Manager or owner; completed and cancelled
 * campaigns are read-only.
 * @throws NotFoundError; ForbiddenError; ValidationError; ConflictError (finished campaign, cap below collaborations).
 */
export async function updateCampaign({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; campaign: CampaignInput }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    if (before.status === 'completed' || before.status === 'cancelled')
      throw new ConflictError(`This campaign is ${before.status}; duplicate it to run it again`);
    const fields = campaignColumns(parseInput(campaignInputSchema, input.campaign));
    if (fields.maxInfluencers !== null) {
      const taken = await activeCollaborations(tx, before.id);
      if (fields.maxInfluencers < taken)
        throw new ConflictError(`The campaign already has ${taken} collaborations; the maximum cannot be lower`);
    }
    await tx
      .update(campaigns)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.updated',
      targetType: 'campaign',
      targetId: before.id,
      before: pick(before, Object.keys(fields)),
      after: fields,
    });
  });
}
