import { and, eq } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import { actingUser, type VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { assertNotLastOwner, lockMember } from './member-guards';
import { removeMemberSchema } from './schemas';

/**
 * Removes a member from the organization: owners may remove anyone, any member may leave.
 * The last owner can neither be removed nor leave.
 * @throws NotFoundError; ForbiddenError (a non-owner removing someone else); ConflictError (last owner).
 */
export async function removeMember({ ctx, input }: VerbArgs<{ orgId: string; userId: string }>): Promise<void> {
  const data = parseInput(removeMemberSchema, input);
  await withTransaction(ctx, async (tx) => {
    const leaving = actingUser(ctx)?.userId === data.userId;
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, leaving ? 'viewer' : 'owner');
    const member = await lockMember(tx, org.id, data.userId);
    await assertNotLastOwner(tx, member);
    await tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)));
    await audit(tx, ctx, {
      orgId: org.id,
      action: leaving ? 'member.left' : 'member.removed',
      targetType: 'membership',
      targetId: data.userId,
      before: { role: member.role },
    });
  });
}
