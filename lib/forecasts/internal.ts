import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { forecasts, type Organization } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import type { Platform } from '../connectors/types';
import {
  completionProbability,
  forecastDeliverable,
  FORECAST_MODEL_VERSION,
  SHRINKAGE_K,
  type ForecastBasis,
  type IntervalForecast,
} from '../metrics/forecast';
import { metricSettingsOf } from '../metrics/settings';
import { tierOf, type Tier } from '../metrics/tier';

/** Most own posts and peer posts a forecast reads (the most recent). */
const OWN_POSTS = 50;
const PRIOR_POSTS = 2_000;

/** A peer post of a prior: its creator (left out of their own prior) and counts. */
type PriorRow = { influencer_id: string; views: number | null; engagements: number | null };

/**
 * The organization's latest posts on a platform in a tier (every tier when `tier` is null), with
 * their creators: read once per request and platform × tier (`priors`). A creator's own posts are
 * left out by the caller, so a prior holds up to PRIOR_POSTS + that creator's posts.
 */
function priorOf(
  db: Db | Tx,
  orgId: string,
  platform: Platform,
  tier: Tier | null,
  lo: number | null,
  hi: number | null,
  priors: Map<string, Promise<PriorRow[]>>,
): Promise<PriorRow[]> {
  const key = `${platform}|${tier ?? 'any'}`;
  const cached = priors.get(key);
  if (cached) return cached;
  const read = db
    .execute(
      sql`
      select sa.influencer_id, pm.views::float8 as views, pm.engagements::float8 as engagements from post_metrics pm
      join social_accounts sa on sa.id = pm.social_account_id
      left join account_metrics am on am.social_account_id = sa.id and am.owner_org_id = ${orgId}::uuid
      where pm.owner_org_id = ${orgId}::uuid and sa.platform = ${platform}
        ${lo === null ? sql`` : sql`and am.followers >= ${lo}`}
        ${hi === null ? sql`` : sql`and am.followers < ${hi}`}
      order by pm.post_date desc limit ${PRIOR_POSTS + OWN_POSTS}`,
    )
    .then(rowsOf<PriorRow>);
  priors.set(key, read);
  return read;
}

/** A count forecast as pages show it, or why there is none. */
export type CountForecast = (IntervalForecast & { ownPosts: number; priorPosts: number; weight: number }) | { reason: string };

/** A planned deliverable's forecast (creator × platform at a fee), as shown and as stored. */
export type DeliverableForecast = {
  platform: Platform;
  tier: Tier | null;
  views: CountForecast;
  engagements: CountForecast;
  /** Implied cost per thousand views and per engagement at the fee, minor units; null without fee or forecast. */
  cpmMinor: number | null;
  cpeMinor: number | null;
  completionProbability: number | null;
  /** Creator's and organization's due and completed deliverables behind the probability. */
  completion: { creator: { completed: number; due: number }; org: { completed: number; due: number } };
};

const shown = (f: (IntervalForecast & { basis: ForecastBasis }) | { reason: string }): CountForecast =>
  'reason' in f
    ? f
    : { point: f.point, p10: f.p10, p90: f.p90, ownPosts: f.basis.own?.n ?? 0, priorPosts: f.basis.prior?.n ?? 0, weight: f.basis.weight };

/**
 * The forecast of a deliverable by `influencerId` on `platform` for `org` at `feeMinor` (null: no
 * fee known yet), from:
 * - the creator's own posts on the platform (latest 50; the organization's values where it has
 *   them, else public API data), each at its latest capture;
 * - the prior: the organization's posts (latest 2,000) by other creators' accounts on the platform
 *   in the creator's tier (by the organization's tier thresholds; every tier when the creator's
 *   follower count is unknown) — taken from the latest 2,050 of the tier, so a creator with more
 *   than 50 of those leaves fewer; read once per `priors` map;
 * - completion: the organization's deliverables with this creator and with all creators.
 * Reads only the organization's own and public rows. No authorization: callers check access.
 */
