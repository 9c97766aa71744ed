import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { influencers, orgPosts, platform, socialAccounts } from '@/db/schema';
import { handleField } from '../accounts/schemas';
import { writeAudit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { amountMinor, currencyCode, optionalText } from '../form-fields';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';

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
    await writeAudit(tx, {
      actorId: actor.userId,
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

const accountSchema = z.object({ platform: z.enum(platform.enumValues, 'Choose the platform'), handle: handleField });

/**
 * The signed-in influencer adds a social account (platform + handle, normalised) to their profile.
 * @throws ForbiddenError; ValidationError; ConflictError (the handle is on Reachboard already, on
 *         this or another profile).
 */
export async function addSocialAccount({ ctx, input }: VerbArgs<{ platform: string; handle: string }>): Promise<void> {
  const actor = requireUserRole(ctx, 'influencer');
  const a = parseInput(accountSchema, input);
  await withTransaction(ctx, async (tx) => {
    const [me] = await tx.select({ id: influencers.id }).from(influencers).where(eq(influencers.userId, actor.userId));
    if (!me) throw new NotFoundError('Influencer profile');
    const [existing] = await tx
      .select({ influencerId: socialAccounts.influencerId })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.platform, a.platform), eq(socialAccounts.handle, a.handle)));
    if (existing)
      throw new ConflictError(
        existing.influencerId === me.id
          ? `@${a.handle} is already on your profile`
          : `@${a.handle} on ${a.platform} is already on Reachboard under another profile; contact support to claim it`,
      );
    const [row] = await tx.insert(socialAccounts).values({ influencerId: me.id, platform: a.platform, handle: a.handle }).returning();
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'influencer.account_added',
      targetType: 'social_account',
      targetId: row.id,
      after: a,
    });
  });
}

/**
 * The signed-in influencer removes one of their social accounts, unless posts are recorded for it
 * (brands' measurements and deliverables refer to them).
 * @throws ForbiddenError; NotFoundError (not theirs); ConflictError (posts recorded).
 */
export async function removeSocialAccount({ ctx, input }: VerbArgs<{ accountId: string }>): Promise<void> {
  const actor = requireUserRole(ctx, 'influencer');
  await withTransaction(ctx, async (tx) => {
    if (!isUuid(input.accountId)) throw new NotFoundError('Social account');
    const [row] = await tx
      .select({ account: socialAccounts })
      .from(socialAccounts)
      .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
      .where(and(eq(socialAccounts.id, input.accountId), eq(influencers.userId, actor.userId)));
    if (!row) throw new NotFoundError('Social account');
    const [post] = await tx.select({ id: orgPosts.postId }).from(orgPosts).where(eq(orgPosts.socialAccountId, row.account.id)).limit(1);
    if (post) throw new ConflictError(`@${row.account.handle} has recorded posts and stays on your profile`);
    await tx.delete(socialAccounts).where(eq(socialAccounts.id, row.account.id));
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'influencer.account_removed',
      targetType: 'social_account',
      targetId: row.account.id,
      before: { platform: row.account.platform, handle: row.account.handle },
    });
  });
}
