import { and, eq, sql } from 'drizzle-orm';
import { memberships, organizations } from '@/db/schema';
import { writeAudit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { countOwners } from './count-owners';
import { removeMemberSchema } from './schemas';

/**
 * Removes a member from the organization: owners may remove anyone, any member may leave.
 * The last owner can neither be removed nor leave.
 * @throws NotFoundError; ForbiddenError (a non-owner removing someone else); ConflictError (last owner).
 */
export async function removeMember({ ctx, input }: VerbArgs<{ orgId: string; userId: string }>): Promise<void> {
  const data = parseInput(removeMemberSchema, input);
  await withTransaction(ctx, async (tx) => {
    const leaving = ctx.actor?.userId === data.userId;
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, leaving ? 'viewer' : 'owner');
    await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${org.id} for update`);
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)))
      .limit(1);
    if (!member) throw new NotFoundError('Member');
    if (member.role === 'owner' && (await countOwners(tx, org.id)) <= 1) {
      throw new ConflictError('An organization needs at least one owner: make someone else owner first.');
    }
    await tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, data.userId)));
    await writeAudit(tx, {
      orgId: org.id,
      actorId: ctx.actor!.userId,
      action: leaving ? 'member.left' : 'member.removed',
      targetType: 'membership',
      targetId: data.userId,
      before: { role: member.role },
    });
  });
}
