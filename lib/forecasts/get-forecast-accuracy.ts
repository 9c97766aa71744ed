import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import type { Platform } from '../connectors/types';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { forecastAccuracy } from '../metrics/forecast';
import { reader } from '../transaction';

type Accuracy = ReturnType<typeof forecastAccuracy>;

/** One stored forecast with its outcomes, as the accuracy page lists it. */
export type ForecastRow = {
  id: string;
  createdAt: Date;
  platform: Platform;
  influencerId: string;
  influencerName: string;
  campaignName: string | null;
  feeMinor: number | null;
  currency: string | null;
  views: { point: number | null; p10: number | null; p90: number | null; at7d: number | null; at30d: number | null };
  engagements: { point: number | null; p10: number | null; p90: number | null; at7d: number | null; at30d: number | null };
  outcome7dAt: Date | null;
  outcome30dAt: Date | null;
  completionProbability: number | null;
  modelVersion: string;
};

/**
 * How far the organization's forecasts can be trusted: per platform, the number of stored
 * forecasts and, against the 30-day outcomes recorded so far, the median absolute percentage error
 * and the p10–p90 coverage of views and engagements (lib/metrics `forecastAccuracy`); and every
 * forecast with its 7- and 30-day outcomes, newest first (the page shows them a page at a time).
 * Any member.
 * @throws NotFoundError (not a member).
 */
export async function getForecastAccuracy({ ctx, input }: VerbArgs<{ orgSlug: string }>): Promise<{
  perPlatform: { platform: Platform; forecasts: number; views: Accuracy; engagements: Accuracy }[];
  forecasts: ForecastRow[];
}> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const rows = rowsOf<{
    id: string;
    created_at: Date | string;
    platform: Platform;
    influencer_id: string;
    influencer_name: string;
    campaign_name: string | null;
    fee_minor: string | number | null;
    currency: string | null;
    views_point: number | null;
    views_p10: number | null;
    views_p90: number | null;
    engagements_point: number | null;
    engagements_p10: number | null;
    engagements_p90: number | null;
    views_7d: string | number | null;
    engagements_7d: string | number | null;
    views_30d: string | number | null;
    engagements_30d: string | number | null;
    outcome_7d_at: Date | string | null;
    outcome_30d_at: Date | string | null;
    completion_probability: number | null;
    model_version: string;
  }>(
    await db.execute(sql`
      select f.id, f.created_at, f.platform::text as platform, f.influencer_id,
        coalesce(oi.display_name, i.display_name) as influencer_name, c.name as campaign_name,
        f.fee_minor, f.currency, f.views_point, f.views_p10, f.views_p90, f.engagements_point, f.engagements_p10, f.engagements_p90,
        f.views_7d, f.engagements_7d, f.views_30d, f.engagements_30d, f.outcome_7d_at, f.outcome_30d_at,
        f.completion_probability, f.model_version
      from forecasts f
      join influencers i on i.id = f.influencer_id
      left join org_influencers oi on oi.org_id = f.org_id and oi.influencer_id = f.influencer_id
      left join offers o on o.id = f.offer_id
      left join campaigns c on c.id = o.campaign_id
      where f.org_id = ${org.id}::uuid
      order by f.created_at desc, f.id`),
  );
  const n = (v: string | number | null) => (v === null ? null : Number(v));
  // postgres.js already gives Dates (PGlite too); a string only from a driver that does not.
  const d = (v: Date | string | null) => (v === null || v instanceof Date ? v : new Date(v));
  const all: ForecastRow[] = rows.map((r) => ({
    id: r.id,
    createdAt: d(r.created_at)!,
    platform: r.platform,
    influencerId: r.influencer_id,
    influencerName: r.influencer_name,
    campaignName: r.campaign_name,
    feeMinor: n(r.fee_minor),
    currency: r.currency,
    views: { point: r.views_point, p10: r.views_p10, p90: r.views_p90, at7d: n(r.views_7d), at30d: n(r.views_30d) },
    engagements: {
      point: r.engagements_point,
      p10: r.engagements_p10,
      p90: r.engagements_p90,
      at7d: n(r.engagements_7d),
      at30d: n(r.engagements_30d),
    },
    outcome7dAt: d(r.outcome_7d_at),
    outcome30dAt: d(r.outcome_30d_at),
    completionProbability: r.completion_probability,
    modelVersion: r.model_version,
  }));
  const scored = (rs: ForecastRow[], key: 'views' | 'engagements') =>
    forecastAccuracy(
      rs
        .filter((r) => r[key].point !== null && r.outcome30dAt !== null)
        .map((r) => ({ point: r[key].point!, p10: r[key].p10!, p90: r[key].p90!, actual: r[key].at30d })),
    );
  const platforms = [...new Set(all.map((r) => r.platform))].sort();
  return {
    perPlatform: platforms.map((platform) => {
      const rs = all.filter((r) => r.platform === platform);
      return { platform, forecasts: rs.length, views: scored(rs, 'views'), engagements: scored(rs, 'engagements') };
    }),
    forecasts: all,
  };
}
