import { asc, eq } from 'drizzle-orm';
import { memberships, organizations } from '@/db/schema';
import { requireActor, type MemberRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type MyOrganization = {
  id: string;
  name: string;
  slug: string;
  role: MemberRole;
  kind: 'brand' | 'creator';
  /** The creator's influencer profile, for a creator workspace. */
  influencerId: string | null;
};

/** The organizations (brands and creator workspaces) the signed-in user belongs to, oldest membership first. */
export async function listMyOrganizations({ ctx }: VerbArgs<void>): Promise<MyOrganization[]> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      role: memberships.role,
      kind: organizations.kind,
      influencerId: organizations.influencerId,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(asc(memberships.createdAt));
}
