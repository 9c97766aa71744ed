import { createPrivateKey } from 'node:crypto';
import { BetaAnalyticsDataClient } from '@google-analytics/data';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { rowsOf } from '@/db/sql';
import { num } from '../analytics/shared';
import { openSecret, SecretError, sealSecret } from '../crypto/secret-box';
import { getEnv } from '../env';
import { currencyExponent } from '../money';

/** Rows asked per `runReport` page, and the most pages one sync reads (200,000 rows). */
const PAGE_ROWS = 10_000;
const MAX_PAGES = 20;
/** The longest one `runReport` call may take before it fails (retried by the next run). */
const CALL_TIMEOUT_MS = 60_000;
/** The longest the access check at connection time may take (an owner waits on it). */
const CHECK_TIMEOUT_MS = 15_000;

/** One row of a property's campaign traffic: a day × session campaign × source × manual ad content. */
export type Ga4TrafficRow = {
  /** YYYY-MM-DD in the property's time zone. */
  day: string;
  sessionCampaignName: string;
  sessionSource: string;
  sessionManualAdContent: string;
  sessions: number;
  keyEvents: number;
  /** `totalRevenue` in minor units of the report's currency, rounded to the unit. */
  revenueMinor: number;
};

export type Ga4Traffic = { currency: string; rows: Ga4TrafficRow[] };

/**
 * A failed GA4 request. `retryable` is false when only the organization can fix it (access not
 * granted, no such property): the job records it and does not retry before the next schedule.
 */
export class Ga4Error extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'Ga4Error';
  }
}

/** A Google service account's credentials: what its JSON key holds that the client needs. */
export type Ga4ServiceAccount = { clientEmail: string; privateKey: string };

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** The fields of a service account's JSON key (as the Cloud console downloads it) that are used. */
const serviceAccountFields = z.object({
  type: z.literal('service_account', { error: 'type is not "service_account"' }),
  client_email: z.email({ error: 'client_email is not an email address' }).max(254, 'client_email is longer than an email address can be'),
  private_key: z.string({ error: 'private_key is missing' }).refine(isPrivateKey, 'private_key is not a PEM private key'),
});

/**
 * A pasted service account JSON key → its credentials. The error says which field is wrong and
 * never repeats the key.
 */
export const serviceAccountKeyInput = z
  .string()
  .trim()
  .min(1, 'Paste the service account’s JSON key')
  .max(20_000, 'is longer than a service account key')
  .transform((text, ctx): Ga4ServiceAccount => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON: paste the whole key file (it starts with {"type": "service_account")' });
      return z.NEVER;
    }
    const parsed = serviceAccountFields.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a service account’s JSON key: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      });
      return z.NEVER;
    }
    return { clientEmail: parsed.data.client_email, privateKey: parsed.data.private_key };
  });

const keyPlace = (rowId: string) => ({ table: 'ga4_properties', column: 'service_account_key', rowId });

/** Seals a property's service account for its row (lib/crypto/secret-box.ts). */
export function sealServiceAccount(account: Ga4ServiceAccount, rowId: string): string {
  return sealSecret(JSON.stringify({ client_email: account.clientEmail, private_key: account.privateKey }), keyPlace(rowId));
}

/**
 * Opens a property's sealed service account.
 * @throws Ga4Error (not retryable) when the property has none — connected before organizations
 *   brought their own — or it does not open with the configured keys.
 */
export function openServiceAccount(sealed: string | null, rowId: string, propertyId: string): Ga4ServiceAccount {
  if (!sealed)
    throw new Ga4Error(`Property ${propertyId} has no service account key: disconnect it and connect it again with your own key.`, false);
  try {
    const json = JSON.parse(openSecret(sealed, keyPlace(rowId))) as { client_email: string; private_key: string };
    return { clientEmail: json.client_email, privateKey: json.private_key };
  } catch (error) {
    throw new Ga4Error(
      error instanceof SecretError ? error.message : `The service account key of property ${propertyId} is unreadable.`,
      false,
    );
  }
}

