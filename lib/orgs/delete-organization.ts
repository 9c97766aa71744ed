import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { organizations } from '@/db/schema';

/** Tables keyed by an organization without a foreign key (docs/decision-snapshot-keys.md). */
const OWNED = [
  // Every snapshot's post has the owner's org_posts row (written before it, in the import's phase
  // A): delete through it, so the natural key (post first) is used instead of a scan of the table.
  sql`delete from post_snapshots s using org_posts op where op.post_id = s.post_id and s.owner_org_id = op.org_id and op.org_id = `,
  sql`delete from account_snapshots where owner_org_id = `,
  sql`delete from post_metrics where owner_org_id = `,
  sql`delete from account_daily_metrics where owner_org_id = `,
  sql`delete from account_metrics where owner_org_id = `,
  sql`delete from org_posts where org_id = `,
];

/**
 * Deletes an organization with everything it owns: the snapshots, rollups and post views that
 * carry its id without a foreign key, then the organization (memberships, imports, campaigns and
 * the rest cascade). Internal: callers authorize (an admin deleting a creator's workspace).
 * Runs in the caller's transaction.
 */
export async function deleteOrganization(tx: Tx, orgId: string): Promise<void> {
  for (const statement of OWNED) await tx.execute(sql`${statement}${orgId}::uuid`);
  await tx.delete(organizations).where(eq(organizations.id, orgId));
}
