import { and, eq, sql } from 'drizzle-orm';
import { memberships, organizations } from '@/db/schema';
import { writeAudit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { countOwners } from './count-owners';
import { changeMemberRoleSchema } from './schemas';

/**
 * Changes a member's role (owners only). The last owner cannot be demoted.
 * @throws NotFoundError (org, or member not in this org); ForbiddenError; ConflictError (last owner).
 */
export async function changeMemberRole({
  ctx,
  input,
}: VerbArgs<{ orgId: string; userId: string; role: 'owner' | 'manager' | 'viewer' }>): Promise<void> {
  const data = parseInput(changeMemberRoleSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'owner');
    // Serialise owner changes of one org so two owners demoting each other cannot leave none.
    await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${org.id} for update`);
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)))
      .limit(1);
    if (!member) throw new NotFoundError('Member');
    if (member.role === data.role) return;
    if (member.role === 'owner' && (await countOwners(tx, org.id)) <= 1) {
      throw new ConflictError('An organization needs at least one owner: make someone else owner first.');
    }
    await tx
      .update(memberships)
      .set({ role: data.role })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)));
    await writeAudit(tx, {
      orgId: org.id,
      actorId: ctx.actor!.userId,
      action: 'member.role_changed',
      targetType: 'membership',
      targetId: data.userId,
      before: { role: member.role },
      after: { role: data.role },
    });
  });
}
