import { campaigns } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { metricSettingsOf } from '../metrics/settings';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { campaignColumns, campaignInputSchema, type CampaignInput } from './campaign-schema';
import { requireCampaignManager } from './internal';

/**
 * Creates a campaign (status draft) in a brand organization. Manager or owner. Its attribution
 * window, and its currency when none is given, are the organization's (metric settings; 30 days
 * and USD unless changed).
 * @returns the new campaign's id.
 * @throws NotFoundError (not a member); ForbiddenError (viewer, creator workspace);
 *         ValidationError naming the bad field (nothing written).
 */
export async function createCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaign: CampaignInput }>): Promise<{ id: string }> {
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const settings = metricSettingsOf(org);
    const fields = campaignColumns(
      parseInput(campaignInputSchema, { ...input.campaign, currency: input.campaign.currency || settings.reportingCurrency }),
    );
    const [row] = await tx
      .insert(campaigns)
      .values({
        ...fields,
        orgId: org.id,
        status: 'draft',
        createdBy: actor.userId,
        attributionWindowDays: settings.attributionWindowDays,
      })
      .returning({ id: campaigns.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.created',
      targetType: 'campaign',
      targetId: row.id,
      after: fields,
    });
    return row;
  });
}
