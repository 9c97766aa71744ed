import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { campaignOf, requireCampaignManager } from '../campaigns/internal';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({
  orgSlug: z.string().min(1),
  campaignId: z.guid('is not a campaign id'),
  attributionWindowDays: z.coerce
    .number({ error: 'Enter a number of days' })
    .int('Enter a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days'),
  /** "code" or "click": which wins when a sale has both. */
  winner: z.enum(['code', 'click'], { error: 'Choose the code or the click' }),
});

/**
 * Sets a campaign's attribution rule: the window (days after a click, or after the campaign's end
 * for a code) and whether a discount code or the last click wins when a sale has both. Applies to
 * conversions arriving from now on; stored ones keep the rule they were attributed under.
 * Manager or owner.
 * @throws ValidationError; NotFoundError; ForbiddenError.
 */
export async function setCampaignAttribution({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, data.orgSlug);
    const campaign = await campaignOf(tx, org.id, data.campaignId);
    const after = { attributionWindowDays: data.attributionWindowDays, codeBeatsClick: data.winner === 'code' };
    await tx.update(campaigns).set(after).where(eq(campaigns.id, campaign.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.attribution_set',
      targetType: 'campaign',
      targetId: campaign.id,
      before: { attributionWindowDays: campaign.attributionWindowDays, codeBeatsClick: campaign.codeBeatsClick },
      after,
    });
  });
}
