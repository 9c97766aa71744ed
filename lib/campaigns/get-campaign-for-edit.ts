import { type Campaign } from '@/db/schema';
import { type OrgAccess } from '../authz/guards';
import { type VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { campaignOf, requireCampaignManager } from './internal';

/**
 * A campaign of a brand organization as stored, for its edit form. Manager or owner.
 * @throws NotFoundError (not a member, another organization's campaign); ForbiddenError.
 */
export async function getCampaignForEdit({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<{ access: OrgAccess; campaign: Campaign }> {
  return withTransaction(ctx, async (tx) => {
    const access = await requireCampaignManager(tx, ctx, input.orgSlug);
    return { access, campaign: await campaignOf(tx, access.org.id, input.campaignId) };
  });
}
