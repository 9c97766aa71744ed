import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';
import { campaignOf, proposeKeywordLinks } from './internal';

/**
 * Scans the organization's data for keyword matches of one campaign now (managers and owners).
 * @returns the number of new proposals to review.
 * @throws NotFoundError; ForbiddenError.
 */
export async function scanCampaignKeywords({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
    await campaignOf(tx, org.id, input.campaignId);
    return proposeKeywordLinks(tx, org.id, input.campaignId);
  });
}
