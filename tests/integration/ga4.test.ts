import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { collaborations, ga4CampaignMetrics, ga4Properties } from '@/db/schema';
import { ga4Sync, ga4SyncSchedule } from '@/inngest/functions/ga4-sync';
import type { JobEvent, Steps } from '@/inngest/steps';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { campaignCsv } from '@/lib/exports/campaign-csv';
import { systemCtx } from '@/lib/context';
import { resealSecrets } from '@/lib/crypto/reseal-secrets';
import { getEnv } from '@/lib/env';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { connectGa4Property } from '@/lib/ga4/connect-ga4-property';
import { disconnectGa4Property } from '@/lib/ga4/disconnect-ga4-property';
import { listDueGa4Properties } from '@/lib/ga4/list-due-ga4-properties';
import { listGa4Properties } from '@/lib/ga4/list-ga4-properties';
import { syncGa4Property } from '@/lib/ga4/sync-ga4-property';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { startFakeGa4, testServiceAccountJson, type Ga4Row } from '../connectors/fake-ga4';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, textOf } from '../factories';

// Each brand reads GA4 as its own service account. The fake knows both brands' accounts (as Google
// knows every account) and answers pages of 2 rows, so a sync must page. The endpoint is read from
// the environment once: point it at the fake before anything reads it.
const brandKey = testServiceAccountJson('northwind-ga4');
const rivalKey = testServiceAccountJson('rival-ga4');
const brandEmail = 'northwind-ga4@reachboard-tests.iam.gserviceaccount.com';
const rivalEmail = 'rival-ga4@reachboard-tests.iam.gserviceaccount.com';
const fake = await startFakeGa4({ pageCap: 2, serviceAccounts: [brandKey, rivalKey] });
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
  // Only the brand's own account was added as a Viewer of its properties.
  fake.setProperty(SHOP, { kind: 'ok', currency: 'USD', rows: shopRows('540.25'), viewers: [brandEmail] });
  fake.setProperty(DENIED, { kind: 'ok', currency: 'USD', rows: [], viewers: [brandEmail] });
  fake.setProperty(DOWN, { kind: 'unavailable', viewers: [brandEmail] });
});

