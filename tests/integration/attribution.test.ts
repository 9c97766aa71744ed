import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { campaigns, collaborations, conversions, linkClicks, trackingLinks } from '@/db/schema';
import { authenticateApiKey } from '@/lib/api-keys/authenticate-api-key';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { listApiKeys } from '@/lib/api-keys/list-api-keys';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { createDiscountCode } from '@/lib/attribution/create-discount-code';
import { deleteDiscountCode } from '@/lib/attribution/delete-discount-code';
import { setCampaignAttribution } from '@/lib/attribution/set-campaign-attribution';
import { trackConversion } from '@/lib/attribution/track-conversion';
import { trackRefund } from '@/lib/attribution/track-refund';
import { installPeerAddressHeader } from '@/lib/auth/client-ip';
import { getOverview } from '@/lib/analytics/get-overview';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { campaignCsv } from '@/lib/exports/campaign-csv';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '@/lib/errors';
import { enqueueClick, flushClicks } from '@/lib/links/click-writer';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { deleteUtmTemplate } from '@/lib/links/delete-utm-template';
import { listUtmTemplates } from '@/lib/links/list-utm-templates';
import { saveUtmTemplate } from '@/lib/links/save-utm-template';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { getCampaignClickStats } from '@/lib/links/get-campaign-click-stats';
import { listMyLinks } from '@/lib/links/list-my-links';
import { listInfluencerLinks } from '@/lib/links/list-influencer-links';
import { answerVisit, forgetLink } from '@/lib/links/resolve-link';
import { installLinkServer } from '@/lib/links/serve-links';
import { setTrackingLinkActive } from '@/lib/links/set-tracking-link-active';
import { cpa, roas, roi } from '@/lib/metrics/cost';
import type { Ctx } from '@/lib/context';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, giveVerifiedAccount, textOf } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let ana: Awaited<ReturnType<typeof createInfluencerUser>>;
let ben: Awaited<ReturnType<typeof createInfluencerUser>>;
let cancelled: Awaited<ReturnType<typeof createInfluencerUser>>;
let campaignId: string;
let apiCtx: Ctx;

const IPHONE_INSTAGRAM =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 609304546)';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** A visit from `ip` with `userAgent`, as the HTTP server hands it over. */
const visit = (key: string, ip: string, userAgent: string, at?: Date) =>
  answerVisit({
    key,
    at,
    header: (name) =>
      ({ 'user-agent': userAgent, 'x-reachboard-peer-address': ip, referer: 'https://l.instagram.com/?u=x' })[name] ?? undefined,
  });

beforeAll(async () => {
  installPeerAddressHeader(Server);
  brand = await createOrg({ approved: true });
  other = await createOrg({ approved: true });
  ana = await createInfluencerUser();
  ben = await createInfluencerUser();
  cancelled = await createInfluencerUser();
  await giveVerifiedAccount(ana.profile.id, 'instagram', `ana_${ana.profile.id.slice(0, 6)}`);
  await giveVerifiedAccount(ben.profile.id, 'youtube', `ben_${ben.profile.id.slice(0, 6)}`);
  const campaign = await createCampaign({ orgId: brand.org.id, name: 'Spring Trail Launch', currency: 'USD', startsOn: '2026-01-01' });
  campaignId = campaign.id;
  const db = await getDb();
  await db.insert(collaborations).values([
    { campaignId, influencerId: ana.profile.id, agreedFeeMinor: 50_000, currency: 'USD' },
    { campaignId, influencerId: ben.profile.id, agreedFeeMinor: 30_000, currency: 'USD' },
    { campaignId, influencerId: cancelled.profile.id, agreedFeeMinor: 10_000, currency: 'USD', status: 'cancelled' },
  ]);
  const { key } = await createApiKey({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, name: 'Shop server' } });
  apiCtx = await authenticateApiKey(`Bearer ${key}`);
});

