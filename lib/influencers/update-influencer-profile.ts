import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { influencers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { amountMinor, currencyCode, optionalText } from '../form-fields';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';

const profileSchema = z
  .object({
    category: optionalText(60),
    country: optionalText(60),
    bio: optionalText(1_000),
    rate: amountMinor,
    rateCurrency: z.preprocess((v) => (v === '' ? undefined : v), currencyCode.optional()),
  })
  .refine((p) => p.rate === undefined || p.rateCurrency, { path: ['rateCurrency'], message: 'Choose the currency of your rate' });

/**
 * The signed-in influencer edits their public profile: niche, country, bio and rate card (a fee
 * per deliverable in major units of `rateCurrency`; blank = no rate card). Audited.
 * @throws ForbiddenError (not an influencer); ValidationError (nothing written).
 */
export async function updateInfluencerProfile({ ctx, input }: VerbArgs<Record<string, unknown>>): Promise<void> {
  const actor = requireUserRole(ctx, 'influencer');
  const p = parseInput(profileSchema, input);
  await withTransaction(ctx, async (tx) => {
    const [before] = await tx.select().from(influencers).where(eq(influencers.userId, actor.userId)).for('update');
    if (!before) throw new NotFoundError('Influencer profile');
    const after = {
      category: p.category ?? null,
      country: p.country ?? null,
      bio: p.bio ?? null,
      rateMinor: p.rate ?? null,
      rateCurrency: p.rate === undefined ? null : p.rateCurrency!,
    };
    await tx
      .update(influencers)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(influencers.id, before.id));
    await audit(tx, ctx, {
      action: 'influencer.profile_updated',
      targetType: 'influencer',
      targetId: before.id,
      before: {
        category: before.category,
        country: before.country,
        bio: before.bio,
        rateMinor: before.rateMinor,
        rateCurrency: before.rateCurrency,
      },
      after,
    });
  });
}
