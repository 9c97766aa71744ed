import { campaigns, campaignShortlist, influencers, offers, orgInfluencers } from '@/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { campaignForecasts, type CampaignForecast } from '../forecasts/internal';
import { reader } from '../transaction';
import { isUuid } from '../validation';

/** A shortlisted influencer with their latest offer on the campaign. */
export type ShortlistRow = {
  influencerId: string;
  displayName: string;
  category: string | null;
  hasAccount: boolean;
  /** The creator proved control of one of the profile's accounts. */
  verified: boolean;
  offerId: string | null;
  offerStatus: string | null;
  addedAt: Date;
  /** Forecast of one deliverable for the campaign (lib/forecasts campaignForecasts); null without an account to forecast from. */
  forecast: CampaignForecast | null;
};

/**
 * A campaign's shortlist with each influencer's latest offer on the campaign and a forecast of one
 * deliverable at their rate card or the campaign's budget per creator (lib/forecasts
 * campaignForecasts). Any member. @throws NotFoundError
 */
export async function listShortlist({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<ShortlistRow[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const latestOffer = (col: 'id' | 'status') =>
    sql<
      string | null
    >`(select o.${sql.raw(col === 'id' ? 'id' : 'status::text')} from ${offers} o where o.campaign_id = ${campaignShortlist.campaignId} and o.influencer_id = ${influencers.id} order by o.created_at desc limit 1)`;
  const rows = await db
    .select({
      influencerId: influencers.id,
      displayName: sql<string>`coalesce(${orgInfluencers.displayName}, ${influencers.displayName})`,
      category: sql<string | null>`coalesce(${orgInfluencers.category}, ${influencers.category})`,
      hasAccount: sql<boolean>`${influencers.userId} is not null`,
      verified: sql<boolean>`${influencers.verifiedAt} is not null`,
      offerId: latestOffer('id'),
      offerStatus: latestOffer('status'),
      addedAt: campaignShortlist.addedAt,
    })
    .from(campaignShortlist)
    .innerJoin(campaigns, eq(campaigns.id, campaignShortlist.campaignId))
    .innerJoin(influencers, eq(influencers.id, campaignShortlist.influencerId))
    .leftJoin(orgInfluencers, and(eq(orgInfluencers.orgId, org.id), eq(orgInfluencers.influencerId, influencers.id)))
    .where(and(eq(campaigns.orgId, org.id), eq(campaigns.id, input.campaignId)))
    .orderBy(asc(campaignShortlist.addedAt));
  if (rows.length === 0) return [];
  const [campaign] = await db
    .select({ currency: campaigns.currency, budgetMinor: campaigns.budgetMinor, maxInfluencers: campaigns.maxInfluencers })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, org.id), eq(campaigns.id, input.campaignId)));
  const forecasts = await campaignForecasts(
    db,
    org,
    campaign,
    rows.map((r) => r.influencerId),
  );
  return rows.map((r) => ({ ...r, forecast: forecasts.get(r.influencerId) ?? null }));
}
