import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { memberships } from '@/db/schema';

/** Number of owners of an organization, counted inside the caller's transaction. */
export async function countOwners(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return row.n;
}
