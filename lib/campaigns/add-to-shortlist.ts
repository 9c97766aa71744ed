import { campaignShortlist } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { campaignAndInfluencer } from './internal';

/**
 * Adds an influencer to a campaign's shortlist (adding twice changes nothing). Manager or owner.
 * @throws NotFoundError (not a member, campaign of another organization, unknown influencer); ForbiddenError.
 */
export async function addToShortlist({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; influencerId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org, actor, campaign, influencer } = await campaignAndInfluencer(tx, ctx, input);
    const added = await tx
      .insert(campaignShortlist)
      .values({ campaignId: campaign.id, influencerId: influencer.id, addedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (added.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'campaign.shortlisted',
        targetType: 'campaign',
        targetId: campaign.id,
        after: { influencerId: influencer.id },
      });
  });
}
