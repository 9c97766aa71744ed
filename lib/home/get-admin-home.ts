import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import { campaigns, memberships, organizations, users, type User } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type AdminHome = {
  usersByRole: Record<User['role'], number>;
  flaggedUsers: number;
  campaigns: { total: number; flagged: number; public: number };
  pendingBrands: { id: string; name: string; slug: string; createdAt: Date; ownerEmail: string | null }[];
  recentUsers: Pick<User, 'id' | 'name' | 'email' | 'role' | 'createdAt'>[];
};

/**
 * The admin home: users by role, flagged users, campaign counts, the brand approval queue
 * (oldest first) and the latest sign-ups.
 * @throws ForbiddenError for any role but admin.
 */
export async function getAdminHome({ ctx }: VerbArgs<void>): Promise<AdminHome> {
  requireUserRole(ctx, 'admin');
  const db = await reader(ctx);
  const [byRole, [flagged], [total], [flaggedCampaigns], [publicCampaigns], pending, recentUsers] = await Promise.all([
    db.select({ role: users.role, n: count() }).from(users).groupBy(users.role),
    db.select({ n: count() }).from(users).where(isNotNull(users.flaggedAt)),
    db.select({ n: count() }).from(campaigns),
    db.select({ n: count() }).from(campaigns).where(eq(campaigns.flagged, true)),
    db.select({ n: count() }).from(campaigns).where(eq(campaigns.visibility, 'public')),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        createdAt: organizations.createdAt,
        ownerEmail: users.email,
      })
      .from(organizations)
      .leftJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.role, 'owner')))
      .leftJoin(users, eq(users.id, memberships.userId))
      // Creator workspaces need no approval: they never publish campaigns.
      .where(and(eq(organizations.approvalStatus, 'pending'), eq(organizations.kind, 'brand')))
      .orderBy(asc(organizations.createdAt)),
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
      .from(users)
      .orderBy(desc(users.createdAt))
      .limit(8),
  ]);
  const usersByRole = { admin: 0, brand: 0, influencer: 0, fan: 0 };
  for (const r of byRole) usersByRole[r.role] = r.n;
  // An org may have several owners: keep one row per org.
  const seen = new Set<string>();
  const pendingBrands = pending.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  return {
    usersByRole,
    flaggedUsers: flagged.n,
    campaigns: { total: total.n, flagged: flaggedCampaigns.n, public: publicCampaigns.n },
    pendingBrands,
    recentUsers,
  };
}
