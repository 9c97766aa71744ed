import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db, Tx } from '@/db/connect';
import { forecasts, type Organization } from '@/db/schema';
import { pgArray, rowsOf } from '@/db/sql';
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
 * Priors read recently, across requests: the same organization, platform and tier bounds, while
 * the organization's newest post is the same one (a new import or snapshot brings a newer post
 * and so a new key), for at most {@link PRIOR_TTL_MS}. Each instance keeps its own; a cache, never
 * the only copy of anything.
 */
const PRIOR_TTL_MS = 10 * 60_000;
const priorCache = new LRUCache<string, Promise<PriorRow[]>>({ max: 500, ttl: PRIOR_TTL_MS });

/**
 * The organization's latest posts on a platform in a tier (every tier when `tier` is null), with
 * their creators: read once per request and platform × tier (`priors`), and reused across
 * requests while `version` (the organization's newest post date) holds, for at most
 * {@link PRIOR_TTL_MS}. A creator's own posts are left out by the caller, so a prior holds up to
 * PRIOR_POSTS + that creator's posts.
 */
function priorOf(
  db: Db | Tx,
  orgId: string,
  platform: Platform,
  tier: Tier | null,
  lo: number | null,
  hi: number | null,
  priors: Map<string, Promise<PriorRow[]>>,
  version: string,
): Promise<PriorRow[]> {
  const key = `${platform}|${tier ?? 'any'}`;
  const cached = priors.get(key);
  if (cached) return cached;
  const shared = `${orgId}|${platform}|${lo ?? ''}|${hi ?? ''}|${version}`;
  const recent = priorCache.get(shared);
  if (recent) {
    priors.set(key, recent);
    return recent;
  }
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
  priorCache.set(shared, read);
  // A failed read is not kept.
  read.catch(() => priorCache.delete(shared));
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

/** A deliverable to forecast: a creator on a platform at a fee (minor units; null: not known yet). */
type ForecastRequest = { influencerId: string; platform: Platform; feeMinor: number | null };

const key = (influencerId: string, platform: Platform) => `${influencerId}|${platform}`;

/**
 * The forecasts of several planned deliverables at once (see {@link forecastFor}), reading each
 * input once for all of them: the creators' follower counts, their own latest posts, the
 * deliverable record, and each platform × tier prior. Map keys are `influencerId|platform`.
 * Reads only the organization's own and public rows. No authorization: callers check access.
 */
async function forecastMany(
  db: Db | Tx,
  org: Organization,
  requests: ForecastRequest[],
  priors: Map<string, Promise<PriorRow[]>> = new Map(),
): Promise<Map<string, DeliverableForecast>> {
  const out = new Map<string, DeliverableForecast>();
  if (requests.length === 0) return out;
  const thresholds = metricSettingsOf(org).tierThresholds;
  const pairs = sql`unnest(${pgArray(requests.map((r) => r.influencerId))}::uuid[], ${pgArray(requests.map((r) => r.platform))}::text[]) as r(influencer_id, platform)`;
  const ids = pgArray([...new Set(requests.map((r) => r.influencerId))]);
  const [followers, own, orgCompletion, creatorCompletion, newest] = await Promise.all([
    db
      .execute(
        sql`
        select sa.influencer_id, sa.platform::text as platform, max(am.followers)::float8 as followers from account_metrics am
        join social_accounts sa on sa.id = am.social_account_id
        where (sa.influencer_id, sa.platform::text) in (select influencer_id, platform from ${pairs})
          and (am.owner_org_id = ${org.id}::uuid or am.owner_org_id is null)
        group by 1, 2`,
      )
      .then(rowsOf<{ influencer_id: string; platform: Platform; followers: number | null }>),
    db
      .execute(
        // Each creator's latest posts on the platform, the organization's values where it has them.
        sql`
        select influencer_id, platform, views, engagements from (
          select p.*, row_number() over (partition by p.influencer_id, p.platform order by p.post_date desc) as n from (
            select distinct on (pm.post_id) sa.influencer_id, sa.platform::text as platform, pm.post_id, pm.views::float8 as views,
              pm.engagements::float8 as engagements, pm.post_date
            from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
            where (sa.influencer_id, sa.platform::text) in (select influencer_id, platform from ${pairs})
              and (pm.owner_org_id = ${org.id}::uuid or pm.owner_org_id is null)
            order by pm.post_id, (pm.owner_org_id is null)) p) q
        where n <= ${OWN_POSTS} order by influencer_id, platform, n`,
      )
      .then(rowsOf<{ influencer_id: string; platform: Platform; views: number | null; engagements: number | null }>),
    db
      .execute(
        sql`
        select (count(*) filter (where d.status = 'approved'))::int as completed,
          (count(*) filter (where d.status = 'approved' or d.due_on < current_date))::int as due
        from deliverables d join collaborations c on c.id = d.collaboration_id join campaigns ca on ca.id = c.campaign_id
        where ca.org_id = ${org.id}::uuid and c.status <> 'cancelled'`,
      )
      .then(rowsOf<{ completed: number; due: number }>),
    db
      .execute(
        sql`
        select c.influencer_id, (count(*) filter (where d.status = 'approved'))::int as completed,
          (count(*) filter (where d.status = 'approved' or d.due_on < current_date))::int as due
        from deliverables d join collaborations c on c.id = d.collaboration_id join campaigns ca on ca.id = c.campaign_id
        where ca.org_id = ${org.id}::uuid and c.status <> 'cancelled' and c.influencer_id = any(${ids}::uuid[])
        group by c.influencer_id`,
      )
      .then(rowsOf<{ influencer_id: string; completed: number; due: number }>),
    db
      .execute(sql`select max(post_date)::text as at from post_metrics where owner_org_id = ${org.id}::uuid`)
      .then(rowsOf<{ at: string | null }>),
  ]);
  const version = newest[0]?.at ?? 'none';
  const followersOf = new Map(followers.map((f) => [key(f.influencer_id, f.platform), f.followers]));
  const ownOf = new Map<string, { views: number | null; engagements: number | null }[]>();
  for (const r of own) {
    const k = key(r.influencer_id, r.platform);
    ownOf.set(k, [...(ownOf.get(k) ?? []), r]);
  }
  const completionOf = new Map(creatorCompletion.map((c) => [c.influencer_id, { completed: c.completed, due: c.due }]));
  const orgCounts = { completed: orgCompletion[0]?.completed ?? 0, due: orgCompletion[0]?.due ?? 0 };
  const order: Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega'];
  await Promise.all(
    requests.map(async ({ influencerId, platform, feeMinor }) => {
      const k = key(influencerId, platform);
      const tier = tierOf(followersOf.get(k) ?? null, thresholds);
      const lo = tier ? thresholds[tier] : null;
      const next = tier ? order[order.indexOf(tier) + 1] : undefined;
      const hi = next ? thresholds[next] : null;
      const prior = (await priorOf(db, org.id, platform, tier, lo, hi, priors, version))
        .filter((r) => r.influencer_id !== influencerId)
        .slice(0, PRIOR_POSTS);
      const mine = ownOf.get(k) ?? [];
      const f = forecastDeliverable({
        views: { own: mine.map((r) => r.views), prior: prior.map((r) => r.views) },
        engagements: { own: mine.map((r) => r.engagements), prior: prior.map((r) => r.engagements) },
        feeMinor,
      });
      const creator = completionOf.get(influencerId) ?? { completed: 0, due: 0 };
      out.set(k, {
        platform,
        tier,
        views: shown(f.views),
        engagements: shown(f.engagements),
        cpmMinor: f.cpmMinor,
        cpeMinor: f.cpeMinor,
        completionProbability: completionProbability(creator, orgCounts),
        completion: { creator, org: orgCounts },
      });
    }),
  );
  return out;
}

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
  const all = await forecastMany(db, org, [{ influencerId, platform, feeMinor }], priors);
  return all.get(key(influencerId, platform))!;
}

