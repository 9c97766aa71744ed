import { and, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { memberships, organizations, type Membership } from '@/db/schema';
import { ConflictError, NotFoundError } from '../errors';

/**
 * Loads a member of an organization for a change of role or removal: locks the organization row
 * first, so two owners demoting or removing each other cannot leave it without an owner.
 * @throws NotFoundError when the user is not a member.
 */
export async function lockMember(tx: Tx, orgId: string, userId: string): Promise<Membership> {
  await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${orgId} for update`);
  const [member] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  if (!member) throw new NotFoundError('Member');
  return member;
}

/** @throws ConflictError when `member` is the organization's only owner. */
export async function assertNotLastOwner(tx: Tx, member: Membership): Promise<void> {
  if (member.role !== 'owner') return;
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, member.orgId), eq(memberships.role, 'owner')));
  if (row.n <= 1) throw new ConflictError('An organization needs at least one owner: make someone else owner first.');
}
