import { asc, eq } from 'drizzle-orm';
import { memberships, organizations } from '@/db/schema';
import { requireActor, type MemberRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/** The organizations the signed-in user belongs to, oldest membership first. */
export async function listMyOrganizations({
  ctx,
}: VerbArgs<void>): Promise<{ id: string; name: string; slug: string; role: MemberRole }[]> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(asc(memberships.createdAt));
}