/** A creator's forecast for a campaign: on their main platform, at their rate card or the campaign's budget per creator. */
export type CampaignForecast = DeliverableForecast & {
  feeMinor: number | null;
  /** Where the fee comes from: the creator's rate card (in the campaign's currency), else the budget ÷ creators planned. */
  feeBasis: 'rate card' | 'budget per creator' | null;
};

/**
 * Forecasts of one deliverable per creator for a campaign (discovery's page, the shortlist, the
 * recommendations): on the creator's main platform — that of their account with the most followers
 * known to the organization or public, else their first account's — at their rate card when it is
 * in the campaign's currency, else the campaign's budget ÷ its planned creators (null without
 * either). At most 100 creators. Creators without an account have none. No authorization: callers
 * check access to the campaign.
 * @returns forecasts by influencer id.
 */
export async function campaignForecasts(
  db: Db | Tx,
  org: Organization,
  campaign: { currency: string; budgetMinor: number | null; maxInfluencers: number | null },
  influencerIds: string[],
  priors: Map<string, Promise<PriorRow[]>> = new Map(),
): Promise<Map<string, CampaignForecast>> {
  const ids = [...new Set(influencerIds)].slice(0, 100);
  if (ids.length === 0) return new Map();
  const main = rowsOf<{ influencer_id: string; platform: Platform; rate_minor: string | null; rate_currency: string | null }>(
    await db.execute(sql`
      select distinct on (i.id) i.id as influencer_id, sa.platform::text as platform, i.rate_minor, i.rate_currency
      from influencers i join social_accounts sa on sa.influencer_id = i.id
      left join account_metrics am on am.social_account_id = sa.id and (am.owner_org_id = ${org.id}::uuid or am.owner_org_id is null)
      where i.id = any(${pgArray(ids)}::uuid[])
      order by i.id, am.followers desc nulls last, sa.platform, sa.id`),
  );
  const budgetShare = campaign.budgetMinor !== null ? Math.floor(campaign.budgetMinor / Math.max(campaign.maxInfluencers ?? 1, 1)) : null;
  const planned = main.map((m) => {
    const rate = m.rate_currency === campaign.currency && m.rate_minor !== null ? Number(m.rate_minor) : null;
    return {
      influencerId: m.influencer_id,
      platform: m.platform,
      feeMinor: rate ?? budgetShare,
      feeBasis: rate !== null ? ('rate card' as const) : budgetShare !== null ? ('budget per creator' as const) : null,
    };
  });
  const forecasts = await forecastMany(db, org, planned, priors);
  return new Map(
    planned.map((p) => [
      p.influencerId,
      { ...forecasts.get(key(p.influencerId, p.platform))!, feeMinor: p.feeMinor, feeBasis: p.feeBasis },
    ]),
  );
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