const links = () => listCampaignLinks({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
const linkOf = async (influencerId: string) => (await links()).find((l) => l.influencerId === influencerId)!;

describe('tracking links', () => {
  it('a manager creates one link per active collaboration with the standard UTM template; re-running adds none', async () => {
    const input = { orgSlug: brand.org.slug, campaignId, destinationUrl: 'https://shop.example/trail?ref=spring' };
    expect(await createTrackingLinks({ ctx: ctxOf(brand.manager), input })).toEqual({ created: 2, existing: 0 });
    expect(await createTrackingLinks({ ctx: ctxOf(brand.manager), input })).toEqual({ created: 0, existing: 2 });
    const rows = await links();
    expect(rows.map((l) => [l.influencerName, l.utm])).toEqual(
      [
        [
          ana.profile.displayName,
          {
            utmSource: 'instagram',
            utmMedium: 'influencer',
            utmCampaign: 'spring-trail-launch',
            utmContent: ana.profile.displayName.toLowerCase().replace(/ /g, '-'),
          },
        ],
        [
          ben.profile.displayName,
          {
            utmSource: 'youtube',
            utmMedium: 'influencer',
            utmCampaign: 'spring-trail-launch',
            utmContent: ben.profile.displayName.toLowerCase().replace(/ /g, '-'),
          },
        ],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const l of rows) {
      expect(l.key).toMatch(/^[A-Za-z0-9]{8}$/);
      expect(l.shortUrl).toBe(`http://localhost:3000/l/${l.key}`);
      expect(l.state).toBe('active');
      expect([l.clicks, l.uniqueClicks, l.sales, l.revenueMinor]).toEqual([0, 0, 0, null]);
    }
  });

  it('refuses a viewer, another organization, a creator and a bad destination', async () => {
    const input = { orgSlug: brand.org.slug, campaignId, destinationUrl: 'https://shop.example/other' };
    await expect(createTrackingLinks({ ctx: ctxOf(brand.viewer), input })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createTrackingLinks({ ctx: ctxOf(other.manager), input })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createTrackingLinks({ ctx: ctxOf(other.manager), input: { ...input, orgSlug: other.org.slug } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(createTrackingLinks({ ctx: ctxOf(ana.user), input })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createTrackingLinks({ ctx: ctxOf(brand.manager), input: { ...input, destinationUrl: 'javascript:alert(1)' } }),
    ).rejects.toThrow('destinationUrl: Enter a full web address starting with https:// or http://');
    await expect(listCampaignLinks({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug, campaignId } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const link = await linkOf(ana.profile.id);
    await expect(
      setTrackingLinkActive({ ctx: ctxOf(other.manager), input: { orgSlug: other.org.slug, linkId: link.id, active: 'false' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setTrackingLinkActive({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, linkId: link.id, active: 'false' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the influencer page lists the influencer’s links of this organization only', async () => {
    const mine = await listInfluencerLinks({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, influencerId: ana.profile.id } });
    expect(mine.map((l) => [l.campaignName, l.influencerId])).toEqual([['Spring Trail Launch', ana.profile.id]]);
    expect(
      await listInfluencerLinks({ ctx: ctxOf(other.viewer), input: { orgSlug: other.org.slug, influencerId: ana.profile.id } }),
    ).toEqual([]);
    await expect(
      listInfluencerLinks({ ctx: ctxOf(other.viewer), input: { orgSlug: brand.org.slug, influencerId: ana.profile.id } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a creator sees only their own links, under their public name', async () => {
    const mine = await listMyLinks({ ctx: ctxOf(ana.user), input: undefined });
    expect(mine.map((l) => [l.influencerName, l.brandName, l.campaignName])).toEqual([
      [ana.profile.displayName, brand.org.name, 'Spring Trail Launch'],
    ]);
    expect(await listMyLinks({ ctx: ctxOf(cancelled.user), input: undefined })).toEqual([]);
    await expect(listMyLinks({ ctx: ctxOf(brand.owner), input: undefined })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('redirects an active link with its UTM parameters and a click id; disabled, expired and unknown links never redirect', async () => {
    const link = await linkOf(ana.profile.id);
    const answer = await visit(link.key, '203.0.113.7', IPHONE_INSTAGRAM);
    expect(answer.status).toBe(302);
    if (answer.status !== 302) return;
    const url = new URL(answer.location);
    expect(`${url.origin}${url.pathname}`).toBe('https://shop.example/trail');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ref: 'spring',
      utm_source: 'instagram',
      utm_medium: 'influencer',
      utm_campaign: 'spring-trail-launch',
      utm_content: link.utm.utmContent,
      rb_click: answer.clickId,
    });

    await setTrackingLinkActive({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, linkId: link.id, active: 'false' } });
    expect(await visit(link.key, '203.0.113.7', IPHONE_INSTAGRAM)).toMatchObject({ status: 410, title: 'This link is no longer active' });
    await setTrackingLinkActive({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, linkId: link.id, active: 'true' } });
    expect((await visit(link.key, '203.0.113.7', IPHONE_INSTAGRAM)).status).toBe(302);

    const db = await getDb();
    const ben_ = await linkOf(ben.profile.id);
    await db
      .update(trackingLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(trackingLinks.id, ben_.id));
    forgetLink(ben_.key);
    expect(await visit(ben_.key, '203.0.113.7', DESKTOP)).toMatchObject({ status: 410, title: 'This link has expired' });
    await db.update(trackingLinks).set({ expiresAt: null }).where(eq(trackingLinks.id, ben_.id));
    forgetLink(ben_.key);

    expect(await visit('Nope1234', '203.0.113.7', DESKTOP)).toMatchObject({ status: 404, title: 'Link not found' });
    expect(await visit('../../etc', '203.0.113.7', DESKTOP)).toMatchObject({ status: 404 });
    // A HEAD request (a link checker asking where it goes) is answered but never counted.
    const head = await answerVisit({ key: link.key, record: false, header: () => undefined });
    expect(head.status).toBe(302);
    // Each visit gets its own click id, within one millisecond too (the ids' random bits come from a
    // pool refilled every 256 ids: 1,000 visits cross it several times).
    const sameInstant = new Date('2026-11-30T09:00:00.000Z');
    const ids = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const answer = await answerVisit({ key: link.key, at: sameInstant, record: false, header: () => undefined });
      if (answer.status === 302) ids.add(answer.clickId);
    }
    expect(ids.size).toBe(1_000);
    await flushClicks();
    // The two visits redirected (one before, one after the link was off) are the only clicks.
    expect((await linkOf(ana.profile.id)).clicks).toBe(2);
  });

  it('counts clicks raw and unique per visitor-hour, and keeps bots out of both', async () => {
    const link = await linkOf(ben.profile.id);
    const hour = new Date('2026-11-30T14:05:00Z');
    await visit(link.key, '198.51.100.1', DESKTOP, hour);
    await visit(link.key, '198.51.100.1', DESKTOP, new Date(hour.getTime() + 20 * 60_000)); // same visitor, same hour
    await visit(link.key, '198.51.100.1', DESKTOP, new Date(hour.getTime() + 60 * 60_000)); // same visitor, next hour
    await visit(link.key, '198.51.100.2', DESKTOP, hour); // another visitor
    await visit(link.key, '198.51.100.1', IPHONE_INSTAGRAM, hour); // another device of the same address
    await visit(link.key, '66.249.66.1', GOOGLEBOT, hour);
    await flushClicks();
    const row = await linkOf(ben.profile.id);
    expect([row.clicks, row.uniqueClicks, row.botClicks]).toEqual([5, 4, 1]);
    const db = await getDb();
    const stored = await db.query.linkClicks.findMany({ where: (k, { eq: e }) => e(k.trackingLinkId, link.id) });
    expect(stored.map((k) => k.device).sort()).toEqual(['desktop', 'desktop', 'desktop', 'desktop', 'mobile', 'unknown']);
    expect(stored.every((k) => k.referrerHost === 'l.instagram.com' && k.visitorHash.length === 22)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('198.51.100');
    // Click ids are time-ordered (UUID version 7, RFC 9562 variant): the visit's millisecond first, then random bits.
    const msOfId = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(stored.map((k) => [k.id[14], '89ab'.includes(k.id[19]), msOfId(k.id) - k.clickedAt.getTime()])).toEqual(
      stored.map(() => ['7', true, 0]),
    );
    // The live counter's figures: the campaign's links together, and 30 UTC days ending today.
    const stats = await getCampaignClickStats({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    const all = await links();
    expect([stats.clicks, stats.uniqueClicks, stats.botClicks]).toEqual([
      all.reduce((n, l) => n + l.clicks, 0),
      all.reduce((n, l) => n + l.uniqueClicks, 0),
      1,
    ]);
    expect(stats.byDay).toHaveLength(30);
    expect(stats.byDay.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
    const firstDay = stats.byDay[0].day;
    const db2 = await getDb();
    const recent = (await db2.query.linkClicks.findMany()).filter(
      (k) => !k.isBot && all.some((l) => l.id === k.trackingLinkId) && k.clickedAt.toISOString().slice(0, 10) >= firstDay,
    );
    expect(stats.byDay.reduce((n, d) => n + d.clicks, 0)).toBe(recent.length);
    await expect(getCampaignClickStats({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug, campaignId } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The overview counts the organization's clicks of the day the visits were dated (5 people, 4 visitor-hours, the bot left out).
    const overview = await getOverview({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, period: { from: '2026-11-30', to: '2026-11-30' } },
    });
    const sameDay = (await db.query.linkClicks.findMany()).filter(
      (k) => !k.isBot && all.some((l) => l.id === k.trackingLinkId) && k.clickedAt.toISOString().slice(0, 10) === '2026-11-30',
    );
    expect(sameDay).toHaveLength(5);
    expect([overview.current.linkClicks.value, overview.current.linkClicks.uniqueClicks]).toEqual([5, 4]);
    const elsewhere = await getOverview({
      ctx: ctxOf(other.owner),
      input: { orgSlug: other.org.slug, period: { from: '2026-11-30', to: '2026-11-30' } },
    });
    expect(elsewhere.current.linkClicks).toEqual({
      value: null,
      missing: [],
      reason: 'the organization has no tracking link yet',
      uniqueClicks: 0,
    });
  });
});

describe('the tracking API', () => {
  const clickOn = async (influencerId: string, at = new Date()) => {
    const answer = await visit((await linkOf(influencerId)).key, `192.0.2.${Math.floor(Math.random() * 250)}`, IPHONE_INSTAGRAM, at);
    if (answer.status !== 302) throw new Error('no redirect');
    return answer.clickId;
  };

  it('keys: owner only, shown once, listed without the secret, revocable', async () => {
    await expect(createApiKey({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, name: 'x' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const created = await createApiKey({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, name: 'Old server' } });
    expect(created.key).toMatch(/^rb_[A-Za-z0-9_-]{43}$/);
    const listed = await listApiKeys({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    expect(listed.map((k) => [k.name, k.prefix, k.scopes])).toEqual([
      ['Old server', created.key.slice(0, 11), ['track']],
      ['Shop server', expect.stringMatching(/^rb_/), ['track']],
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(11));
    const ctx = await authenticateApiKey(`Bearer ${created.key}`);
    expect(ctx.actor.orgId).toBe(brand.org.id);
    await expect(revokeApiKey({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, keyId: created.id } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await revokeApiKey({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, keyId: created.id } });
    await expect(authenticateApiKey(`Bearer ${created.key}`)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(authenticateApiKey('Bearer rb_forged')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(authenticateApiKey(undefined)).rejects.toBeInstanceOf(UnauthorizedError);
    // A signed-in owner is not an API key.
    await expect(trackConversion({ ctx: ctxOf(brand.owner), input: { kind: 'lead', externalId: 'x' } })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('a sale with a click id inside the window is attributed to the click; outside it is kept as unqualified', async () => {
    const clickId = await clickOn(ana.profile.id);
    await flushClicks();
    const sale = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-1', clickId, amountMinor: 12_500, currency: 'usd' },
    });
    expect(sale).toMatchObject({
      duplicate: false,
      attribution: { status: 'attributed', method: 'click', campaignId, influencerId: ana.profile.id, windowDays: 30 },
    });
    const oldClick = await clickOn(ana.profile.id, new Date(Date.now() - 40 * 86_400_000));
    const late = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-2', clickId: oldClick, amountMinor: 9_900, currency: 'USD' },
    });
    expect(late.attribution).toMatchObject({ status: 'outside_window', method: 'click', influencerId: ana.profile.id });
    const none = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-3', amountMinor: 5_000, currency: 'USD' },
    });
    expect(none.attribution).toEqual({ status: 'unattributed', method: null, campaignId: null, influencerId: null, windowDays: null });
  });

  it('a click not yet written (clicks are batched) is still found', async () => {
    const clickId = await clickOn(ben.profile.id);
    const sale = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-4', clickId, amountMinor: 2_000, currency: 'USD' },
    });
    expect(sale.attribution).toMatchObject({ status: 'attributed', method: 'click', influencerId: ben.profile.id });
  });

  it('a lead carries its click to the customer’s later sale', async () => {
    const clickId = await clickOn(ben.profile.id);
    await flushClicks();
    const lead = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'lead', externalId: 'signup-77', clickId, customerExternalId: 'cus_77' },
    });
    expect(lead.attribution).toMatchObject({ status: 'attributed', method: 'click', influencerId: ben.profile.id });
    const sale = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-5', customerExternalId: 'cus_77', amountMinor: 4_000, currency: 'USD' },
    });
    expect(sale.attribution).toMatchObject({ status: 'attributed', method: 'click', influencerId: ben.profile.id });
  });

  it('a discount code beats a click unless the campaign says otherwise', async () => {
    await expect(
      createDiscountCode({
        ctx: ctxOf(brand.viewer),
        input: { orgSlug: brand.org.slug, campaignId, influencerId: ben.profile.id, code: 'BEN15' },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await createDiscountCode({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId, influencerId: ben.profile.id, code: 'ben15' },
    });
    await expect(
      createDiscountCode({
        ctx: ctxOf(brand.manager),
        input: { orgSlug: brand.org.slug, campaignId, influencerId: ana.profile.id, code: 'BEN15' },
      }),
    ).rejects.toThrow('code: BEN15 is already in use in this organization');
    const clickId = await clickOn(ana.profile.id);
    await flushClicks();
    const both = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-6', clickId, discountCode: 'Ben15', amountMinor: 8_000, currency: 'USD' },
    });
    expect(both.attribution).toMatchObject({ status: 'attributed', method: 'code', influencerId: ben.profile.id });
    await setCampaignAttribution({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId, attributionWindowDays: '30', winner: 'click' },
    });
    const clickWins = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-7', clickId, discountCode: 'BEN15', amountMinor: 3_000, currency: 'USD' },
    });
    expect(clickWins.attribution).toMatchObject({ status: 'attributed', method: 'click', influencerId: ana.profile.id });
    await setCampaignAttribution({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaignId, attributionWindowDays: '30', winner: 'code' },
    });
    // Another organization's key never matches this organization's code or click.
    const { key } = await createApiKey({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, name: 'Other shop' } });
    const foreign = await trackConversion({
      ctx: await authenticateApiKey(`Bearer ${key}`),
      input: { kind: 'sale', externalId: 'order-6', clickId, discountCode: 'BEN15', amountMinor: 1, currency: 'USD' },
    });
    expect(foreign).toMatchObject({ duplicate: false, attribution: { status: 'unattributed', campaignId: null } });
  });

  it('is idempotent on the external id, also under 200 concurrent deliveries', async () => {
    const again = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-1', amountMinor: 999_999, currency: 'USD' },
    });
    expect(again).toMatchObject({ duplicate: true, attribution: { status: 'attributed', influencerId: ana.profile.id } });
    const clickId = await clickOn(ana.profile.id);
    await flushClicks();
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        trackConversion({ ctx: apiCtx, input: { kind: 'sale', externalId: 'order-burst', clickId, amountMinor: 1_000, currency: 'USD' } }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const db = await getDb();
    const [{ n }] = await db
      .select({ n: count() })
      .from(conversions)
      .where(and(eq(conversions.orgId, brand.org.id), eq(conversions.externalId, 'order-burst')));
    expect(n).toBe(1);
  });

  it('rejects bad input naming the field', async () => {
    await expect(
      trackConversion({ ctx: apiCtx, input: { kind: 'sale', externalId: 'o', amountMinor: 19.99, currency: 'USD' } }),
    ).rejects.toThrow('amountMinor: must be an integer number of minor units (cents): 19.99 is 1999');
    await expect(
      trackConversion({ ctx: apiCtx, input: { kind: 'sale', externalId: 'o', amountMinor: 100, currency: 'dollars' } }),
    ).rejects.toThrow('currency: must be an ISO 4217 code such as USD');
    await expect(trackConversion({ ctx: apiCtx, input: { kind: 'lead', externalId: 'o', clickId: 'abc' } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      trackConversion({ ctx: apiCtx, input: { kind: 'lead', externalId: 'o', occurredAt: '2099-01-01T00:00:00Z' } }),
    ).rejects.toThrow('occurredAt: is in the future');
  });

  it('refunds reverse a sale, once per refund id', async () => {
    expect(await trackRefund({ ctx: apiCtx, input: { externalId: 're-1', saleExternalId: 'order-1', amountMinor: 2_500 } })).toMatchObject({
      amountMinor: 12_500,
      refundedMinor: 2_500,
      duplicate: false,
    });
    expect(await trackRefund({ ctx: apiCtx, input: { externalId: 're-1', saleExternalId: 'order-1', amountMinor: 2_500 } })).toMatchObject({
      refundedMinor: 2_500,
      duplicate: true,
    });
    await expect(trackRefund({ ctx: apiCtx, input: { externalId: 're-2', saleExternalId: 'no-such-order' } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('the campaign report’s ROI comes from the attributed sales, net of refunds', async () => {
    const report = await getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
    const db = await getDb();
    const rows = await db.select().from(conversions).where(eq(conversions.campaignId, campaignId));
    const attributed = rows.filter((r) => r.kind === 'sale' && r.attributionStatus === 'attributed');
    // order-1 (12,500 − 2,500), order-4 (2,000), order-5 (4,000), order-6 (8,000), order-7 (3,000), order-burst (1,000)
    const revenue = 10_000 + 2_000 + 4_000 + 8_000 + 3_000 + 1_000;
    expect(attributed.reduce((s, r) => s + (r.revenueMinor ?? 0) - r.refundedMinor, 0)).toBe(revenue);
    expect(report.tracked).toMatchObject({ conversions: 6, revenueMinor: revenue, leads: 1, outsideWindow: 1 });
    expect(report.spendMinor).toBe(80_000);
    expect(report.totals.revenueMinor).toBe(revenue);
    expect(report.metrics.roi).toEqual(roi(revenue, 80_000));
    expect(report.metrics.roi.value).toBeCloseTo((28_000 - 80_000) / 80_000, 10);
    expect(report.metrics.roas).toEqual(roas(revenue, 80_000));
    expect(report.metrics.cpa).toEqual(cpa(80_000, 6));
    const [{ c }] = await db.select({ c: campaigns.attributionWindowDays }).from(campaigns).where(eq(campaigns.id, campaignId));
    expect(c).toBe(30);
    const ana_ = report.influencers.find((i) => i.influencerId === ana.profile.id)!;
    // order-1 (10,000 net), order-7 (3,000), order-burst (1,000)
    expect([ana_.totals.conversions, ana_.totals.revenueMinor]).toEqual([3, 14_000]);
  });

  it('the campaign CSV carries the attribution figures and every conversion with its label', async () => {
    const csv = await textOf((await campaignCsv({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } })).chunks);
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.startsWith('attributed_sales,'))).toBe(
      'attributed_sales,6,count,"sales credited to this campaign by click, code, import or entry"',
    );
    expect(lines.find((l) => l.startsWith('attributed_revenue,'))).toBe(
      'attributed_revenue,280.00,USD,revenue of the attributed sales net of refunds',
    );
    expect(lines.find((l) => l.startsWith('unqualified_outside_window,'))).toMatch(/^unqualified_outside_window,1,count,/);
    const section = lines.slice(lines.indexOf('# conversions'));
    expect(section[1]).toBe(
      'conversion_id,kind,external_id,occurred_at,influencer,amount,refunded,currency,attributed_by,attribution_status,window_days,discount_code,click_id',
    );
    const rows = section.slice(2).filter(Boolean);
    // order-1..7 but order-3 (unattributed: no campaign), the lead and the burst order.
    expect(rows).toHaveLength(8);
    const order1 = rows.find((r) => r.includes(',order-1,'))!.split(',');
    expect(order1.slice(1, 3)).toEqual(['sale', 'order-1']);
    expect(order1.slice(5, 11)).toEqual(['125.00', '25.00', 'USD', 'click', 'attributed', '30']);
    expect(rows.find((r) => r.includes(',order-2,'))).toContain(',click,unqualified: outside window,30,,');
    expect(rows.find((r) => r.includes(',order-6,'))).toContain(',code,attributed,30,BEN15,');
  });
});

describe('removing codes and templates', () => {
  it('a removed code credits no later sale; the sale it credited before keeps its creator', async () => {
    const input = { orgSlug: brand.org.slug, campaignId, influencerId: ana.profile.id, code: 'ANA10' };
    const { id: codeId } = await createDiscountCode({ ctx: ctxOf(brand.manager), input });
    const before = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-code-1', discountCode: 'ANA10', amountMinor: 2_500, currency: 'USD' },
    });
    expect(before.attribution).toMatchObject({ status: 'attributed', method: 'code', influencerId: ana.profile.id });
    const remove = (ctx: Ctx, orgSlug = brand.org.slug) => deleteDiscountCode({ ctx, input: { orgSlug, campaignId, codeId } });
    await expect(remove(ctxOf(brand.viewer))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(remove(ctxOf(other.owner), other.org.slug)).rejects.toBeInstanceOf(NotFoundError);
    await remove(ctxOf(brand.manager));
    await expect(remove(ctxOf(brand.manager))).rejects.toBeInstanceOf(NotFoundError);
    const after = await trackConversion({
      ctx: apiCtx,
      input: { kind: 'sale', externalId: 'order-code-2', discountCode: 'ANA10', amountMinor: 2_500, currency: 'USD' },
    });
    expect(after.attribution).toMatchObject({ status: 'unattributed' });
    const db = await getDb();
    const kept = await db.query.conversions.findFirst({
      where: (c, { and: a, eq: e }) => a(e(c.orgId, brand.org.id), e(c.externalId, 'order-code-1')),
    });
    expect([kept?.attributionStatus, kept?.attributedBy, kept?.influencerId]).toEqual(['attributed', 'code', ana.profile.id]);
  });

  it('a deleted UTM template leaves the links made with it as they were', async () => {
    const { id: templateId } = await saveUtmTemplate({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        name: 'Stories',
        utmSource: '{platform}',
        utmMedium: 'story',
        utmCampaign: '{campaign}',
        utmContent: '{influencer}',
      },
    });
    await createTrackingLinks({
      ctx: ctxOf(brand.manager),
      input: {
        orgSlug: brand.org.slug,
        campaignId,
        destinationUrl: 'https://shop.example/stories',
        influencerId: ana.profile.id,
        utmTemplateId: templateId,
      },
    });
    const remove = (ctx: Ctx, orgSlug = brand.org.slug) => deleteUtmTemplate({ ctx, input: { orgSlug, templateId } });
    await expect(remove(ctxOf(brand.viewer))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(remove(ctxOf(other.owner), other.org.slug)).rejects.toBeInstanceOf(NotFoundError);
    await remove(ctxOf(brand.manager));
    expect((await listUtmTemplates({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } })).map((t) => t.name)).not.toContain(
      'Stories',
    );
    const story = (await links()).find((l) => l.destinationUrl === 'https://shop.example/stories');
    expect(story?.utm).toMatchObject({ utmMedium: 'story', utmCampaign: 'spring-trail-launch' });
  });
});

/** A click of Ben's link already stored: the template the writer tests copy with new ids. */
async function aStoredClick() {
  const link = await linkOf(ben.profile.id);
  const [stored] = await (await getDb()).select().from(linkClicks).where(eq(linkClicks.trackingLinkId, link.id)).limit(1);
  return stored;
}

describe('the HTTP server’s own answer to a visit (lib/links/serve-links.ts, as `next start` runs it)', () => {
  it('redirects the first visit after reading the link and the next ones from its cache, the same way; other paths go on to Next', async () => {
    installLinkServer(Server);
    const server = createServer((_req, res) => res.end('answered by Next'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (path: string, method = 'GET') =>
      fetch(`${base}${path}`, { method, redirect: 'manual', headers: { 'user-agent': IPHONE_INSTAGRAM } });
    try {
      const link = await linkOf(ben.profile.id);
      forgetLink(link.key); // the first visit reads the link from the database
      const before = link.clicks;
      const first = await get(`/l/${link.key}`);
      const second = await get(`/l/${link.key}`); // answered from this process's cache
      const ids = [first, second].map((r) => new URL(r.headers.get('location')!).searchParams.get('rb_click'));
      expect([first.status, second.status]).toEqual([302, 302]);
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[0]).not.toBe(ids[1]);
      expect(new URL(second.headers.get('location')!).searchParams.get('utm_content')).toBe(link.utm.utmContent);
      expect(second.headers.get('cache-control')).toBe('no-store');
      expect((await get(`/l/${link.key}`, 'HEAD')).status).toBe(302); // answered, not counted

      const unknown = await get('/l/Nope1234');
      expect([unknown.status, unknown.headers.get('location')]).toEqual([404, null]);
      expect(await unknown.text()).toContain('<h1>Link not found</h1>');
      const next = await get('/campaigns');
      expect([next.status, await next.text()]).toEqual([200, 'answered by Next']);

      await setTrackingLinkActive({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, linkId: link.id, active: 'false' } });
      const off = await get(`/l/${link.key}`);
      expect([off.status, off.headers.get('location')]).toEqual([410, null]);
      expect(await off.text()).toContain('<h1>This link is no longer active</h1>');
      await setTrackingLinkActive({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, linkId: link.id, active: 'true' } });

      await flushClicks();
      const stored = await (await getDb()).query.linkClicks.findMany({ where: (k, { inArray }) => inArray(k.id, ids as string[]) });
      expect(stored.map((k) => [k.trackingLinkId, k.device, k.isBot])).toEqual([
        [link.id, 'mobile', false],
        [link.id, 'mobile', false],
      ]);
      expect((await linkOf(ben.profile.id)).clicks).toBe(before + 2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('visits arriving together are each answered with their own click id and each stored once', async () => {
    installLinkServer(Server);
    const server = createServer((_req, res) => res.end('answered by Next'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const link = await linkOf(ben.profile.id);
      const before = link.clicks;
      // 40 connections at once: the server reads several requests in one turn of its event loop
      // and writes their answers together at the end of it; HEADs among them are answered, not counted.
      const methods = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? 'HEAD' : 'GET'));
      const answers = await Promise.all(
        methods.map((method) =>
          fetch(`${base}/l/${link.key}`, { method, redirect: 'manual', headers: { 'user-agent': DESKTOP, connection: 'close' } }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(methods.map(() => 302));
      const ids = answers.map((r) => new URL(r.headers.get('location')!).searchParams.get('rb_click')!);
      expect(new Set(ids).size).toBe(40);
      await flushClicks();
      const stored = await (await getDb()).select({ id: linkClicks.id }).from(linkClicks).where(inArray(linkClicks.id, ids));
      expect(stored.map((k) => k.id).sort()).toEqual(ids.filter((_, i) => methods[i] === 'GET').sort());
      expect((await linkOf(ben.profile.id)).clicks).toBe(before + 30);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a queued click is stored with every value it was queued with', async () => {
    const link = await linkOf(ben.profile.id);
    const click = {
      id: randomUUID(),
      orgId: brand.org.id,
      trackingLinkId: link.id,
      clickedAt: new Date('2026-03-14T15:09:26.535Z'),
      visitorHash: 'every-value-visitor01',
      country: 'DE',
      device: 'tablet',
      referrerHost: 'l.instagram.com',
      isBot: true,
    };
    const bare = { ...click, id: randomUUID(), visitorHash: 'no-optional-values', country: null, referrerHost: null, isBot: false };
    enqueueClick(click);
    enqueueClick(bare);
    await flushClicks();
    const rows = await (
      await getDb()
    )
      .select()
      .from(linkClicks)
      .where(inArray(linkClicks.id, [click.id, bare.id]));
    expect(rows.sort((a, b) => a.visitorHash.localeCompare(b.visitorHash))).toEqual([click, bare]);
  });

  it('a click of a link deleted before its batch was written is dropped and holds back no other click', async () => {
    const db = await getDb();
    const stored = await aStoredClick();
    // A visit answered from a cached link whose campaign was deleted meanwhile (another instance's
    // cache, or before the flush), queued between two visits of a live link.
    const before = { ...stored, id: randomUUID(), visitorHash: 'before-the-deleted-one' };
    const orphan = { ...stored, id: randomUUID(), trackingLinkId: randomUUID(), visitorHash: 'of-a-deleted-link' };
    const after = { ...stored, id: randomUUID(), visitorHash: 'after-the-deleted-one' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const click of [before, orphan, after]) enqueueClick(click);
      await flushClicks();
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual(['[clicks] dropped 1 clicks of 1 links deleted before they were written']);
    } finally {
      logged.mockRestore();
    }
    const rows = await db
      .select({ id: linkClicks.id, visitorHash: linkClicks.visitorHash })
      .from(linkClicks)
      .where(inArray(linkClicks.id, [before.id, orphan.id, after.id]));
    expect(rows.map((k) => k.visitorHash).sort()).toEqual(['after-the-deleted-one', 'before-the-deleted-one']);
    // Nothing is left queued: the next flush writes nothing and logs nothing.
    const next = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await flushClicks();
      expect(next).not.toHaveBeenCalled();
    } finally {
      next.mockRestore();
    }
  });

  it('a click naming another organization than its link’s is dropped at the write', async () => {
    const db = await getDb();
    const stored = await aStoredClick();
    const forged = { ...stored, id: randomUUID(), orgId: other.org.id, visitorHash: 'forged-organization' };
    const fine = { ...stored, id: randomUUID(), visitorHash: 'beside-the-forged-one' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      enqueueClick(forged);
      enqueueClick(fine);
      await flushClicks();
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
        '[clicks] dropped 1 clicks naming another organization than their link’s',
      ]);
    } finally {
      logged.mockRestore();
    }
    const rows = await db
      .select({ visitorHash: linkClicks.visitorHash, orgId: linkClicks.orgId })
      .from(linkClicks)
      .where(inArray(linkClicks.id, [forged.id, fine.id]));
    expect(rows).toEqual([{ visitorHash: 'beside-the-forged-one', orgId: brand.org.id }]);
  });

  it('deleting a link, or the campaign holding it, deletes its clicks and no other', async () => {
    const db = await getDb();
    const campaign = await createCampaign({ orgId: other.org.id, name: 'Short-lived', currency: 'USD' });
    await db.insert(collaborations).values([
      { campaignId: campaign.id, influencerId: ana.profile.id, agreedFeeMinor: 1_000, currency: 'USD' },
      { campaignId: campaign.id, influencerId: ben.profile.id, agreedFeeMinor: 1_000, currency: 'USD' },
    ]);
    const input = { orgSlug: other.org.slug, campaignId: campaign.id, destinationUrl: 'https://other.example/' };
    expect(await createTrackingLinks({ ctx: ctxOf(other.owner), input })).toEqual({ created: 2, existing: 0 });
    const [first, second] = await db.select().from(trackingLinks).where(eq(trackingLinks.campaignId, campaign.id));
    for (const key of [first.key, first.key, second.key]) await visit(key, '203.0.113.9', DESKTOP);
    await flushClicks();
    const clicksOf = async (linkId: string) =>
      (await db.select({ n: count() }).from(linkClicks).where(eq(linkClicks.trackingLinkId, linkId)))[0].n;
    const allClicks = async () => (await db.select({ n: count() }).from(linkClicks))[0].n;
    expect([await clicksOf(first.id), await clicksOf(second.id)]).toEqual([2, 1]);
    const before = await allClicks();
    await db.delete(trackingLinks).where(eq(trackingLinks.id, first.id));
    expect([await clicksOf(first.id), await clicksOf(second.id), await allClicks()]).toEqual([0, 1, before - 2]);
    await db.delete(campaigns).where(eq(campaigns.id, campaign.id)); // its links go with it (foreign key), their clicks with them (trigger)
    expect([await clicksOf(second.id), await allClicks()]).toEqual([0, before - 3]);
  });

  it('under load each write carries a full batch: clicks queued during a write wait for the next 1,000, the timer or a flush', async () => {
    const db = await getDb();
    const stored = await aStoredClick();
    await flushClicks();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a timer armed by an earlier test (CLICK_FLUSH_MS, 1 s) has fired
    const events: string[] = [];
    const original = db.transaction.bind(db);
    const transaction = vi.spyOn(db, 'transaction').mockImplementation((...args) => {
      events.push('write');
      return original(...args);
    });
    try {
      const clicks = Array.from({ length: 1_400 }, (_, i) => ({ ...stored, id: randomUUID(), visitorHash: `full-batch-${i}` }));
      const storedOf = () => storedCount(clicks.map((c) => c.id));
      for (const click of clicks) enqueueClick(click); // the 1,000th starts a write; 400 more are queued behind it
      await until(async () => (await storedOf()) === 1_000);
      events.push('flush');
      await flushClicks();
      expect([events, await storedOf()]).toEqual([['write', 'flush', 'write'], 1_400]);
    } finally {
      transaction.mockRestore();
    }
  });

  it('a queue over its bound drops its oldest waiting batch, never the batch being written', async () => {
    const db = await getDb();
    const stored = await aStoredClick();
    await flushClicks();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const original = db.transaction.bind(db);
    const transaction = vi.spyOn(db, 'transaction').mockImplementationOnce(async (...args) => {
      await gate; // the database is slow: the first batch's write is held here
      return original(...args);
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const tag = randomUUID().slice(0, 8); // this run's clicks, whatever earlier runs left in the database
      const clicks = Array.from({ length: 201_001 }, (_, i) => ({ ...stored, id: randomUUID(), visitorHash: `overflow-${tag}-${i}` }));
      for (const click of clicks.slice(0, 1_000)) enqueueClick(click);
      await until(async () => transaction.mock.calls.length === 1); // clicks 0–999 are being written
      // 200,000 more wait: the bound, nothing dropped.
      for (const click of clicks.slice(1_000, 201_000)) enqueueClick(click);
      expect(logged).not.toHaveBeenCalled();
      // One more: the oldest waiting batch (clicks 1,000–1,999) goes, not the one being written.
      enqueueClick(clicks[201_000]);
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
        '[clicks] the database is not taking clicks: dropped the 1000 oldest of 200001 waiting',
      ]);
      open();
      await flushClicks();
      const storedOf = (from: number, to: number) => storedCount(clicks.slice(from, to).map((c) => c.id));
      const [{ n }] = await db
        .select({ n: count() })
        .from(linkClicks)
        .where(sql`${linkClicks.visitorHash} like ${`overflow-${tag}-%`}`);
      expect([n, await storedOf(0, 1_000), await storedOf(1_000, 2_000), await storedOf(2_000, 3_000)]).toEqual([200_001, 1_000, 0, 1_000]);
    } finally {
      transaction.mockRestore();
      logged.mockRestore();
    }
  });

  it('a batch written again (its first write committed, the answer lost) stores each click once', async () => {
    const db = await getDb();
    const stored = await aStoredClick();
    const fresh = { ...stored, id: randomUUID(), visitorHash: 'retried-batch-visitor1' };
    enqueueClick({ ...stored, visitorHash: 'a changed copy of it' });
    enqueueClick(fresh);
    await flushClicks();
    const rows = await db
      .select()
      .from(linkClicks)
      .where(inArray(linkClicks.id, [stored.id, fresh.id]));
    expect(rows.map((k) => [k.id, k.visitorHash]).sort()).toEqual(
      [
        [stored.id, stored.visitorHash],
        [fresh.id, 'retried-batch-visitor1'],
      ].sort(),
    );
  });
});

/** How many of the clicks `ids` are stored. */
async function storedCount(ids: string[]): Promise<number> {
  const db = await getDb();
  return (await db.select({ n: count() }).from(linkClicks).where(inArray(linkClicks.id, ids)))[0].n;
}

/** Polls `condition` every 20 ms until it holds; fails after 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const started = performance.now(); !(await condition()); await new Promise((r) => setTimeout(r, 20)))
    if (performance.now() - started > 10_000) throw new Error('the condition did not hold within 10 s');
}

// The embedded database has one connection: no other transaction can delete a link while a batch
// is written. CI runs this on the Postgres server (`.ci/run`, DATABASE_URL set).
describe.runIf(process.env.DATABASE_URL)('a link deleted while its clicks are being written', () => {
  it('waits for the batch (the writer holds the link), then its trigger deletes the clicks: none is left without its link', async () => {
    const db = await getDb();
    const campaign = await createCampaign({ orgId: other.org.id, name: 'Deleted mid-write', currency: 'USD' });
    await db
      .insert(collaborations)
      .values({ campaignId: campaign.id, influencerId: ana.profile.id, agreedFeeMinor: 1_000, currency: 'USD' });
    const input = { orgSlug: other.org.slug, campaignId: campaign.id, destinationUrl: 'https://other.example/mid-write' };
    await createTrackingLinks({ ctx: ctxOf(other.owner), input });
    const [link] = await db.select().from(trackingLinks).where(eq(trackingLinks.campaignId, campaign.id));
    const other_ = postgres(process.env.DATABASE_URL!, { max: 3, onnotice: () => {} });
    // A statement of this database waiting for a lock, by the start of its text (other test files
    // may wait on locks of their own meanwhile).
    const waiting = async (statement: string) =>
      (
        await other_`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike ${statement + '%'}`
      )[0].n > 0;
    try {
      // Stop the writer between its check of the batch's links and its COPY: COPY waits for this lock.
      const holder = await other_.reserve();
      await holder`begin`;
      await holder`lock table link_clicks in share mode`;
      await visit(link.key, '203.0.113.10', DESKTOP);
      await visit(link.key, '203.0.113.11', DESKTOP);
      const writing = flushClicks();
      await until(() => waiting('copy link_clicks'));
      // The link is checked and held by the writer: deleting it waits for the batch to commit.
      const deleter = await other_.reserve();
      const deleting = deleter`delete from tracking_links where id = ${link.id}`.execute();
      await until(() => waiting('delete from tracking_links'));
      await holder`commit`;
      holder.release();
      await writing;
      await deleting;
      deleter.release();
      const [{ n }] = await db.select({ n: count() }).from(linkClicks).where(eq(linkClicks.trackingLinkId, link.id));
      expect([n, (await db.select().from(trackingLinks).where(eq(trackingLinks.id, link.id))).length]).toEqual([0, 0]);
    } finally {
      await other_.end();
    }
  });
});
