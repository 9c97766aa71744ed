import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { collaborations, ga4CampaignMetrics } from '@/db/schema';
import { ga4Sync, ga4SyncSchedule } from '@/inngest/functions/ga4-sync';
import type { JobEvent, Steps } from '@/inngest/steps';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { campaignCsv } from '@/lib/exports/campaign-csv';
import { systemCtx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { connectGa4Property } from '@/lib/ga4/connect-ga4-property';
import { disconnectGa4Property } from '@/lib/ga4/disconnect-ga4-property';
import { listDueGa4Properties } from '@/lib/ga4/list-due-ga4-properties';
import { listGa4Properties } from '@/lib/ga4/list-ga4-properties';
import { syncGa4Property } from '@/lib/ga4/sync-ga4-property';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { startFakeGa4, type Ga4Row } from '../connectors/fake-ga4';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, textOf } from '../factories';

// The GA4 client reads its service account and endpoint from the environment once: point them at
// the fake (pages capped at 2 rows, so a sync must page) before anything reads it.
const fake = await startFakeGa4({ pageCap: 2 });
process.env.GA4_SERVICE_ACCOUNT_JSON = fake.serviceAccountJson;
process.env.GA4_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const SHOP = '412345678';
const DENIED = '422222222';
const DOWN = '433333333';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let campaignId: string;
let anaId: string;
let benId: string;
let ana: { campaign: string; source: string; content: string };
let ben: { campaign: string; source: string; content: string };
let shopPropertyId: string;

const row = (
  date: string,
  u: { campaign: string; source: string; content: string },
  sessions: number,
  keyEvents: string,
  revenue: string,
): Ga4Row => ({
  date,
  sessionCampaignName: u.campaign,
  sessionSource: u.source,
  sessionManualAdContent: u.content,
  sessions: String(sessions),
  keyEvents,
  totalRevenue: revenue,
});

/** What the fake property holds: Ana's sessions on two days (one with the campaign name in capitals, as a hand-typed UTM gives), Ben's, a session of the campaign without a creator's content, and another campaign's. */
const shopRows = (firstDayRevenue: string) => [
  row('20261120', ana, 120, '6', firstDayRevenue),
  row('20261121', { ...ana, campaign: ana.campaign.toUpperCase() }, 80, '2.5', '99.9'),
  row('20261121', ben, 40, '1', '0'),
  row('20261121', { ...ben, content: '(not set)' }, 15, '0', '0'),
  row('20261121', { campaign: 'newsletter-week-47', source: 'newsletter', content: 'footer' }, 999, '40', '5000'),
];

const report = () => getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
const stored = async () => {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(ga4CampaignMetrics).where(eq(ga4CampaignMetrics.orgId, brand.org.id));
  return n;
};

beforeAll(async () => {
  brand = await createOrg({ approved: true });
  other = await createOrg({ approved: true });
  const a = await createInfluencerUser();
  const b = await createInfluencerUser();
  anaId = a.profile.id;
  benId = b.profile.id;
  const campaign = await createCampaign({ orgId: brand.org.id, name: 'Ridge Runner', currency: 'USD', startsOn: '2026-11-01' });
  campaignId = campaign.id;
  const db = await getDb();
  await db.insert(collaborations).values([
    { campaignId, influencerId: anaId, agreedFeeMinor: 50_000, currency: 'USD' },
    { campaignId, influencerId: benId, agreedFeeMinor: 30_000, currency: 'USD' },
  ]);
  await createTrackingLinks({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, campaignId, destinationUrl: 'https://shop.example/ridge' },
  });
  const links = await listCampaignLinks({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
  const utm = (id: string) => {
    const l = links.find((x) => x.influencerId === id)!;
    return { campaign: l.utm.utmCampaign!, source: l.utm.utmSource ?? '(direct)', content: l.utm.utmContent! };
  };
  ana = utm(anaId);
  ben = utm(benId);
  fake.setProperty(SHOP, { kind: 'ok', currency: 'USD', rows: shopRows('540.25') });
  fake.setProperty(DOWN, { kind: 'unavailable' });
});

describe('connecting a GA4 property', () => {
  it('is for owners: a viewer and a manager are refused, another organization reaches nothing', async () => {
    const input = { orgSlug: brand.org.slug, propertyId: SHOP, name: 'Shop' };
    await expect(connectGa4Property({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(connectGa4Property({ ctx: ctxOf(brand.manager), input })).rejects.toThrow(ForbiddenError);
    await expect(connectGa4Property({ ctx: ctxOf(other.owner), input })).rejects.toThrow(NotFoundError);
  });

  it('takes the property id as GA4 shows it, with or without `properties/`, and refuses anything else by field', async () => {
    const bad = connectGa4Property({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, propertyId: 'G-ABC123', name: 'Shop' } });
    await expect(bad).rejects.toThrow(ValidationError);
    await bad.catch((e: ValidationError) =>
      expect(e.fieldErrors.propertyId).toBe('is not a GA4 property id (the number in Admin → Property details, e.g. 412345678)'),
    );
    ({ id: shopPropertyId } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: `properties/${SHOP}`, name: 'Shop' },
    }));
    await expect(
      connectGa4Property({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, propertyId: SHOP, name: 'Again' } }),
    ).rejects.toThrow(ConflictError);
    const listed = await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    expect(listed.map((p) => [p.propertyId, p.name, p.lastSyncedAt, p.lastError])).toEqual([[SHOP, 'Shop', null, null]]);
  });
});

