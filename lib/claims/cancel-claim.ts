import { and, eq } from 'drizzle-orm';
import { accountClaims } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { getOwnClaimOrThrow } from './internal';

/**
 * The signed-in creator withdraws an open claim (a wrong handle, say). A verified or rejected
 * claim stays as it is. Idempotent.
 * @throws NotFoundError (not their claim).
 */
export async function cancelClaim({ ctx, input }: VerbArgs<{ claimId: string }>): Promise<void> {
  const actor = requireUserRole(ctx, 'influencer');
  await withTransaction(ctx, async (tx) => {
    const claim = await getOwnClaimOrThrow(tx, actor.userId, input.claimId);
    const deleted = await tx
      .delete(accountClaims)
      .where(and(eq(accountClaims.id, claim.id), eq(accountClaims.status, 'pending')))
      .returning({ id: accountClaims.id });
    if (deleted.length)
      await audit(tx, ctx, {
        action: 'influencer.claim_cancelled',
        targetType: 'account_claim',
        targetId: claim.id,
        before: { platform: claim.platform, handle: claim.handle },
      });
  });
}
