import { and, eq } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { assertNotLastOwner, lockMember } from './member-guards';
import { changeMemberRoleSchema } from './schemas';

/**
 * Changes a member's role (owners only). The last owner cannot be demoted.
 * @throws NotFoundError (org, or member not in this org); ForbiddenError; ConflictError (last owner).
 */
export async function changeMemberRole({
  ctx,
  input,
}: VerbArgs<Untrusted<{ orgId: string; userId: string; role: 'owner' | 'manager' | 'viewer' }>>): Promise<void> {
  const data = parseInput(changeMemberRoleSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'owner');
    const member = await lockMember(tx, org.id, data.userId);
    if (member.role === data.role) return;
    await assertNotLastOwner(tx, member);
    await tx
      .update(memberships)
      .set({ role: data.role })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'member.role_changed',
      targetType: 'membership',
      targetId: data.userId,
      before: { role: member.role },
      after: { role: data.role },
    });
  });
}