describe('connecting a GA4 property', () => {
  it('is for owners: a viewer and a manager are refused, another organization reaches nothing', async () => {
    const input = { orgSlug: brand.org.slug, propertyId: SHOP, name: 'Shop', serviceAccountKey: brandKey };
    fake.requests.length = 0;
    await expect(connectGa4Property({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(connectGa4Property({ ctx: ctxOf(brand.manager), input })).rejects.toThrow(ForbiddenError);
    await expect(connectGa4Property({ ctx: ctxOf(other.owner), input })).rejects.toThrow(NotFoundError);
    // Refused before Google is asked anything.
    expect(fake.requests).toEqual([]);
  });

  it('takes only a service account’s JSON key, says by field what is wrong, and never repeats the key', async () => {
    const attempt = (serviceAccountKey: string) =>
      connectGa4Property({
        ctx: ctxOf(brand.owner),
        input: { orgSlug: brand.org.slug, propertyId: SHOP, name: 'Shop', serviceAccountKey },
      }).then(
        () => 'connected',
        (e: ValidationError) => e.fieldErrors.serviceAccountKey,
      );
    const key = JSON.parse(brandKey) as { private_key: string };
    const pemBody = key.private_key.split('\n')[1];
    expect(await attempt('{"type": "service_account", "private_key": "' + pemBody)).toBe(
      'is not JSON: paste the whole key file (it starts with {"type": "service_account")',
    );
    const notAKey = await attempt(JSON.stringify({ type: 'authorized_user', client_email: 'me', private_key: pemBody }));
    expect(notAKey).toBe(
      'is not a service account’s JSON key: type is not "service_account"; client_email is not an email address; private_key is not a PEM private key',
    );
    expect(notAKey).not.toContain(pemBody);
    expect(await attempt('  ')).toBe('Paste the service account’s JSON key');
  });

  it('keeps no key GA4 refuses for the property: another brand’s own account cannot read this brand’s property', async () => {
    fake.requests.length = 0;
    const stolen = connectGa4Property({
      ctx: ctxOf(other.owner),
      input: { orgSlug: other.org.slug, propertyId: SHOP, name: 'Their shop', serviceAccountKey: rivalKey },
    });
    await expect(stolen).rejects.toThrow(ValidationError);
    await stolen.catch((e: ValidationError) =>
      expect(e.fieldErrors.serviceAccountKey).toMatch(
        new RegExp(
          `^GA4 refused ${rivalEmail.replaceAll('.', '\\.')} access to property ${SHOP}: add it as a Viewer in the property's access management \\(PERMISSION_DENIED: `,
        ),
      ),
    );
    // GA4 was asked once, as the rival's account, and answered nothing of the property.
    expect(fake.requests.map((r) => [r.property, r.account])).toEqual([[SHOP, rivalEmail]]);
    expect(await listGa4Properties({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug } })).toEqual([]);
    // An account Google does not know at all (a made-up key) is refused the same way.
    const unknown = connectGa4Property({
      ctx: ctxOf(other.owner),
      input: { orgSlug: other.org.slug, propertyId: SHOP, name: 'Their shop', serviceAccountKey: testServiceAccountJson('made-up') },
    });
    await unknown.catch((e: ValidationError) =>
      expect(e.fieldErrors.serviceAccountKey).toMatch(/^GA4 refused made-up@.* \(UNAUTHENTICATED: /),
    );
    await expect(unknown).rejects.toThrow(ValidationError);
  });

  it('takes the property id as GA4 shows it, with or without `properties/`, and refuses anything else by field', async () => {
    const bad = connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: 'G-ABC123', name: 'Shop', serviceAccountKey: brandKey },
    });
    await expect(bad).rejects.toThrow(ValidationError);
    await bad.catch((e: ValidationError) =>
      expect(e.fieldErrors.propertyId).toBe('is not a GA4 property id (the number in Admin → Property details, e.g. 412345678)'),
    );
    ({ id: shopPropertyId } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: `properties/${SHOP}`, name: 'Shop', serviceAccountKey: brandKey },
    }));
    await expect(
      connectGa4Property({
        ctx: ctxOf(brand.owner),
        input: { orgSlug: brand.org.slug, propertyId: SHOP, name: 'Again', serviceAccountKey: brandKey },
      }),
    ).rejects.toThrow(ConflictError);
    const listed = await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    expect(listed.map((p) => [p.propertyId, p.name, p.serviceAccountEmail, p.lastSyncedAt, p.lastError])).toEqual([
      [SHOP, 'Shop', brandEmail, null, null],
    ]);
    expect(Object.keys(listed[0])).not.toContain('serviceAccountKey');
    // Stored sealed: neither the private key nor the account's email is readable in the database.
    const db = await getDb();
    const [stored] = await db
      .select({ key: ga4Properties.serviceAccountKey })
      .from(ga4Properties)
      .where(eq(ga4Properties.id, shopPropertyId));
    expect(stored.key).toMatch(/^rb1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(stored.key).not.toContain('PRIVATE KEY');
    expect(stored.key).not.toContain('northwind-ga4');
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

  it('reads the last 90 days through the Data API client, signed as the brand’s own account, paging, for the links’ campaign names only', async () => {
    fake.requests.length = 0;
    const result = await syncGa4Property({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, ga4PropertyId: shopPropertyId } });
    expect(result).toEqual({ ok: true, rows: 4, from: '90daysAgo', to: 'today', currency: 'USD' });
    // 4 rows of this campaign (GA4 filtered out the newsletter), 2 per page; int64 fields travel as strings (proto3 JSON).
    expect(fake.requests.map((r) => [r.property, r.account, r.body.offset, r.body.limit])).toEqual([
      [SHOP, brandEmail, '0', '10000'],
      [SHOP, brandEmail, '2', '10000'],
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
    fake.setProperty(SHOP, { kind: 'ok', currency: 'USD', rows: shopRows('600.00'), viewers: [brandEmail] });
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

  it('access removed later is recorded on the property and not retried; Google unavailable is recorded and retried', async () => {
    const { id: denied } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: DENIED, name: 'Blog', serviceAccountKey: brandKey },
    });
    // Google unavailable at connection time: connected all the same, the reads retry.
    const { id: down } = await connectGa4Property({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, propertyId: DOWN, name: 'EU shop', serviceAccountKey: brandKey },
    });
    // Someone removes the account from the blog property's access management.
    fake.setProperty(DENIED, { kind: 'ok', currency: 'USD', rows: [], viewers: [] });
    const result = await ga4Sync(steps, { ga4PropertyId: denied });
    expect(result).toMatchObject({ ok: false, retryable: false });
    await expect(ga4Sync(steps, { ga4PropertyId: down })).rejects.toThrow(
      `GA4 request for property ${DOWN} failed: UNAVAILABLE: The service is currently unavailable.`,
    );
    const listed = await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    const byId = new Map(listed.map((p) => [p.propertyId, p]));
    expect(byId.get(DENIED)?.lastError).toMatch(
      new RegExp(
        `^GA4 refused ${brandEmail.replaceAll('.', '\\.')} access to property ${DENIED}: add it as a Viewer in the property's access management \\(PERMISSION_DENIED: User does not have sufficient permissions`,
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

  it('a property connected before organizations brought their own key is not read, and says how to fix it', async () => {
    const db = await getDb();
    const [legacy] = await db
      .insert(ga4Properties)
      .values({ orgId: brand.org.id, propertyId: '444444444', name: 'Old shop' })
      .returning({ id: ga4Properties.id });
    fake.requests.length = 0;
    expect(await ga4Sync(steps, { ga4PropertyId: legacy.id })).toMatchObject({ ok: false, retryable: false });
    expect(fake.requests).toEqual([]);
    const listed = await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    expect(listed.find((p) => p.id === legacy.id)?.lastError).toBe(
      'Property 444444444 has no service account key: disconnect it and connect it again with your own key.',
    );
  });

  it('the keys are resealed with a new encryption key, and the property reads with the old key dropped', async () => {
    const keys = getEnv().encryptionKeys;
    const saved = [...keys];
    keys.unshift({ id: 'k2', key: Buffer.alloc(32, 7) });
    try {
      const counts = await resealSecrets({ ctx: systemCtx('test'), input: { tables: ['ga4_properties'] } });
      // Shop, blog and EU shop have keys; the old property has none.
      expect(counts).toEqual([{ column: 'ga4_properties.service_account_key', resealed: 3, current: 0 }]);
      keys.splice(1);
      const result = await syncGa4Property({ ctx: systemCtx('ga4-sync'), input: { ga4PropertyId: shopPropertyId } });
      expect(result).toEqual({ ok: true, rows: 4, from: '7daysAgo', to: 'today', currency: 'USD' });
    } finally {
      keys.splice(0, keys.length, ...saved);
    }
  });

  it('disconnecting deletes what was read from the property; without a property the report has no GA4 part', async () => {
    for (const p of await listGa4Properties({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } }))
      await disconnectGa4Property({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, ga4PropertyId: p.id } });
    expect(await stored()).toBe(0);
    expect((await report()).ga4).toBeNull();
  });
});