/**
 * The Data API client over HTTP/1.1 REST (`fallback`), authenticated as the organization's service
 * account (the client signs its own JWT; no token exchange). Closed by the caller.
 */
function clientFor(account: Ga4ServiceAccount): BetaAnalyticsDataClient {
  const base = new URL(getEnv().GA4_API_BASE_URL);
  const protocol = base.protocol.replace(':', '');
  return new BetaAnalyticsDataClient({
    fallback: true,
    apiEndpoint: base.hostname,
    port: Number(base.port || (protocol === 'https' ? 443 : 80)),
    protocol,
    credentials: { client_email: account.clientEmail, private_key: account.privateKey },
  });
}

/**
 * Asks GA4 for one row of the property's sessions as `account`, to learn at connection time whether
 * the account may read it.
 * @throws Ga4Error — not retryable when GA4 refuses the account or has no such property.
 */
export async function checkPropertyAccess(account: Ga4ServiceAccount, propertyId: string): Promise<void> {
  const client = clientFor(account);
  try {
    await client
      .runReport(
        {
          property: `properties/${propertyId}`,
          dateRanges: [{ startDate: 'yesterday', endDate: 'today' }],
          metrics: [{ name: 'sessions' }],
          limit: 1,
        },
        { timeout: CHECK_TIMEOUT_MS },
      )
      .catch((error: unknown) => {
        throw toGa4Error(error, propertyId, account.clientEmail);
      });
  } finally {
    await client.close().catch(() => {});
  }
}

// The documented `RunReportResponse` fields we read (https://developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/RunReportResponse).
const valueList = z.array(z.object({ value: z.string().nullish() })).nullish();
const reportSchema = z.object({
  dimensionHeaders: z.array(z.object({ name: z.string() })).nullish(),
  metricHeaders: z.array(z.object({ name: z.string() })).nullish(),
  rows: z.array(z.object({ dimensionValues: valueList, metricValues: valueList })).nullish(),
  rowCount: z.coerce.number().int().nullish(),
  metadata: z.object({ currencyCode: z.string().nullish() }).nullish(),
});

const DIMENSIONS = ['date', 'sessionCampaignName', 'sessionSource', 'sessionManualAdContent'] as const;
const METRICS = ['sessions', 'keyEvents', 'totalRevenue'] as const;

/**
 * A property's sessions, key events and total revenue, read as the organization's `account`, per day × `sessionCampaignName` ×
 * `sessionSource` × `sessionManualAdContent` for `campaignNames` (case-insensitive, GA4's
 * `inListFilter`), from `from` to `to` (YYYY-MM-DD, inclusive), paged by `offset`.
 * @returns the rows and the property's currency (`metadata.currencyCode`).
 * @throws Ga4Error — not retryable for a refused, missing or misconfigured property; retryable otherwise.
 */
export async function fetchCampaignTraffic(
  account: Ga4ServiceAccount,
  propertyId: string,
  from: string,
  to: string,
  campaignNames: string[],
): Promise<Ga4Traffic> {
  const client = clientFor(account);
  try {
    const rows: Ga4TrafficRow[] = [];
    let currency: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const [raw] = await client
        .runReport(
          {
            property: `properties/${propertyId}`,
            dateRanges: [{ startDate: from, endDate: to }],
            dimensions: DIMENSIONS.map((name) => ({ name })),
            metrics: METRICS.map((name) => ({ name })),
            dimensionFilter: {
              filter: { fieldName: 'sessionCampaignName', inListFilter: { values: campaignNames, caseSensitive: false } },
            },
            limit: PAGE_ROWS,
            offset: rows.length,
          },
          { timeout: CALL_TIMEOUT_MS },
        )
        .catch((error: unknown) => {
          throw toGa4Error(error, propertyId, account.clientEmail);
        });
      const parsed = reportSchema.safeParse(raw);
      if (!parsed.success) throw new Ga4Error(`GA4 answered property ${propertyId} with an unexpected report shape.`, true);
      const report = parsed.data;
      currency ??= report.metadata?.currencyCode ?? null;
      if (!currency || currencyExponent(currency) === null)
        throw new Ga4Error(`GA4 did not report a currency for property ${propertyId}.`, true);
      rows.push(...trafficRowsOf(report, currency));
      const total = report.rowCount ?? 0;
      if (rows.length >= total || !report.rows?.length) return { currency, rows };
    }
    throw new Ga4Error(
      `Property ${propertyId} has more than ${MAX_PAGES * PAGE_ROWS} campaign rows in the period; sync a shorter period.`,
      false,
    );
  } finally {
    await client.close().catch(() => {});
  }
}

