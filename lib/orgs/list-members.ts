import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { invitations, memberships, users } from '@/db/schema';
import { requireOrgRole, type MemberRole, type MemberAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type MemberList = {
  access: MemberAccess;
  members: { userId: string; name: string; email: string; role: MemberRole; joinedAt: Date }[];
  /** Open invitations; only owners see them (empty for others). */
  invitations: { id: string; email: string; role: MemberRole; expiresAt: Date; createdAt: Date }[];
};

/**
 * Lists the members of an organization the actor belongs to (any role), and for owners its open invitations.
 * @throws NotFoundError when the actor is not a member.
 */
export async function listMembers({ ctx, input }: VerbArgs<{ slug: string }>): Promise<MemberList> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.slug }, 'viewer');
  const members = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, access.org.id))
    .orderBy(asc(memberships.createdAt));
  const open =
    access.role === 'owner'
      ? await db
          .select({
            id: invitations.id,
            email: invitations.email,
            role: invitations.role,
            expiresAt: invitations.expiresAt,
            createdAt: invitations.createdAt,
          })
          .from(invitations)
          .where(
            and(
              eq(invitations.orgId, access.org.id),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              gt(invitations.expiresAt, new Date()),
            ),
          )
          .orderBy(asc(invitations.createdAt))
      : [];
  return { access, members, invitations: open };
}
