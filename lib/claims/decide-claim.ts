import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountClaims, influencers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { deliverNoticeEmails, queueNotices } from '../notifications/notify';
import { PLATFORM_NAMES } from '../platforms';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { completeClaim } from './internal';

const decisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('reject'),
    reason: z.string().trim().min(3, 'Say why, the creator reads it').max(500, 'At most 500 characters'),
  }),
]);

/**
 * An admin decides a claim from the review queue, after looking for its code where the evidence
 * says: approving completes it (the account joins the creator's profile, see completeClaim);
 * rejecting closes it with a reason. The creator is told either way. Audited.
 * @throws ForbiddenError (not an admin); NotFoundError; ConflictError (not open, or the account
 *         is verified by another creator); ValidationError (no reason).
 */
export async function decideClaim({
  ctx,
  input,
}: VerbArgs<{ claimId: string; decision: 'approve' | 'reject'; reason?: string }>): Promise<void> {
  const admin = requireUserRole(ctx, 'admin');
  const d = parseInput(decisionSchema, { decision: input.decision, reason: input.reason ?? '' });
  const notices = await withTransaction(ctx, async (tx) => {
    if (!isUuid(input.claimId)) throw new NotFoundError('Claim');
    const [row] = await tx
      .select({ claim: accountClaims, userId: influencers.userId })
      .from(accountClaims)
      .innerJoin(influencers, eq(influencers.id, accountClaims.influencerId))
      .where(eq(accountClaims.id, input.claimId))
      .for('update', { of: accountClaims });
    if (!row) throw new NotFoundError('Claim');
    if (row.claim.status !== 'pending') throw new ConflictError(`This claim is already ${row.claim.status}`);
    const what = `@${row.claim.handle} on ${PLATFORM_NAMES[row.claim.platform]}`;
    if (d.decision === 'approve') await completeClaim(tx, ctx, row.claim, { method: 'review' });
    else {
      await tx
        .update(accountClaims)
        .set({ status: 'rejected', method: 'review', decidedAt: new Date(), decidedBy: admin.userId, rejectionReason: d.reason })
        .where(eq(accountClaims.id, row.claim.id));
      await audit(tx, ctx, {
        action: 'admin.claim_rejected',
        targetType: 'account_claim',
        targetId: row.claim.id,
        after: { reason: d.reason },
      });
    }
    if (!row.userId) return [];
    return queueNotices(tx, [
      {
        userId: row.userId,
        kind: 'admin_action',
        title: d.decision === 'approve' ? `${what} is verified: it is on your profile` : `Your claim of ${what} was not approved`,
        body: d.decision === 'reject' ? `Reason: ${d.reason}` : undefined,
        url: '/creator/profile',
      },
    ]);
  });
  await deliverNoticeEmails(notices);
}
