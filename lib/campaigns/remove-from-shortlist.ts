import { campaignShortlist } from '@/db/schema';
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { campaignAndInfluencer } from './internal';

/** Removes an influencer from a campaign's shortlist. Manager or owner. @throws NotFoundError; ForbiddenError */
export async function removeFromShortlist({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; influencerId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org, campaign, influencer } = await campaignAndInfluencer(tx, ctx, input);
    const removed = await tx
      .delete(campaignShortlist)
      .where(and(eq(campaignShortlist.campaignId, campaign.id), eq(campaignShortlist.influencerId, influencer.id)))
      .returning();
    if (removed.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'campaign.unshortlisted',
        targetType: 'campaign',
        targetId: campaign.id,
        before: { influencerId: influencer.id },
      });
  });
}
