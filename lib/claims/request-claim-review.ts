import { and, eq } from 'drizzle-orm';
import { accountClaims } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { getOwnClaimOrThrow } from './internal';
import { claimEvidenceSchema } from './schemas';

/**
 * The signed-in creator asks an admin to verify their claim by hand (for platforms Reachboard
 * cannot read, or when the automatic check cannot see the code): the claim joins the admins'
 * review queue with the evidence given (where the code can be seen). Asking again updates it.
 * @throws NotFoundError (not their claim); ConflictError (not open); ValidationError (evidence).
 */
export async function requestClaimReview({ ctx, input }: VerbArgs<{ claimId: string; evidence: string }>): Promise<void> {
  const actor = requireUserRole(ctx, 'influencer');
  const { evidence } = parseInput(claimEvidenceSchema, { evidence: input.evidence });
  await withTransaction(ctx, async (tx) => {
    const claim = await getOwnClaimOrThrow(tx, actor.userId, input.claimId);
    if (claim.status !== 'pending') throw new ConflictError(`This claim is already ${claim.status}`);
    await tx
      .update(accountClaims)
      .set({ evidence, reviewRequestedAt: new Date() })
      .where(and(eq(accountClaims.id, claim.id), eq(accountClaims.status, 'pending')));
    await audit(tx, ctx, {
      action: 'influencer.claim_review_requested',
      targetType: 'account_claim',
      targetId: claim.id,
      after: { evidence },
    });
  });
}
