import { campaigns } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import { type VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { CAMPAIGN_TRANSITIONS, campaignOf, requireCampaignManager, statusSchema } from './internal';

/**
 * Moves a campaign along its lifecycle ({@link CAMPAIGN_TRANSITIONS}). Going active needs start
 * and end dates. Manager or owner.
 * @throws NotFoundError; ForbiddenError; ValidationError (not a status); ConflictError (transition not allowed, dates missing).
 */
export async function setCampaignStatus({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string; status: string }>): Promise<void> {
  const { status } = parseInput(statusSchema, { status: input.status });
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    if (!CAMPAIGN_TRANSITIONS[before.status].includes(status))
      throw new ConflictError(`A ${before.status} campaign cannot become ${status}`);
    if (status === 'active' && (!before.startsOn || !before.endsOn))
      throw new ConflictError('Set the start and end dates before activating the campaign');
    await tx.update(campaigns).set({ status: status, updatedAt: new Date() }).where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.status_changed',
      targetType: 'campaign',
      targetId: before.id,
      before: { status: before.status },
      after: { status: status },
    });
  });
}
