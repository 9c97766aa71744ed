import { createHmac } from 'node:crypto';
import { Server } from 'node:http';
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { collaborations, conversions, shopWebhooks } from '@/db/schema';
import { createShopWebhook } from '@/lib/attribution/create-shop-webhook';
import { createDiscountCode } from '@/lib/attribution/create-discount-code';
import { listShopWebhooks } from '@/lib/attribution/list-shop-webhooks';
import { receiveShopWebhook } from '@/lib/attribution/receive-shop-webhook';
import { revokeShopWebhook } from '@/lib/attribution/revoke-shop-webhook';
import { installPeerAddressHeader } from '@/lib/auth/client-ip';
import { systemCtx } from '@/lib/context';
import { resealSecrets } from '@/lib/crypto/reseal-secrets';
import { SecretError } from '@/lib/crypto/secret-box';
import { getEnv } from '@/lib/env';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/errors';
import { flushClicks } from '@/lib/links/click-writer';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { answerVisit } from '@/lib/links/resolve-link';
import { createCampaign, createInfluencerUser, createOrg, ctxOf } from '../factories';

const SHOPIFY_SECRET = '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';
const STRIPE_SECRET = 'whsec_test_3c4b5a69788796a5b4c3d2e1f00f1e2d';
let brand: Awaited<ReturnType<typeof createOrg>>;
let other: Awaited<ReturnType<typeof createOrg>>;
let ana: Awaited<ReturnType<typeof createInfluencerUser>>;
let shopify: { id: string; url: string };
let stripe: { id: string; url: string };
let clickId: string;

const nobody = { actor: null };
/** A delivery as Shopify signs it: base64 HMAC-SHA256 of the raw body with the webhook secret. */
const shopifyDelivery = (topic: string, body: object, secret = SHOPIFY_SECRET) => {
  const rawBody = JSON.stringify(body)
    .replace(/"id":"(\d{16,})"/g, '"id":$1')
    .replace(/"order_id":"(\d{16,})"/g, '"order_id":$1');
  const hmac = createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
  const headers: Record<string, string> = {
    'x-shopify-hmac-sha256': hmac,
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': 'northwind.myshopify.com',
  };
  return receiveShopWebhook({
    ctx: nobody,
    input: { provider: 'shopify', webhookId: shopify.id, rawBody, header: (n) => headers[n] ?? null },
  });
};
/** A delivery as Stripe signs it (the SDK's own test header helper). */
const stripeDelivery = (event: object, secret = STRIPE_SECRET) => {
  const rawBody = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret });
  return receiveShopWebhook({
    ctx: nobody,
    input: { provider: 'stripe', webhookId: stripe.id, rawBody, header: (n) => (n === 'stripe-signature' ? signature : null) },
  });
};

beforeAll(async () => {
  installPeerAddressHeader(Server);
  brand = await createOrg({ approved: true });
  other = await createOrg({ approved: true });
  ana = await createInfluencerUser();
  const campaign = await createCampaign({ orgId: brand.org.id, name: 'Webhook Launch', currency: 'USD' });
  const db = await getDb();
  await db
    .insert(collaborations)
    .values({ campaignId: campaign.id, influencerId: ana.profile.id, agreedFeeMinor: 20_000, currency: 'USD' });
  await createTrackingLinks({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, campaignId: campaign.id, destinationUrl: 'https://shop.example/' },
  });
  await createDiscountCode({
    ctx: ctxOf(brand.manager),
    input: { orgSlug: brand.org.slug, campaignId: campaign.id, influencerId: ana.profile.id, code: 'ANA10' },
  });
  const [link] = await listCampaignLinks({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId: campaign.id } });
  // The visit happened before the orders below (2026-11-29 and -30).
  const visit = await answerVisit({
    key: link.key,
    at: new Date('2026-11-28T12:00:00Z'),
    header: (n) => ({ 'user-agent': 'Mozilla/5.0 (iPhone) Instagram', 'x-reachboard-peer-address': '203.0.113.5' })[n],
  });
  if (visit.status !== 302) throw new Error('no redirect');
  clickId = visit.clickId;
  await flushClicks();
  shopify = await createShopWebhook({
    ctx: ctxOf(brand.owner),
    input: { orgSlug: brand.org.slug, provider: 'shopify', name: 'US store', signingSecret: SHOPIFY_SECRET },
  });
  stripe = await createShopWebhook({
    ctx: ctxOf(brand.owner),
    input: { orgSlug: brand.org.slug, provider: 'stripe', name: 'Checkout', signingSecret: STRIPE_SECRET },
  });
});