describe('reading campaign traffic', () => {
  it('shows nothing GA4 on the report before the first read, and a connected property is due at once', async () => {
    const before = await report();
    expect(before.ga4?.total).toEqual({ sessions: 0, keyEvents: 0, revenueMinor: null, otherCurrencyRows: 0 });
    expect(before.ga4?.perInfluencer).toEqual([]);
    const due = await listDueGa4Properties(systemCtx('test'), new Date());
    expect(due.map((d) => d.id)).toContain(shopPropertyId);
  });

  it('reads the last 90 days through the Data API client, signed as the service account, paging, for the links’ campaign names only', async () => {
    fake.requests.length = 0;
    const result = await syncGa4Property({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, ga4PropertyId: shopPropertyId } });
    expect(result).toEqual({ ok: true, rows: 4, from: '90daysAgo', to: 'today', currency: 'USD' });
    // 4 rows of this campaign (GA4 filtered out the newsletter), 2 per page; int64 fields travel as strings (proto3 JSON).
    expect(fake.requests.map((r) => [r.property, r.body.offset, r.body.limit])).toEqual([
      [SHOP, '0', '10000'],
      [SHOP, '2', '10000'],
    ]);
    expect(fake.requests[0].body.dateRanges).toEqual([{ startDate: '90daysAgo', endDate: 'today' }]);
    expect(fake.requests[0].body.dimensionFilter).toEqual({
      filter: { fieldName: 'sessionCampaignName', inListFilter: { values: [ana.campaign], caseSensitive: false } },
    });
    expect(await stored()).toBe(4);
  });

  it('puts GA4 beside the attributed numbers on the report, per creator, with GA4 ROAS = GA4 revenue ÷ spend', async () => {
    const r = await report();
    // Ana: 120 + 80 sessions (the capitalised campaign name matches), 6 + 2.5 key events, $540.25 + $99.90.
    // Ben: 40; the session without a creator's content matches no link and is not counted.
    expect(r.ga4?.perInfluencer.map((i) => [i.influencerId, i.sessions, i.keyEvents, i.revenueMinor])).toEqual([
      [anaId, 200, 8.5, 64_015],
      [benId, 40, 1, 0],
    ]);
    expect(r.ga4?.total).toEqual({ sessions: 240, keyEvents: 9.5, revenueMinor: 64_015, otherCurrencyRows: 0 });
    expect(r.spendMinor).toBe(80_000);
    expect(r.ga4?.roas.value).toBeCloseTo(64_015 / 80_000, 12);
    expect(r.ga4?.lastSyncedAt).toBeInstanceOf(Date);
    const text = await textOf((await campaignCsv({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } })).chunks);
    expect(text).toContain('\r\nga4_sessions,240,count,');
    expect(text).toContain('\r\nga4_key_events,9.5,count,');
    expect(text).toContain('\r\nga4_revenue,640.15,USD,');
    expect(text).toContain(`\r\nga4_roas,${64_015 / 80_000},ratio,GA4 revenue ÷ spend\r\n`);
    // Never added to the attributed revenue: no conversion was tracked, so ROI stays unknown.
    expect(r.totals.revenueMinor).toBeNull();
    expect(r.metrics.roas.value).toBeNull();
  });

  it('a re-read takes the last 7 days and overwrites what GA4 revised, never adds', async () => {
    fake.setProperty(SHOP, { kind: 'ok', currency: 'USD', rows: shopRows('600.00') });
    fake.requests.length = 0;
    const result = await syncGa4Property({ ctx: systemCtx('ga4-sync'), input: { ga4PropertyId: shopPropertyId } });
    expect(result).toEqual({ ok: true, rows: 4, from: '7daysAgo', to: 'today', currency: 'USD' });
    expect(fake.requests[0].body.dateRanges).toEqual([{ startDate: '7daysAgo', endDate: 'today' }]);
    expect(await stored()).toBe(4);
    const r = await report();
    expect(r.ga4?.total).toEqual({ sessions: 240, keyEvents: 9.5, revenueMinor: 69_990, otherCurrencyRows: 0 });
    expect(await listDueGa4Properties(systemCtx('test'), new Date()).then((d) => d.map((x) => x.id))).not.toContain(shopPropertyId);
  });

  it('another organization cannot read or disconnect the property; a member must name the organization', async () => {
    await expect(
      syncGa4Property({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, ga4PropertyId: shopPropertyId } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      disconnectGa4Property({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, ga4PropertyId: shopPropertyId } }),
    ).rejects.toThrow(NotFoundError);
    await expect(syncGa4Property({ ctx: ctxOf(brand.owner), input: { ga4PropertyId: shopPropertyId } })).rejects.toThrow(ForbiddenError);
    await expect(
      syncGa4Property({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, ga4PropertyId: shopPropertyId } }),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe('failures', () => {
  const steps: Steps = { run: async (_id, fn) => JSON.parse(JSON.stringify(await fn())), sendEvent: async () => {} };

  it('access not granted is recorded on the property and not retried; Google unavailable is recorded and retried', async () => {
    const { id: denied } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: DENIED, name: 'Blog' },
    });
    const { id: down } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: DOWN, name: 'EU shop' },
    });
    const result = await ga4Sync(steps, { ga4PropertyId: denied });
    expect(result).toMatchObject({ ok: false, retryable: false });
    await expect(ga4Sync(steps, { ga4PropertyId: down })).rejects.toThrow(
      `GA4 request for property ${DOWN} failed: UNAVAILABLE: The service is currently unavailable.`,
    );
    const listed = await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    const byId = new Map(listed.map((p) => [p.propertyId, p]));
    expect(byId.get(DENIED)?.lastError).toMatch(
      new RegExp(
        `^GA4 refused access to property ${DENIED}: grant the service account Viewer on it \\(PERMISSION_DENIED: User does not have sufficient permissions`,
      ),
    );
    expect(byId.get(DENIED)?.lastSyncedAt).toBeNull();
    expect(byId.get(DOWN)?.lastError).toMatch(
      /^GA4 request for property 433333333 failed: UNAVAILABLE: The service is currently unavailable\.$/,
    );
    // The report keeps what the healthy property gave.
    expect((await report()).ga4?.total.sessions).toBe(240);
  });

  it('the hourly schedule asks for each due property once per hour (the event id names property and hour)', async () => {
    const sent: JobEvent[] = [];
    const scheduleSteps: Steps = { ...steps, sendEvent: async (_id, events) => void sent.push(...events) };
    const db = await getDb();
    await db.execute(`update ga4_properties set last_attempt_at = now() - interval '7 hours' where org_id = '${brand.org.id}'`);
    await ga4SyncSchedule(scheduleSteps);
    const hour = new Date().toISOString().slice(0, 13);
    const ours = sent.filter((e) => e.data.ga4PropertyId === shopPropertyId);
    expect(ours).toEqual([
      { id: `ga4-${shopPropertyId}-${hour}`, name: 'ga4/property.sync.requested', data: { ga4PropertyId: shopPropertyId } },
    ]);
  });

  it('disconnecting deletes what was read from the property; without a property the report has no GA4 part', async () => {
    for (const p of await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } }))
      await disconnectGa4Property({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, ga4PropertyId: p.id } });
    expect(await stored()).toBe(0);
    expect((await report()).ga4).toBeNull();
  });
});
