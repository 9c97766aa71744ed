import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { discountCodes } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireCampaignManager } from '../campaigns/internal';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({ orgSlug: z.string().min(1), campaignId: z.guid('is not a campaign id'), codeId: z.guid('is not a code id') });

/**
 * Removes a campaign's discount code: later sales naming it are no longer credited to the creator
 * (they are kept as unattributed); sales already attributed keep their attribution. Manager or owner.
 * @throws NotFoundError (another organization's or campaign's code too); ForbiddenError.
 */
export async function deleteDiscountCode({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, data.orgSlug);
    const [gone] = await tx
      .delete(discountCodes)
      .where(and(eq(discountCodes.id, data.codeId), eq(discountCodes.orgId, org.id), eq(discountCodes.campaignId, data.campaignId)))
      .returning({ code: discountCodes.code, influencerId: discountCodes.influencerId });
    if (!gone) throw new NotFoundError('Discount code');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.code_deleted',
      targetType: 'campaign',
      targetId: data.campaignId,
      before: gone,
    });
  });
}
