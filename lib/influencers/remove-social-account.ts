import { and, eq } from 'drizzle-orm';
import { influencers, socialAccounts } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import { detachAccounts } from '../claims/internal';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';

/**
 * The signed-in influencer removes one of their social accounts from their profile. The account
 * itself stays, as a tracked profile of its own, so the brands' measurements and the campaign
 * posts that refer to it are kept; nothing of the creator's profile goes with it. Audited.
 * @throws ForbiddenError; NotFoundError (not theirs).
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
    await detachAccounts(tx, row.account.influencerId, [row.account.id]);
    await audit(tx, ctx, {
      action: 'influencer.account_removed',
      targetType: 'social_account',
      targetId: row.account.id,
      before: { platform: row.account.platform, handle: row.account.handle },
    });
  });
}
