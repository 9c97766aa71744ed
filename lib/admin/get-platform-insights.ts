import { count, desc, eq } from 'drizzle-orm';
import { campaigns, collaborations, follows, influencers, users } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type PlatformInsights = {
  campaignsByFlag: { name: 'Flagged' | 'Not flagged'; campaigns: number }[];
  campaignsByVisibility: { name: 'Public' | 'Private'; campaigns: number }[];
  usersByRole: { name: string; users: number }[];
  collaborationsByStatus: { name: string; collaborations: number }[];
  /** Fans on Reachboard per influencer, most followed first (at most 15). */
  fansPerInfluencer: { name: string; fans: number }[];
};

const LABEL: Record<string, string> = { admin: 'Admins', brand: 'Brand users', influencer: 'Influencers', fan: 'Fans' };

/**
 * Platform-wide counts for the admin insights charts: campaigns flagged vs not, public vs private,
 * users by role, collaborations by status, and fans per influencer.
 * @throws ForbiddenError (not an admin).
 */
export async function getPlatformInsights({ ctx }: VerbArgs<void>): Promise<PlatformInsights> {
  requireUserRole(ctx, 'admin');
  const db = await reader(ctx);
  const [flags, visibility, roles, statuses, fans] = await Promise.all([
    db.select({ flagged: campaigns.flagged, n: count() }).from(campaigns).groupBy(campaigns.flagged),
    db.select({ visibility: campaigns.visibility, n: count() }).from(campaigns).groupBy(campaigns.visibility),
    db.select({ role: users.role, n: count() }).from(users).groupBy(users.role),
    db.select({ status: collaborations.status, n: count() }).from(collaborations).groupBy(collaborations.status),
    db
      .select({ name: influencers.displayName, n: count() })
      .from(follows)
      .innerJoin(influencers, eq(influencers.id, follows.influencerId))
      .groupBy(influencers.id, influencers.displayName)
      .orderBy(desc(count()), influencers.displayName)
      .limit(15),
  ]);
  const n = <T>(rows: (T & { n: number })[], pick: (r: T) => boolean) => rows.find(pick)?.n ?? 0;
  return {
    campaignsByFlag: [
      { name: 'Not flagged', campaigns: n(flags, (r) => !r.flagged) },
      { name: 'Flagged', campaigns: n(flags, (r) => r.flagged) },
    ],
    campaignsByVisibility: [
      { name: 'Public', campaigns: n(visibility, (r) => r.visibility === 'public') },
      { name: 'Private', campaigns: n(visibility, (r) => r.visibility === 'private') },
    ],
    usersByRole: (['brand', 'influencer', 'fan', 'admin'] as const).map((role) => ({
      name: LABEL[role],
      users: n(roles, (r) => r.role === role),
    })),
    collaborationsByStatus: (['active', 'completed', 'cancelled'] as const).map((s) => ({
      name: s[0].toUpperCase() + s.slice(1),
      collaborations: n(statuses, (r) => r.status === s),
    })),
    fansPerInfluencer: fans.map((f) => ({ name: f.name, fans: f.n })),
  };
}
