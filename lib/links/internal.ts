import { randomInt } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { TrackingLink } from '@/db/schema';

/** Characters of a link key: letters and digits, none that read alike (0/O, 1/l/I). */
const KEY_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 57^8 ≈ 1.1 × 10^14 keys: guessing an active one is impractical, and a collision is retried. */
const KEY_LENGTH = 8;

/** A fresh random link key (cryptographically random). */
export function newLinkKey(): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** A key as typed in a URL: letters and digits only, 4–32 characters. */
export const LINK_KEY_PATTERN = /^[A-Za-z0-9]{4,32}$/;

/** UTM values of a link or template. */
export type UtmFields = { utmSource: string | null; utmMedium: string | null; utmCampaign: string | null; utmContent: string | null };

/** The template every organization has without defining one (docs/attribution.md). */
export const STANDARD_UTM_TEMPLATE: UtmFields = {
  utmSource: '{platform}',
  utmMedium: 'influencer',
  utmCampaign: '{campaign}',
  utmContent: '{influencer}',
};

/** A value for a UTM parameter: lower case, spaces and punctuation as `-`, at most 100 characters. */
function utmValue(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'unnamed'
  );
}

/** Fills `{platform}`, `{campaign}` and `{influencer}` in each field of `template`. */
export function fillUtmTemplate(template: UtmFields, vars: { platform: string; campaign: string; influencer: string }): UtmFields {
  const fill = (v: string | null) =>
    v === null
      ? null
      : v.replace(/\{(platform|campaign|influencer)\}/g, (_, name: keyof typeof vars) => utmValue(vars[name])).slice(0, 200) || null;
  return {
    utmSource: fill(template.utmSource),
    utmMedium: fill(template.utmMedium),
    utmCampaign: fill(template.utmCampaign),
    utmContent: fill(template.utmContent),
  };
}

/**
 * Where a visit of `link` goes: its destination with the link's UTM parameters (replacing any of
 * the same name) and the click id under `clickParam`.
 */
export function destinationOf(link: Pick<TrackingLink, 'destinationUrl'> & UtmFields, clickId: string, clickParam: string): string {
  const url = new URL(link.destinationUrl);
  const set = (name: string, value: string | null) => value && url.searchParams.set(name, value);
  set('utm_source', link.utmSource);
  set('utm_medium', link.utmMedium);
  set('utm_campaign', link.utmCampaign);
  set('utm_content', link.utmContent);
  url.searchParams.set(clickParam, clickId);
  return url.toString();
}

/** Where a link stands for visitors. */
export type LinkState = 'active' | 'disabled' | 'expired';

/** `active` unless the link was disabled or its expiry has passed at `now`. */
export function linkState(link: Pick<TrackingLink, 'disabledAt' | 'expiresAt'>, now: Date = new Date()): LinkState {
  if (link.disabledAt) return 'disabled';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The short URL of a link key: `https://<SHORT_LINK_HOST>/<key>` when configured, else `<app>/l/<key>`. */
function shortUrlOf(key: string, env: { appUrl: string; SHORT_LINK_HOST?: string }): string {
  if (env.SHORT_LINK_HOST) return `${new URL(env.appUrl).protocol}//${env.SHORT_LINK_HOST}/${key}`;
  return `${env.appUrl}/l/${key}`;
}

/** A tracking link as pages show it, with its counts. */
export type LinkView = {
  id: string;
  key: string;
  shortUrl: string;
  campaignId: string;
  campaignName: string;
  brandName: string;
  influencerId: string;
  influencerName: string;
  destinationUrl: string;
  utm: UtmFields;
  state: LinkState;
  expiresAt: Date | null;
  createdAt: Date;
  /** Visits by people (bots excluded). */
  clicks: number;
  /** Distinct visitor-hours: one visitor's repeated clicks within an hour count once. */
  uniqueClicks: number;
  /** Visits by crawlers and link previews, kept and never counted. */
  botClicks: number;
  /** Attributed sales and their revenue in the campaign currency, net of refunds. */
  sales: number;
  revenueMinor: number | null;
  currency: string;
};

/**
 * Links with their counts, one row each, for the links matching `where` (a SQL condition on `l`,
 * `c` the campaign, `o` the brand). Clicks: non-bot visits; unique clicks: distinct
 * (visitor hash, hour); sales: attributed sales credited to the link. `brandLabels`: name influencers
 * by the brand's own label (for the brand's members only; creators see their public name).
 */
export const linkRowsSql = (where: SQL, brandLabels: boolean) => sql`
  select l.id, l.key, l.campaign_id, c.name as campaign_name, o.name as brand_name, l.influencer_id,
    ${brandLabels ? sql`coalesce(oi.display_name, i.display_name)` : sql`i.display_name`} as influencer_name, l.destination_url,
    l.utm_source, l.utm_medium, l.utm_campaign, l.utm_content, l.expires_at, l.disabled_at, l.created_at, c.currency,
    coalesce(k.clicks, 0) as clicks, coalesce(k.unique_clicks, 0) as unique_clicks, coalesce(k.bot_clicks, 0) as bot_clicks,
    coalesce(s.sales, 0) as sales, s.revenue
  from tracking_links l join campaigns c on c.id = l.campaign_id join organizations o on o.id = l.org_id
  join influencers i on i.id = l.influencer_id
  left join org_influencers oi on oi.org_id = l.org_id and oi.influencer_id = l.influencer_id
  left join lateral (
    select count(*) filter (where not k.is_bot)::int as clicks,
      count(distinct k.visitor_hash || to_char(date_trunc('hour', k.clicked_at at time zone 'UTC'), 'YYYYMMDDHH24')) filter (where not k.is_bot)::int as unique_clicks,
      count(*) filter (where k.is_bot)::int as bot_clicks
    from link_clicks k where k.tracking_link_id = l.id) k on true
  left join lateral (
    select count(*)::int as sales, sum(v.revenue_minor - v.refunded_minor) filter (where v.currency = c.currency) as revenue
    from conversions v where v.tracking_link_id = l.id and v.org_id = l.org_id and v.kind = 'sale' and v.attribution_status = 'attributed') s on true
  where ${where}
  order by c.name, influencer_name, l.created_at, l.id`;

/** A {@link linkRowsSql} row as a {@link LinkView}. */
export function toLinkView(r: Record<string, unknown>, env: { appUrl: string; SHORT_LINK_HOST?: string }, now = new Date()): LinkView {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const expiresAt = date(r.expires_at);
  return {
    id: String(r.id),
    key: String(r.key),
    shortUrl: shortUrlOf(String(r.key), env),
    campaignId: String(r.campaign_id),
    campaignName: String(r.campaign_name),
    brandName: String(r.brand_name),
    influencerId: String(r.influencer_id),
    influencerName: String(r.influencer_name),
    destinationUrl: String(r.destination_url),
    utm: {
      utmSource: (r.utm_source as string | null) ?? null,
      utmMedium: (r.utm_medium as string | null) ?? null,
      utmCampaign: (r.utm_campaign as string | null) ?? null,
      utmContent: (r.utm_content as string | null) ?? null,
    },
    state: linkState({ disabledAt: date(r.disabled_at), expiresAt }, now),
    expiresAt,
    createdAt: new Date(r.created_at as string),
    clicks: Number(r.clicks),
    uniqueClicks: Number(r.unique_clicks),
    botClicks: Number(r.bot_clicks),
    sales: Number(r.sales),
    revenueMinor: r.revenue === null || r.revenue === undefined ? null : Number(r.revenue),
    currency: String(r.currency),
  };
}
