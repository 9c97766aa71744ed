import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '@/db/sql';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { cpe, cpm } from '../metrics/cost';
import type { Metric } from '../metrics/metric';
import { tierThresholdsOf } from '../metrics/tier';
import { reader } from '../transaction';
import { parseInput } from '../validation';
import { rosterQuerySchema, rosterSql, toRosterRow, type RosterRow } from './list-roster';
import { num } from './shared';

const compareInputSchema = z.object({
  ids: z
    .array(z.guid('is not an influencer id'))
    .min(1, 'choose at least one influencer')
    .max(4, 'compare at most 4 influencers at once')
    .transform((ids) => [...new Set(ids)]),
});

type ComparedInfluencer = RosterRow & {
  medianEngagements: number | null;
  /** The fee cost efficiency is computed from, and where it comes from. */
  fee: { minor: number; currency: string; source: 'agreed' | 'rate card' } | null;
  /** Fee ÷ median views × 1,000 and fee ÷ median engagements per post (lib/metrics cpm, cpe). */
  costPerThousandViews: Metric;
  costPerEngagement: Metric;
};

export type Comparison = {
  access: OrgAccess;
  influencers: ComparedInfluencer[];
  /** Followers per day, one column per influencer name (Σ over their accounts captured that day). */
  followerTrend: Record<string, string | number | null>[];
  /** Median views per week of posts dated that week, one column per influencer name. */
  viewsTrend: Record<string, string | number | null>[];
};

/**
 * Side-by-side figures of 2 to 4 roster influencers (one is accepted, for picking the others):
 * the roster figures plus cost efficiency when a fee is known — the mean agreed fee of their
 * collaborations with this organization, else their rate card — as cost per 1,000 median views
 * and per median engagements; and overlaid follower and weekly median-views trends.
 * @throws NotFoundError (not a member, or an influencer not on the roster); ValidationError.
 */
export async function compareInfluencers({ ctx, input }: VerbArgs<{ orgSlug: string; ids: string[] }>): Promise<Comparison> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const { ids } = parseInput(compareInputSchema, { ids: input.ids });
  const orgId = access.org.id;
  const thresholds = tierThresholdsOf(access.org);
  const [rows, extra, followers, views] = await Promise.all([
    db.execute(rosterSql(orgId, rosterQuerySchema.parse({}), thresholds, null, ids)).then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`
      select i.id, i.rate_minor, i.rate_currency,
        (select avg(co.agreed_fee_minor) from collaborations co join campaigns ca on ca.id = co.campaign_id
          where co.influencer_id = i.id and ca.org_id = ${orgId}::uuid and co.currency = coalesce(i.rate_currency, co.currency)) as agreed_fee,
        (select min(co.currency) from collaborations co join campaigns ca on ca.id = co.campaign_id
          where co.influencer_id = i.id and ca.org_id = ${orgId}::uuid) as agreed_currency,
        (select percentile_cont(0.5) within group (order by am.median_engagements) from account_metrics am
          where am.influencer_id = i.id and am.owner_org_id = ${orgId}::uuid) as median_engagements
      from influencers i where i.id = any(${pgArray(ids)}::uuid[])`,
      )
      .then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`
      select sa.influencer_id, d.day::text as day, sum(d.followers) as followers
      from social_accounts sa join account_daily_metrics d on d.social_account_id = sa.id and d.owner_org_id = ${orgId}::uuid
      where sa.influencer_id = any(${pgArray(ids)}::uuid[]) and d.followers is not null
      group by 1, 2 order by 2`,
      )
      .then(rowsOf<{ influencer_id: string; day: string; followers: string }>),
    db
      .execute(
        sql`
      select sa.influencer_id, (date_trunc('week', pm.post_date at time zone 'UTC'))::date::text as week,
        percentile_cont(0.5) within group (order by pm.views) as views
      from social_accounts sa join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
      where sa.influencer_id = any(${pgArray(ids)}::uuid[])
      group by 1, 2 order by 2`,
      )
      .then(rowsOf<{ influencer_id: string; week: string; views: number | null }>),
  ]);
  if (rows.length !== ids.length) throw new NotFoundError('Influencer');
  const byId = new Map(rows.map((r) => [String(r.influencer_id), toRosterRow(r, thresholds)]));
  const extraById = new Map(extra.map((e) => [String(e.id), e]));
  const influencers: ComparedInfluencer[] = ids.map((id) => {
    const row = byId.get(id)!;
    const e = extraById.get(id)!;
    const agreed = num(e.agreed_fee as string | null);
    const fee =
      agreed !== null && e.agreed_currency
        ? { minor: Math.round(agreed), currency: String(e.agreed_currency), source: 'agreed' as const }
        : e.rate_minor !== null && e.rate_currency
          ? { minor: Number(e.rate_minor), currency: String(e.rate_currency), source: 'rate card' as const }
          : null;
    const medianEngagements = num(e.median_engagements as number | null);
    return {
      ...row,
      medianEngagements,
      fee,
      costPerThousandViews: cpm(fee?.minor ?? null, row.medianViews),
      costPerEngagement: cpe(fee?.minor ?? null, medianEngagements),
    };
  });
  // Names label the chart series; two influencers with one name get a suffix.
  const label = new Map(
    influencers.map((i, n) => [i.influencerId, influencers.findIndex((o) => o.name === i.name) === n ? i.name : `${i.name} (${n + 1})`]),
  );
  const pivot = <T extends { influencer_id: string }>(
    items: T[],
    key: (t: T) => string,
    value: (t: T) => number | null,
    indexName: string,
  ) => {
    const out = new Map<string, Record<string, string | number | null>>();
    for (const t of items) {
      const k = key(t);
      if (!out.has(k)) out.set(k, { [indexName]: k, ...Object.fromEntries([...label.values()].map((l) => [l, null])) });
      out.get(k)![label.get(t.influencer_id)!] = value(t);
    }
    return [...out.values()];
  };
  return {
    access,
    influencers,
    followerTrend: pivot(
      followers,
      (f) => f.day,
      (f) => num(f.followers),
      'day',
    ),
    viewsTrend: pivot(
      views,
      (v) => v.week,
      (v) => num(v.views),
      'week',
    ),
  };
}