function trafficRowsOf(report: z.infer<typeof reportSchema>, currency: string): Ga4TrafficRow[] {
  const dim = (name: string) => (report.dimensionHeaders ?? []).findIndex((h) => h.name === name);
  const met = (name: string) => (report.metricHeaders ?? []).findIndex((h) => h.name === name);
  const at = {
    day: dim('date'),
    campaign: dim('sessionCampaignName'),
    source: dim('sessionSource'),
    content: dim('sessionManualAdContent'),
  };
  const m = { sessions: met('sessions'), keyEvents: met('keyEvents'), revenue: met('totalRevenue') };
  if (Object.values(at).some((i) => i < 0) || Object.values(m).some((i) => i < 0))
    throw new Ga4Error('GA4 answered without the dimensions and metrics asked for.', true);
  const scale = 10 ** (currencyExponent(currency) ?? 2);
  return (report.rows ?? []).map((row) => {
    const d = (i: number) => row.dimensionValues?.[i]?.value ?? '';
    const n = (i: number) => {
      const value = Number(row.metricValues?.[i]?.value ?? 0);
      if (!Number.isFinite(value) || value < 0)
        throw new Ga4Error(`GA4 answered a metric that is not a number: ${String(row.metricValues?.[i]?.value).slice(0, 40)}`, true);
      return value;
    };
    const day = /^(\d{4})(\d{2})(\d{2})$/.exec(d(at.day));
    if (!day) throw new Ga4Error(`GA4 answered a date that is not YYYYMMDD: ${d(at.day).slice(0, 40)}`, true);
    return {
      day: `${day[1]}-${day[2]}-${day[3]}`,
      sessionCampaignName: d(at.campaign),
      sessionSource: d(at.source),
      sessionManualAdContent: d(at.content),
      sessions: Math.round(n(m.sessions)),
      keyEvents: n(m.keyEvents),
      revenueMinor: Math.round(n(m.revenue) * scale),
    };
  });
}

/**
 * Google's error as the REST transport hands it over: a gax `GoogleError` (gRPC `code`) or the
 * HTTP client's error (HTTP `status`, Google's JSON error body as its message).
 */
function googleFailure(error: unknown): { http: number | null; grpc: number | null; message: string } {
  const e = (error ?? {}) as { code?: unknown; status?: unknown; response?: { status?: unknown }; message?: unknown };
  const http = typeof e.status === 'number' ? e.status : typeof e.response?.status === 'number' ? e.response.status : null;
  const grpc = typeof e.code === 'number' ? e.code : null;
  let message = typeof e.message === 'string' ? e.message : String(error);
  try {
    const body = JSON.parse(message) as { error?: { message?: unknown; status?: unknown } };
    if (typeof body.error?.message === 'string') message = `${String(body.error.status ?? '')}: ${body.error.message}`.replace(/^: /, '');
  } catch {
    // not a JSON body: keep the message
  }
  return { http, grpc, message: message.slice(0, 300) };
}

