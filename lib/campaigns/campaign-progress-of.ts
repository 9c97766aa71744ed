import { sql } from 'drizzle-orm';
import type { CampaignGoals } from '@/db/schema';
import { pgArray, rowsOf } from '@/db/sql';
import { num } from '../analytics/shared';
import { campaignProgress, type CampaignProgress } from '../metrics/campaign-progress';
import type { reader } from '../transaction';

const GOAL_COLUMNS = {
  impressions: 'impressions',
  views: 'views',
  engagements: 'engagements',
  clicks: 'clicks',
  conversions: 'conversions',
  revenueMinor: 'revenue',
} as const;

/**
 * Progress of several campaigns of one organization at once (lists and the brand home), computed
 * from the same inputs as the campaign report: confirmed linked posts' latest values owned by the
 * organization plus tracked conversions, revenue in the campaign currency, and deliverables of
 * collaborations not cancelled.
 * @returns progress by campaign id (campaigns of other organizations are ignored).
 */
export async function campaignProgressOf(
  db: Awaited<ReturnType<typeof reader>>,
  orgId: string,
  campaignIds: string[],
): Promise<Map<string, CampaignProgress>> {
  const out = new Map<string, CampaignProgress>();
  if (campaignIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.goals, c.task_progress_weight,
        p.impressions, p.views, p.engagements, p.clicks, p.conversions as post_conversions, p.revenue as post_revenue,
        t.conversions as tracked_conversions, t.revenue as tracked_revenue, d.total, d.approved
      from campaigns c
      left join lateral (
        select sum(pm.impressions) as impressions, sum(pm.views) as views, sum(pm.engagements) as engagements, sum(pm.clicks) as clicks,
          sum(pm.conversions) as conversions, sum(pm.revenue_minor) filter (where pm.revenue_currency = c.currency) as revenue
        from campaign_posts cp join post_metrics pm on pm.post_id = cp.post_id and pm.owner_org_id = c.org_id
        where cp.campaign_id = c.id and cp.status = 'confirmed') p on true
      left join lateral (
        select count(*)::int as conversions, sum(revenue_minor - refunded_minor) filter (where currency = c.currency) as revenue
        from conversions cv where cv.campaign_id = c.id and cv.org_id = c.org_id and cv.kind = 'sale' and cv.attribution_status = 'attributed') t on true
      left join lateral (
        select count(*)::int as total, (count(*) filter (where d.status = 'approved'))::int as approved
        from deliverables d join collaborations co on co.id = d.collaboration_id
        where co.campaign_id = c.id and co.status <> 'cancelled') d on true
      where c.org_id = ${orgId}::uuid and c.id = any(${pgArray(campaignIds)}::uuid[])`),
  );
  for (const r of rows) {
    const trackedConversions = Number(r.tracked_conversions ?? 0);
    const postConversions = num(r.post_conversions as string | null);
    const postRevenue = num(r.post_revenue as string | null);
    const trackedRevenue = num(r.tracked_revenue as string | null);
    const actual: Record<keyof typeof GOAL_COLUMNS, number | null> = {
      impressions: num(r.impressions as string | null),
      views: num(r.views as string | null),
      engagements: num(r.engagements as string | null),
      clicks: num(r.clicks as string | null),
      conversions: trackedConversions ? (postConversions ?? 0) + trackedConversions : postConversions,
      revenueMinor: postRevenue === null && trackedRevenue === null ? null : (postRevenue ?? 0) + (trackedRevenue ?? 0),
    };
    const goals = (typeof r.goals === 'string' ? JSON.parse(r.goals) : r.goals) as CampaignGoals;
    out.set(
      String(r.id),
      campaignProgress({
        taskWeight: Number(r.task_progress_weight),
        deliverables: { approved: Number(r.approved ?? 0), total: Number(r.total ?? 0) },
        goals: (Object.keys(GOAL_COLUMNS) as (keyof typeof GOAL_COLUMNS)[])
          .filter((k) => typeof goals[k] === 'number' && goals[k]! > 0)
          .map((k) => ({ key: k, target: goals[k]!, actual: actual[k] })),
      }),
    );
  }
  return out;
}
