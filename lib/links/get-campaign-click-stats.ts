import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';

/** Days shown in the clicks-by-day chart, ending today (UTC). */
const DAYS = 30;

export type CampaignClickStats = {
  /** Clicks written so far (clicks reach the database within about a second of the visit). */
  clicks: number;
  uniqueClicks: number;
  botClicks: number;
  /** The last {@link DAYS} UTC days, oldest first; a day without clicks counts 0 (every visit is recorded). */
  byDay: { day: string; clicks: number; uniqueClicks: number }[];
  at: string;
};

/**
 * A campaign's link clicks now: totals (people; unique per visitor-hour; bots apart) and per UTC day
 * over the last 30 days, for the live counter and chart of the links page (polled every 2 s).
 * Any member may read.
 * @throws NotFoundError (not a member; another organization's campaign).
 */
export async function getCampaignClickStats({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<CampaignClickStats> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const clicks = sql`from link_clicks k join tracking_links l on l.id = k.tracking_link_id
    where l.org_id = ${org.id}::uuid and l.campaign_id = ${input.campaignId}::uuid and k.org_id = ${org.id}::uuid`;
  const unique = sql`count(distinct k.visitor_hash || to_char(date_trunc('hour', k.clicked_at at time zone 'UTC'), 'YYYYMMDDHH24')) filter (where not k.is_bot)::int`;
  const [[totals], days] = await Promise.all([
    db
      .execute(
        sql`select (count(*) filter (where not k.is_bot))::int as clicks, ${unique} as unique_clicks, (count(*) filter (where k.is_bot))::int as bots ${clicks}`,
      )
      .then(rowsOf<{ clicks: number; unique_clicks: number; bots: number }>),
    db
      .execute(
        sql`select d::date::text as day, coalesce(c.clicks, 0)::int as clicks, coalesce(c.unique_clicks, 0)::int as unique_clicks
          from generate_series((now() at time zone 'UTC')::date - ${DAYS - 1}::int, (now() at time zone 'UTC')::date, interval '1 day') d
          left join (select (k.clicked_at at time zone 'UTC')::date as day, (count(*) filter (where not k.is_bot))::int as clicks, ${unique} as unique_clicks
            ${clicks} and k.clicked_at >= now() - interval '${sql.raw(String(DAYS + 1))} days' group by 1) c on c.day = d::date
          order by d`,
      )
      .then(rowsOf<{ day: string; clicks: number; unique_clicks: number }>),
  ]);
  return {
    clicks: totals?.clicks ?? 0,
    uniqueClicks: totals?.unique_clicks ?? 0,
    botClicks: totals?.bots ?? 0,
    byDay: days.map((d) => ({ day: d.day, clicks: Number(d.clicks), uniqueClicks: Number(d.unique_clicks) })),
    at: new Date().toISOString(),
  };
}