function toGa4Error(error: unknown, propertyId: string, clientEmail: string): Ga4Error {
  const { http, grpc, message } = googleFailure(error);
  // HTTP 401/403 or gRPC UNAUTHENTICATED (16) / PERMISSION_DENIED (7): only the organization can fix it.
  if (http === 401 || http === 403 || grpc === 7 || grpc === 16)
    return new Ga4Error(
      `GA4 refused ${clientEmail} access to property ${propertyId}: add it as a Viewer in the property's access management (${message}).`,
      false,
    );
  if (http === 404 || grpc === 5) return new Ga4Error(`GA4 has no property ${propertyId} (${message}).`, false);
  // A request GA4 calls invalid (400 / INVALID_ARGUMENT) fails the same way on a retry.
  const invalid = http === 400 || grpc === 3;
  return new Ga4Error(`GA4 request for property ${propertyId} failed: ${message}`, !invalid);
}

/** GA4 traffic of one creator (or of the whole campaign) in a report. */
export type Ga4CampaignTraffic = {
  sessions: number;
  keyEvents: number;
  /** Σ totalRevenue in minor units of the campaign's currency; null when none was reported in it. */
  revenueMinor: number | null;
  /** Rows in another currency (a property reporting in another currency): left out of `revenueMinor`. */
  otherCurrencyRows: number;
};

/**
 * The GA4 traffic of a campaign, matched through its tracking links' UTM values (case-insensitive,
 * as GA4 compares `inListFilter` values; a link without utm_source or utm_content matches any),
 * per creator and in total, all days synced.
 * @returns null when the organization has no GA4 property connected.
 */
export async function campaignGa4Traffic(
  db: Db,
  orgId: string,
  campaignId: string,
  currency: string,
): Promise<{ lastSyncedAt: Date | null; total: Ga4CampaignTraffic; perInfluencer: Map<string, Ga4CampaignTraffic> } | null> {
  const [props] = rowsOf<{ n: number; synced: string | null }>(
    await db.execute(sql`select count(*)::int as n, max(last_synced_at) as synced from ga4_properties where org_id = ${orgId}::uuid`),
  );
  if (!props.n) return null;
  const rows = rowsOf<{ influencer_id: string; sessions: number; key_events: number; revenue: string | null; other: number }>(
    await db.execute(sql`
      with l as (
        select distinct influencer_id, lower(utm_campaign) as c, lower(nullif(utm_source, '')) as s, lower(nullif(utm_content, '')) as a
        from tracking_links where org_id = ${orgId}::uuid and campaign_id = ${campaignId}::uuid and coalesce(utm_campaign, '') <> '')
      select l.influencer_id, sum(g.sessions)::int as sessions, sum(g.key_events)::float8 as key_events,
        sum(g.revenue_minor) filter (where g.currency = ${currency}) as revenue, (count(*) filter (where g.currency <> ${currency}))::int as other
      from ga4_campaign_metrics g join l on lower(g.session_campaign_name) = l.c
        and (l.s is null or lower(g.session_source) = l.s) and (l.a is null or lower(g.session_manual_ad_content) = l.a)
      where g.org_id = ${orgId}::uuid
      group by l.influencer_id`),
  );
  const perInfluencer = new Map<string, Ga4CampaignTraffic>();
  const total: Ga4CampaignTraffic = { sessions: 0, keyEvents: 0, revenueMinor: null, otherCurrencyRows: 0 };
  for (const r of rows) {
    const t = { sessions: r.sessions, keyEvents: Number(r.key_events), revenueMinor: num(r.revenue), otherCurrencyRows: r.other };
    perInfluencer.set(r.influencer_id, t);
    total.sessions += t.sessions;
    total.keyEvents += t.keyEvents;
    total.revenueMinor = t.revenueMinor === null ? total.revenueMinor : (total.revenueMinor ?? 0) + t.revenueMinor;
    total.otherCurrencyRows += t.otherCurrencyRows;
  }
  return { lastSyncedAt: props.synced ? new Date(props.synced) : null, total, perInfluencer };
}