export async function forecastFor(
  db: Db | Tx,
  org: Organization,
  influencerId: string,
  platform: Platform,
  feeMinor: number | null,
  /** Peer posts already read in this request, by platform and tier (several forecasts at once read each prior once). */
  priors: Map<string, Promise<PriorRow[]>> = new Map(),
): Promise<DeliverableForecast> {
  const thresholds = metricSettingsOf(org).tierThresholds;
  const [followersRow] = rowsOf<{ followers: number | null }>(
    await db.execute(sql`
      select max(am.followers)::float8 as followers from account_metrics am
      join social_accounts sa on sa.id = am.social_account_id
      where sa.influencer_id = ${influencerId}::uuid and sa.platform = ${platform}
        and (am.owner_org_id = ${org.id}::uuid or am.owner_org_id is null)`),
  );
  const tier = tierOf(followersRow?.followers ?? null, thresholds);
  const order: Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega'];
  const lo = tier ? thresholds[tier] : null;
  const next = tier ? order[order.indexOf(tier) + 1] : undefined;
  const hi = next ? thresholds[next] : null;
  const [own, prior, completion] = await Promise.all([
    db
      .execute(
        sql`
        select views::float8 as views, engagements::float8 as engagements from (
          select distinct on (pm.post_id) pm.post_id, pm.views, pm.engagements, pm.post_date from post_metrics pm
          join social_accounts sa on sa.id = pm.social_account_id
          where sa.influencer_id = ${influencerId}::uuid and sa.platform = ${platform}
            and (pm.owner_org_id = ${org.id}::uuid or pm.owner_org_id is null)
          order by pm.post_id, (pm.owner_org_id is null)) p
        order by post_date desc limit ${OWN_POSTS}`,
      )
      .then(rowsOf<{ views: number | null; engagements: number | null }>),
    priorOf(db, org.id, platform, tier, lo, hi, priors).then((rows) =>
      rows.filter((r) => r.influencer_id !== influencerId).slice(0, PRIOR_POSTS),
    ),
    db
      .execute(
        sql`
        select (count(*) filter (where d.status = 'approved'))::int as org_completed,
          (count(*) filter (where d.status = 'approved' or d.due_on < current_date))::int as org_due,
          (count(*) filter (where c.influencer_id = ${influencerId}::uuid and d.status = 'approved'))::int as creator_completed,
          (count(*) filter (where c.influencer_id = ${influencerId}::uuid and (d.status = 'approved' or d.due_on < current_date)))::int as creator_due
        from deliverables d join collaborations c on c.id = d.collaboration_id join campaigns ca on ca.id = c.campaign_id
        where ca.org_id = ${org.id}::uuid and c.status <> 'cancelled'`,
      )
      .then(rowsOf<{ org_completed: number; org_due: number; creator_completed: number; creator_due: number }>),
  ]);
  const f = forecastDeliverable({
    views: { own: own.map((r) => r.views), prior: prior.map((r) => r.views) },
    engagements: { own: own.map((r) => r.engagements), prior: prior.map((r) => r.engagements) },
    feeMinor,
  });
  const c = completion[0];
  const creator = { completed: c.creator_completed, due: c.creator_due };
  const orgCounts = { completed: c.org_completed, due: c.org_due };
  return {
    platform,
    tier,
    views: shown(f.views),
    engagements: shown(f.engagements),
    cpmMinor: f.cpmMinor,
    cpeMinor: f.cpeMinor,
    completionProbability: completionProbability(creator, orgCounts),
    completion: { creator, org: orgCounts },
  };
}

/**
 * Stores a forecast (model version, inputs, point and interval) for later comparison with its
 * outcome. Runs in the caller's transaction.
 */
async function storeForecast(
  tx: Tx,
  row: { orgId: string; influencerId: string; offerId?: string; offerDeliverableIndex?: number; deliverableId?: string; currency: string },
  f: DeliverableForecast,
  feeMinor: number | null,
): Promise<string> {
  const v = 'reason' in f.views ? null : f.views;
  const e = 'reason' in f.engagements ? null : f.engagements;
  const [stored] = await tx
    .insert(forecasts)
    .values({
      ...row,
      platform: f.platform,
      feeMinor,
      modelVersion: FORECAST_MODEL_VERSION,
      inputs: { k: SHRINKAGE_K, tier: f.tier, views: f.views, engagements: f.engagements, completion: f.completion },
      viewsPoint: v?.point ?? null,
      viewsP10: v?.p10 ?? null,
      viewsP90: v?.p90 ?? null,
      engagementsPoint: e?.point ?? null,
      engagementsP10: e?.p10 ?? null,
      engagementsP90: e?.p90 ?? null,
      completionProbability: f.completionProbability,
    })
    .returning({ id: forecasts.id });
  return stored.id;
}

/**
 * Stores one forecast per requested deliverable of an offer round, each at an equal share of the
 * fee (fee ÷ deliverables, minor units). Runs in the caller's transaction.
 */
export async function storeOfferForecasts(
  tx: Tx,
  offer: { org: Organization; offerId: string; influencerId: string; currency: string; feeMinor: number },
  requested: { platform: Platform }[],
): Promise<void> {
  if (requested.length === 0) return;
  const share = Math.round(offer.feeMinor / requested.length);
  const byPlatform = new Map<Platform, DeliverableForecast>();
  const priors = new Map<string, Promise<PriorRow[]>>();
  for (const [i, d] of requested.entries()) {
    const f = byPlatform.get(d.platform) ?? (await forecastFor(tx, offer.org, offer.influencerId, d.platform, share, priors));
    byPlatform.set(d.platform, f);
    await storeForecast(
      tx,
      { orgId: offer.org.id, influencerId: offer.influencerId, offerId: offer.offerId, offerDeliverableIndex: i, currency: offer.currency },
      f,
      share,
    );
  }
}

/**
 * Links the deliverables an accepted offer created to the offer's stored forecasts, in order of
 * platform (the first unlinked forecast of the same platform); a deliverable no forecast matches
 * (a counter-offer changed the list) gets a forecast made now at its share of the agreed fee.
 */
export async function linkOfferForecasts(
  tx: Tx,
  offer: { org: Organization; offerId: string; influencerId: string; currency: string; feeMinor: number },
  created: { id: string; platform: Platform }[],
): Promise<void> {
  if (created.length === 0) return;
  const stored = rowsOf<{ id: string; platform: Platform }>(
    await tx.execute(sql`select id, platform::text as platform from forecasts
      where offer_id = ${offer.offerId}::uuid and deliverable_id is null order by offer_deliverable_index, created_at for update`),
  );
  const share = Math.round(offer.feeMinor / created.length);
  for (const d of created) {
    const i = stored.findIndex((s) => s.platform === d.platform);
    if (i >= 0) {
      await tx.execute(sql`update forecasts set deliverable_id = ${d.id}::uuid where id = ${stored[i].id}::uuid`);
      stored.splice(i, 1);
    } else {
      const f = await forecastFor(tx, offer.org, offer.influencerId, d.platform, share);
      await storeForecast(
        tx,
        { orgId: offer.org.id, influencerId: offer.influencerId, offerId: offer.offerId, deliverableId: d.id, currency: offer.currency },
        f,
        share,
      );
    }
  }
}
