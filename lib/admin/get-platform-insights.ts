import { count, desc, eq, sql } from 'drizzle-orm';
import { campaigns, collaborations, follows, influencers, users } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { rowsOf } from '@/db/sql';
import { reader } from '../transaction';

export type PlatformInsights = {
  campaignsByFlag: { name: 'Flagged' | 'Not flagged'; campaigns: number }[];
  campaignsByVisibility: { name: 'Public' | 'Private'; campaigns: number }[];
  usersByRole: { name: string; users: number }[];
  collaborationsByStatus: { name: string; collaborations: number }[];
  /** Fans on Reachboard per influencer, most followed first (at most 15). */
  fansPerInfluencer: { name: string; fans: number }[];
  /**
   * The last {@link INSIGHT_WEEKS} weeks (ISO weeks, Monday 00:00 UTC; the current one so far):
   * sign-ups, campaigns created and collaborations started. A week without any is a measured 0.
   */
  weekly: { week: string; signUps: number; campaigns: number; collaborations: number }[];
};

/** Weeks the insights' time series covers. */
const INSIGHT_WEEKS = 12;

const LABEL: Record<string, string> = { admin: 'Admins', brand: 'Brand users', influencer: 'Influencers', fan: 'Fans' };

/**
 * Platform-wide counts for the admin insights charts: campaigns flagged vs not, public vs private,
 * users by role, collaborations by status, fans per influencer, and week by week sign-ups,
 * campaigns and collaborations.
 * @throws ForbiddenError (not an admin).
 */
export async function getPlatformInsights({ ctx }: VerbArgs<void>): Promise<PlatformInsights> {
  requireUserRole(ctx, 'admin');
  const db = await reader(ctx);
  const [flags, visibility, roles, statuses, fans, weekly] = await Promise.all([
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
    db.execute(sql`
      with weeks as (
        select generate_series(date_trunc('week', now() at time zone 'UTC') - ${INSIGHT_WEEKS - 1} * interval '1 week',
                               date_trunc('week', now() at time zone 'UTC'), interval '1 week') as week
      )
      select to_char(w.week, 'YYYY-MM-DD') as week,
        (select count(*)::int from ${users} u where u.created_at at time zone 'UTC' >= w.week and u.created_at at time zone 'UTC' < w.week + interval '1 week') as sign_ups,
        (select count(*)::int from ${campaigns} c where c.created_at at time zone 'UTC' >= w.week and c.created_at at time zone 'UTC' < w.week + interval '1 week') as campaigns,
        (select count(*)::int from ${collaborations} k where k.created_at at time zone 'UTC' >= w.week and k.created_at at time zone 'UTC' < w.week + interval '1 week') as collaborations
      from weeks w order by w.week`),
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
    weekly: rowsOf<{ week: string; sign_ups: number; campaigns: number; collaborations: number }>(weekly).map((w) => ({
      week: w.week,
      signUps: Number(w.sign_ups),
      campaigns: Number(w.campaigns),
      collaborations: Number(w.collaborations),
    })),
  };
}
