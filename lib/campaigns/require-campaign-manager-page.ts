import { type OrgAccess } from '../authz/guards';
import { type VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { requireCampaignManager } from './internal';

/**
 * Checks the actor may create campaigns in `orgSlug` (the new-campaign page).
 * @throws NotFoundError; ForbiddenError (viewer, creator workspace).
 */
export async function requireCampaignManagerPage({ ctx, input }: VerbArgs<{ orgSlug: string }>): Promise<OrgAccess> {
  return withTransaction(ctx, (tx) => requireCampaignManager(tx, ctx, input.orgSlug));
}
