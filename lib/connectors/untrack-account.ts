import { trackedAccounts } from '@/db/schema';
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import { type VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';

/** Stops tracking an account (its snapshots stay). Manager or owner. @throws NotFoundError; ForbiddenError */
export async function untrackAccount({ ctx, input }: VerbArgs<{ orgSlug: string; socialAccountId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (!isUuid(input.socialAccountId)) throw new NotFoundError('Tracked account');
    const removed = await tx
      .delete(trackedAccounts)
      .where(and(eq(trackedAccounts.orgId, org.id), eq(trackedAccounts.socialAccountId, input.socialAccountId)))
      .returning();
    if (!removed.length) throw new NotFoundError('Tracked account');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'account.untracked',
      targetType: 'social_account',
      targetId: input.socialAccountId,
    });
  });
}
