import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { collaborations, discountCodes } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { campaignOf, requireCampaignManager } from '../campaigns/internal';
import type { VerbArgs } from '../context';
import { databaseErrorCode, NotFoundError, ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({
  orgSlug: z.string().min(1),
  campaignId: z.guid('is not a campaign id'),
  influencerId: z.guid('is not an influencer id'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,64}$/, 'Use 3–64 letters, digits, - or _ (as the shop knows the code)')
    .transform((v) => v.toUpperCase()),
});

/**
 * Gives a collaboration a discount code: a sale sent with it is attributed to the creator
 * (lib/metrics/attribution.ts). Codes are stored upper case and unique per organization. Manager
 * or owner.
 * @throws ValidationError (malformed or already used code); NotFoundError (no such collaboration); ForbiddenError.
 */
export async function createDiscountCode({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>) {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireCampaignManager(tx, ctx, data.orgSlug);
    const campaign = await campaignOf(tx, org.id, data.campaignId);
    const [collaboration] = await tx
      .select({ id: collaborations.id })
      .from(collaborations)
      .where(
        and(
          eq(collaborations.campaignId, campaign.id),
          eq(collaborations.influencerId, data.influencerId),
          ne(collaborations.status, 'cancelled'),
        ),
      );
    if (!collaboration) throw new NotFoundError('Collaboration');
    try {
      const [row] = await tx.transaction(async (sp) =>
        sp
          .insert(discountCodes)
          .values({ orgId: org.id, campaignId: campaign.id, influencerId: data.influencerId, code: data.code, createdBy: actor.userId })
          .returning({ id: discountCodes.id, code: discountCodes.code }),
      );
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'attribution.code_created',
        targetType: 'campaign',
        targetId: campaign.id,
        after: { code: row.code, influencerId: data.influencerId },
      });
      return row;
    } catch (error) {
      if (databaseErrorCode(error) === '23505')
        throw new ValidationError(`code: ${data.code} is already in use in this organization`, { code: `${data.code} is already in use` });
      throw error;
    }
  });
}