const order = (over: object = {}) => ({
  id: 5_678_901_234_567_890,
  admin_graphql_api_id: 'gid://shopify/Order/5678901234567890',
  created_at: '2026-11-30T10:00:00-05:00',
  processed_at: '2026-11-30T10:00:05-05:00',
  currency: 'USD',
  total_price: '129.90',
  subtotal_price: '119.90',
  discount_codes: [],
  note_attributes: [{ name: 'rb_click', value: '' }],
  landing_site: '/products/trail-jacket?utm_source=instagram&rb_click=',
  customer: { id: 7_001_002_003_004_005 },
  line_items: [{ id: 1, title: 'Trail jacket', quantity: 1, price: '119.90' }],
  ...over,
});

describe('shop webhooks', () => {
  it('only an owner connects a shop; the secret is never listed', async () => {
    await expect(
      createShopWebhook({
        ctx: ctxOf(brand.manager),
        input: { orgSlug: brand.org.slug, provider: 'shopify', name: 'x', signingSecret: SHOPIFY_SECRET },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createShopWebhook({
        ctx: ctxOf(brand.owner),
        input: { orgSlug: brand.org.slug, provider: 'stripe', name: 'x', signingSecret: 'not-a-stripe-secret-value' },
      }),
    ).rejects.toThrow('signingSecret: A Stripe signing secret starts with whsec_');
    const listed = await listShopWebhooks({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug } });
    expect(listed.map((w) => [w.provider, w.name, w.url])).toEqual([
      ['stripe', 'Checkout', `http://localhost:3000/api/v1/webhooks/stripe/${stripe.id}`],
      ['shopify', 'US store', `http://localhost:3000/api/v1/webhooks/shopify/${shopify.id}`],
    ]);
    expect(JSON.stringify(listed)).not.toContain(SHOPIFY_SECRET);
  });

  it('Shopify orders/paid: a signed order with the click id from the landing page is a sale attributed to the click', async () => {
    const outcome = await shopifyDelivery(
      'orders/paid',
      order({ landing_site: `/products/trail-jacket?utm_source=instagram&rb_click=${clickId}` }),
    );
    expect(outcome).toMatchObject({
      handled: 'sale',
      conversion: {
        externalId: 'shopify:5678901234567890',
        duplicate: false,
        attribution: { status: 'attributed', method: 'click', influencerId: ana.profile.id },
      },
    });
    const db = await getDb();
    const [row] = await db.select().from(conversions).where(eq(conversions.externalId, 'shopify:5678901234567890'));
    expect([row.revenueMinor, row.currency, row.customerExternalId, row.occurredAt.toISOString()]).toEqual([
      12_990,
      'USD',
      'shopify:7001002003004005',
      '2026-11-30T15:00:05.000Z',
    ]);
    // Shopify retries deliveries: the same order changes nothing.
    expect(await shopifyDelivery('orders/paid', order({ landing_site: `/?rb_click=${clickId}` }))).toMatchObject({
      conversion: { duplicate: true },
    });
  });

  it('a discount code in the order credits its creator; a cart attribute carries the click too', async () => {
    const outcome = await shopifyDelivery(
      'orders/paid',
      order({
        id: 5_678_901_234_567_891,
        discount_codes: [{ code: 'ana10', amount: '12.99', type: 'percentage' }],
        note_attributes: [{ name: 'rb_click', value: clickId }],
      }),
    );
    expect(outcome).toMatchObject({
      handled: 'sale',
      conversion: { attribution: { status: 'attributed', method: 'code', influencerId: ana.profile.id } },
    });
  });

  it('refuses a forged, re-signed or misdirected delivery, and a revoked webhook', async () => {
    await expect(shopifyDelivery('orders/paid', order({ id: 1 }), 'an attacker’s guess at the secret')).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(
      receiveShopWebhook({ ctx: nobody, input: { provider: 'shopify', webhookId: shopify.id, rawBody: '{}', header: () => null } }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(
      stripeDelivery({ id: 'evt_x', type: 'checkout.session.completed', created: 1, data: { object: {} } }, 'whsec_wrong_secret_000000000'),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(
      receiveShopWebhook({ ctx: nobody, input: { provider: 'stripe', webhookId: shopify.id, rawBody: '{}', header: () => null } }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await shopifyDelivery('orders/create', order({ id: 2 }))).toEqual({
      handled: 'ignored',
      reason: 'topic orders/create is not used',
    });
  });

  it('Shopify refunds/create reverses the refunded amount once', async () => {
    const refund = {
      id: 9_100_200_300_400_500,
      order_id: 5_678_901_234_567_890,
      created_at: '2026-12-01T09:00:00-05:00',
      transactions: [{ id: 1, kind: 'refund', status: 'success', amount: '29.90', currency: 'USD' }],
      refund_line_items: [],
    };
    expect(await shopifyDelivery('refunds/create', refund)).toEqual({
      handled: 'refund',
      saleExternalId: 'shopify:5678901234567890',
      refundedMinor: 2_990,
      duplicate: false,
    });
    expect(await shopifyDelivery('refunds/create', refund)).toMatchObject({ refundedMinor: 2_990, duplicate: true });
    await expect(shopifyDelivery('refunds/create', { ...refund, id: 9_100_200_300_400_501, order_id: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('Stripe checkout.session.completed and charge.refunded, verified with the SDK', async () => {
    const session = {
      id: 'evt_1Q',
      object: 'event',
      type: 'checkout.session.completed',
      created: 1_796_000_000,
      data: {
        object: {
          id: 'cs_test_a1',
          object: 'checkout.session',
          amount_total: 4_500,
          currency: 'eur',
          payment_status: 'paid',
          payment_intent: 'pi_3Q1',
          client_reference_id: clickId,
          customer: 'cus_R1',
          metadata: {},
        },
      },
    };
    expect(await stripeDelivery(session)).toMatchObject({
      handled: 'sale',
      conversion: { externalId: 'stripe:pi_3Q1', attribution: { status: 'attributed', method: 'click', influencerId: ana.profile.id } },
    });
    const charge = (refunded: number) => ({
      id: `evt_r${refunded}`,
      object: 'event',
      type: 'charge.refunded',
      created: 1_796_100_000,
      data: { object: { id: 'ch_3Q1', object: 'charge', amount: 4_500, amount_refunded: refunded, payment_intent: 'pi_3Q1' } },
    });
    expect(await stripeDelivery(charge(1_000))).toMatchObject({ handled: 'refund', refundedMinor: 1_000, duplicate: false });
    expect(await stripeDelivery(charge(1_000))).toMatchObject({ refundedMinor: 1_000, duplicate: true });
    expect(await stripeDelivery(charge(4_500))).toMatchObject({ refundedMinor: 4_500, duplicate: false });
  });

  it('another organization’s webhook never matches this organization’s click', async () => {
    const theirs = await createShopWebhook({
      ctx: ctxOf(other.owner),
      input: { orgSlug: other.org.slug, provider: 'shopify', name: 'Other', signingSecret: SHOPIFY_SECRET },
    });
    const rawBody = JSON.stringify(order({ id: 42, landing_site: `/?rb_click=${clickId}` }));
    const hmac = createHmac('sha256', SHOPIFY_SECRET).update(rawBody).digest('base64');
    const outcome = await receiveShopWebhook({
      ctx: nobody,
      input: {
        provider: 'shopify',
        webhookId: theirs.id,
        rawBody,
        header: (n) => ({ 'x-shopify-hmac-sha256': hmac, 'x-shopify-topic': 'orders/paid' })[n] ?? null,
      },
    });
    expect(outcome).toMatchObject({ handled: 'sale', conversion: { attribution: { status: 'unattributed', campaignId: null } } });
    await revokeShopWebhook({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, webhookId: theirs.id } });
    await expect(
      receiveShopWebhook({
        ctx: nobody,
        input: {
          provider: 'shopify',
          webhookId: theirs.id,
          rawBody,
          header: (n) => ({ 'x-shopify-hmac-sha256': hmac, 'x-shopify-topic': 'orders/paid' })[n] ?? null,
        },
      }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('signing secrets are sealed in the database; a rotated key reseals them, and deliveries verify throughout', async () => {
    const db = await getDb();
    const raw = async () => (await db.select().from(shopWebhooks).where(eq(shopWebhooks.orgId, brand.org.id))).map((h) => h.signingSecret);
    const stored = await raw();
    expect(stored).toHaveLength(2);
    for (const value of stored) {
      expect(value).toMatch(/^rb1\.dev\./);
      expect(value).not.toContain(SHOPIFY_SECRET);
      expect(value).not.toContain(STRIPE_SECRET);
    }
    // A sealed value copied onto another webhook does not open there: the delivery fails before anything is read.
    const [hook] = await db.select().from(shopWebhooks).where(eq(shopWebhooks.id, stripe.id));
    await db.update(shopWebhooks).set({ signingSecret: hook.signingSecret }).where(eq(shopWebhooks.id, shopify.id));
    await expect(shopifyDelivery('orders/paid', order({ id: 777_001 }))).rejects.toBeInstanceOf(SecretError);
    // A secret stored before sealing existed (as typed) still verifies, and the reseal command seals it.
    await db.update(shopWebhooks).set({ signingSecret: SHOPIFY_SECRET }).where(eq(shopWebhooks.id, shopify.id));
    expect(await shopifyDelivery('orders/paid', order({ id: 777_002 }))).toMatchObject({ handled: 'sale' });
    // The operator puts a new key first and reseals.
    const keys = getEnv().encryptionKeys;
    const saved = [...keys];
    keys.unshift({ id: 'k2', key: Buffer.alloc(32, 42) });
    try {
      await expect(resealSecrets({ ctx: ctxOf(brand.owner), input: { tables: ['shop_webhooks'] } })).rejects.toBeInstanceOf(ForbiddenError);
      const webhookCounts = async () =>
        (await resealSecrets({ ctx: systemCtx('test'), input: { tables: ['shop_webhooks'] } })).find(
          (c) => c.column === 'shop_webhooks.signing_secret',
        );
      const counts = await webhookCounts();
      const all = await db.select({ value: shopWebhooks.signingSecret }).from(shopWebhooks);
      expect(counts).toEqual({ column: 'shop_webhooks.signing_secret', resealed: all.length, current: 0 });
      expect(all.every((h) => h.value.startsWith('rb1.k2.'))).toBe(true);
      expect(await webhookCounts()).toEqual({ column: 'shop_webhooks.signing_secret', resealed: 0, current: all.length });
      // The old key dropped: deliveries of both shops still verify.
      keys.splice(1);
      expect(await shopifyDelivery('orders/paid', order({ id: 777_003 }))).toMatchObject({ handled: 'sale' });
      const refund = {
        id: 'evt_rot',
        object: 'event',
        type: 'charge.refunded',
        created: 1_796_200_000,
        data: { object: { id: 'ch_3Q1', object: 'charge', amount: 4_500, amount_refunded: 4_500, payment_intent: 'pi_3Q1' } },
      };
      expect(await stripeDelivery(refund)).toMatchObject({ handled: 'refund', refundedMinor: 4_500, duplicate: true });
    } finally {
      keys.splice(0, keys.length, ...saved);
    }
  });
});
