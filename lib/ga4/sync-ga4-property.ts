import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ga4Properties, type Ga4Property } from '@/db/schema';
import type { Tx } from '@/db';
import { isoString, pgArray, rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { Ctx, VerbArgs } from '../context';
import { describeFailure, FAILURE_REASON_LIMIT, ForbiddenError, NotFoundError } from '../errors';
import { reader, withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { fetchCampaignTraffic, Ga4Error, openServiceAccount, type Ga4TrafficRow } from './internal';

/** Days read by a property's first sync, and by every later one (GA4 revises the last few days). */
const GA4_FIRST_SYNC_DAYS = 90;
const GA4_RESYNC_DAYS = 7;
/** Rows per insert statement. */
const WRITE_BATCH = 1_000;
const INT4_MAX = 2_147_483_647;

const schema = z.object({ orgSlug: z.string().min(1).optional(), ga4PropertyId: z.guid('is not a property id') });

export type Ga4SyncResult =
  { ok: true; rows: number; from: string; to: string; currency: string | null } | { ok: false; reason: string; retryable: boolean };

/**
 * Reads a GA4 property's campaign traffic, as the service account the organization connected it with, (sessions, key events, total revenue per day × UTM
 * campaign × source × content) for the campaign names of the organization's tracking links — the
 * last {@link GA4_FIRST_SYNC_DAYS} days the first time, the last {@link GA4_RESYNC_DAYS} after — and
 * upserts it by day and UTM values (a re-run overwrites, never adds). The request to Google runs
 * outside any transaction; the write holds bounded locks. A failure is recorded on the property
 * (`lastError`) and returned, never thrown, so the page and the job both show it.
 * Callers: the scheduled job (system actor, any property) or an owner or manager ("Sync now", `orgSlug`).
 * @throws ValidationError; NotFoundError (unknown, or another organization's property); ForbiddenError.
 */
export async function syncGa4Property({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<Ga4SyncResult> {
  const data = parseInput(schema, input);
  const property = await loadProperty(ctx, data.ga4PropertyId, data.orgSlug);
  const db = await reader(ctx);
  const names = rowsOf<{ name: string }>(
    await db.execute(sql`select distinct utm_campaign as name from tracking_links
      where org_id = ${property.orgId}::uuid and utm_campaign is not null and utm_campaign <> '' order by 1 limit 1000`),
  ).map((r) => r.name);
  const days = property.lastSyncedAt ? GA4_RESYNC_DAYS : GA4_FIRST_SYNC_DAYS;
  const period = { from: `${days}daysAgo`, to: 'today' };
  if (names.length === 0) {
    await record(ctx, property.id, { ok: true, currency: property.currency });
    return { ok: true, rows: 0, ...period, currency: property.currency };
  }
  let traffic;
  try {
    const account = openServiceAccount(property.serviceAccountKey, property.id, property.propertyId);
    traffic = await fetchCampaignTraffic(account, property.propertyId, period.from, period.to, names);
    for (const row of traffic.rows) {
      if (row.sessions > INT4_MAX || !Number.isSafeInteger(row.revenueMinor))
        throw new Ga4Error(`GA4 answered a value too large to store on ${row.day} (${row.sessionCampaignName})`, false);
    }
  } catch (error) {
    const reason = describeFailure(error).slice(0, FAILURE_REASON_LIMIT);
    await record(ctx, property.id, { ok: false, reason });
    return { ok: false, reason, retryable: error instanceof Ga4Error ? error.retryable : true };
  }
  await withTransaction(ctx, async (tx) => {
    await tx.execute(sql`set local lock_timeout = 10000`);
    await tx.execute(sql`set local statement_timeout = 60000`);
    for (let i = 0; i < traffic.rows.length; i += WRITE_BATCH)
      await upsert(tx, property, traffic.currency, traffic.rows.slice(i, i + WRITE_BATCH));
  });
  await record(ctx, property.id, { ok: true, currency: traffic.currency });
  return { ok: true, rows: traffic.rows.length, ...period, currency: traffic.currency };
}

async function loadProperty(ctx: Ctx, id: string, orgSlug: string | undefined): Promise<Ga4Property> {
  const db = await reader(ctx);
  if (ctx.actor?.kind === 'system') {
    const [row] = await db.select().from(ga4Properties).where(eq(ga4Properties.id, id));
    if (!row) throw new NotFoundError('GA4 property');
    return row;
  }
  if (!orgSlug) throw new ForbiddenError('Only background jobs can sync a property without naming its organization');
  const { org } = await requireOrgRole(db, ctx, { slug: orgSlug }, 'manager');
  const [row] = await db
    .select()
    .from(ga4Properties)
    .where(and(eq(ga4Properties.id, id), eq(ga4Properties.orgId, org.id)));
  if (!row) throw new NotFoundError('GA4 property');
  return row;
}

async function upsert(tx: Tx, property: Ga4Property, currency: string, rows: Ga4TrafficRow[]) {
  const fetchedAt = new Date();
  await tx.execute(sql`
    insert into ga4_campaign_metrics (org_id, ga4_property_id, day, session_campaign_name, session_source, session_manual_ad_content,
      sessions, key_events, revenue_minor, currency, fetched_at)
    select ${property.orgId}::uuid, ${property.id}::uuid, r.day, r.campaign, r.source, r.content, r.sessions, r.key_events, r.revenue, ${currency}, ${isoString(fetchedAt)}::timestamptz
    from unnest(${pgArray(rows.map((r) => r.day))}::date[], ${pgArray(rows.map((r) => r.sessionCampaignName))}::text[],
      ${pgArray(rows.map((r) => r.sessionSource))}::text[], ${pgArray(rows.map((r) => r.sessionManualAdContent))}::text[],
      ${pgArray(rows.map((r) => r.sessions))}::int[], ${pgArray(rows.map((r) => r.keyEvents))}::float8[],
      ${pgArray(rows.map((r) => r.revenueMinor))}::bigint[]) as r(day, campaign, source, content, sessions, key_events, revenue)
    on conflict (ga4_property_id, day, session_campaign_name, session_source, session_manual_ad_content) do update set
      sessions = excluded.sessions, key_events = excluded.key_events, revenue_minor = excluded.revenue_minor,
      currency = excluded.currency, fetched_at = excluded.fetched_at`);
}

async function record(ctx: Ctx, id: string, outcome: { ok: true; currency: string | null } | { ok: false; reason: string }) {
  const db = await reader(ctx);
  const now = new Date();
  await db
    .update(ga4Properties)
    .set(
      outcome.ok
        ? { lastAttemptAt: now, lastSyncedAt: now, lastError: null, currency: outcome.currency }
        : { lastAttemptAt: now, lastError: outcome.reason },
    )
    .where(eq(ga4Properties.id, id));
}
