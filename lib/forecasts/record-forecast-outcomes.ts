import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';

/** Days after publishing at which a forecast's outcome is recorded. */
export const OUTCOME_HORIZONS = [7, 30] as const;

/**
 * Records the outcomes of stored forecasts whose deliverable has a post: for each horizon N (7 and
 * 30 days), once the post has a snapshot captured at least N days after it was published (the
 * publish time, else its first capture), the views and engagements (likes + comments + shares +
 * saves over the known parts) of the latest snapshot within N days of publishing — the
 * organization's own snapshot where both exist at that time, else public API data. A horizon with
 * no snapshot inside it is recorded as unknown (null), not retried. Each horizon is recorded once:
 * re-running changes nothing. Background jobs only.
 * @returns how many outcomes were recorded per horizon.
 * @throws ForbiddenError for anyone but a system actor.
 */
export async function recordForecastOutcomes({
  ctx,
}: VerbArgs<Record<string, never>>): Promise<Record<`${(typeof OUTCOME_HORIZONS)[number]}d`, number>> {
  requireSystem(ctx);
  const recorded = { '7d': 0, '30d': 0 };
  for (const days of OUTCOME_HORIZONS) {
    const [views, engagements, at] = [`views_${days}d`, `engagements_${days}d`, `outcome_${days}d_at`].map((c) => sql.raw(c));
    const rows = await withTransaction(ctx, async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          with due as (
            select f.id, f.org_id, d.post_id,
              coalesce(p.published_at, (select min(s.captured_at) from post_snapshots s
                where s.post_id = d.post_id and (s.owner_org_id = f.org_id or s.owner_org_id is null))) as published
            from forecasts f
            join deliverables d on d.id = f.deliverable_id
            join posts p on p.id = d.post_id
            where f.${at} is null
          ),
          ready as (
            select due.* from due
            where due.published is not null and exists (
              select 1 from post_snapshots s
              where s.post_id = due.post_id and (s.owner_org_id = due.org_id or s.owner_org_id is null)
                and s.captured_at >= due.published + make_interval(days => ${days}))
          )
          update forecasts f set ${views} = v.views, ${engagements} = v.engagements, ${at} = now()
          from ready r
          left join lateral (
            select s.views,
              case when s.likes is null and s.comments is null and s.shares is null and s.saves is null then null
                else coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0) + coalesce(s.saves, 0) end as engagements
            from post_snapshots s
            where s.post_id = r.post_id and (s.owner_org_id = r.org_id or s.owner_org_id is null)
              and s.captured_at >= r.published and s.captured_at <= r.published + make_interval(days => ${days})
            order by s.captured_at desc, (s.owner_org_id is null)
            limit 1) v on true
          where f.id = r.id and f.${at} is null
          returning f.id`),
      ),
    );
    recorded[`${days}d`] = rows.length;
  }
  return recorded;
}
