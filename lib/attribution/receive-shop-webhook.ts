import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import Stripe from 'stripe';
import { z } from 'zod';
import { shopWebhooks } from '@/db/schema';
import type { VerbArgs } from '../context';
import { isSealed, openSecret } from '../crypto/secret-box';
import { getEnv } from '../env';
import { UnauthorizedError, ValidationError } from '../errors';
import { decimalToMinor } from '../money';
import { reader } from '../transaction';
import { isUuid } from '../validation';
import { recordConversion, recordRefund, type TrackedConversion } from './internal';

/** What a delivery did: a sale or refund recorded (or already recorded), or an event we do not use. */
export type WebhookOutcome =
  | { handled: 'sale'; conversion: TrackedConversion }
  | { handled: 'refund'; saleExternalId: string; refundedMinor: number; duplicate: boolean }
  | { handled: 'ignored'; reason: string };

const INVALID = 'The signature does not match this webhook’s signing secret';

/** Shopify's and Stripe's ids can exceed 2^53: JSON numbers of 16+ digits become strings before parsing. */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw.replace(/("[A-Za-z_]+"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
  } catch {
    throw new ValidationError('The body is not JSON');
  }
}

const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const clickParam = (v: unknown) => (typeof v === 'string' && isUuid(v) ? v : undefined);

/** The click id a Shopify order carries: a cart/note attribute, else the landing page's query parameter. */
function shopifyClickId(order: { note_attributes?: { name?: unknown; value?: unknown }[]; landing_site?: unknown }, param: string) {
  const attribute = order.note_attributes?.find((a) => a.name === param || a.name === `_${param}`);
  if (clickParam(attribute?.value)) return attribute!.value as string;
  if (typeof order.landing_site === 'string') {
    try {
      return clickParam(new URL(order.landing_site, 'https://shop.invalid').searchParams.get(param));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const shopifyOrder = z.object({
  id,
  total_price: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  processed_at: z.string().nullish(),
  created_at: z.string(),
  discount_codes: z.array(z.object({ code: z.string() })).default([]),
  note_attributes: z.array(z.object({ name: z.unknown(), value: z.unknown() })).default([]),
  landing_site: z.string().nullish(),
  customer: z.object({ id }).nullish(),
});

const shopifyRefund = z.object({
  id,
  order_id: id,
  created_at: z.string(),
  transactions: z
    .array(z.object({ amount: z.string(), kind: z.string(), status: z.string().optional(), currency: z.string().optional() }))
    .default([]),
});

/**
 * Receives a delivery of a shop webhook (`/api/v1/webhooks/<provider>/<id>`): verifies it with the
 * webhook's signing secret — Shopify's `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw
 * body), Stripe's `Stripe-Signature` through the official SDK (`constructEvent`, which also
 * refuses a timestamp older than 5 minutes) — and records what it says for the webhook's
 * organization: Shopify `orders/paid` and Stripe `checkout.session.completed` as sales (the click
 * id from a note attribute or the landing page's `rb_click`, or Stripe's `client_reference_id` or
 * `metadata.rb_click`; discount codes; the customer), Shopify `refunds/create` and Stripe
 * `charge.refunded` as refunds. Other topics are acknowledged and ignored. Redelivery changes
 * nothing (the order's id is the sale's external id). Anyone may call it: the signature is the
 * authorization.
 * @throws UnauthorizedError (unknown or revoked webhook, missing or wrong signature); ValidationError (a payload we cannot read);
 *         NotFoundError (a refund of a sale not recorded yet: the shop retries).
 */
export async function receiveShopWebhook({
  ctx,
  input,
}: VerbArgs<{ provider: string; webhookId: string; rawBody: string; header: (name: string) => string | null }>): Promise<WebhookOutcome> {
  if ((input.provider !== 'shopify' && input.provider !== 'stripe') || !isUuid(input.webhookId)) throw new UnauthorizedError(INVALID);
  const db = await reader(ctx);
  const [hook] = await db
    .select()
    .from(shopWebhooks)
    .where(and(eq(shopWebhooks.id, input.webhookId), eq(shopWebhooks.provider, input.provider), isNull(shopWebhooks.revokedAt)));
  if (!hook) throw new UnauthorizedError(INVALID);
  const param = getEnv().CLICK_ID_PARAM;
  const signingSecret = signingSecretOf(hook);

  let outcome: WebhookOutcome;
  if (hook.provider === 'shopify') {
    const signature = input.header('x-shopify-hmac-sha256') ?? '';
    const expected = createHmac('sha256', signingSecret).update(input.rawBody, 'utf8').digest();
    const given = Buffer.from(signature, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError(INVALID);
    const topic = input.header('x-shopify-topic');
    if (topic === 'orders/paid') {
      const parsed = shopifyOrder.safeParse(parseJson(input.rawBody));
      if (!parsed.success)
        throw new ValidationError(`Not a Shopify order: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
      const order = parsed.data;
      const amountMinor = decimalToMinor(order.total_price, order.currency);
      if (amountMinor === null)
        throw new ValidationError(`total_price: "${order.total_price.slice(0, 20)}" is not an amount in ${order.currency}`);
      outcome = {
        handled: 'sale',
        conversion: await recordConversion(
          ctx,
          { orgId: hook.orgId, apiKeyId: null },
          {
            kind: 'sale',
            externalId: `shopify:${order.id}`,
            clickId: shopifyClickId(order, param),
            discountCode: order.discount_codes[0]?.code.slice(0, 64),
            customerExternalId: order.customer ? `shopify:${order.customer.id}` : undefined,
            occurredAt: new Date(order.processed_at ?? order.created_at),
            amountMinor,
            currency: order.currency,
          },
        ),
      };
    } else if (topic === 'refunds/create') {
      const parsed = shopifyRefund.safeParse(parseJson(input.rawBody));
      if (!parsed.success)
        throw new ValidationError(`Not a Shopify refund: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
      const refund = parsed.data;
      let amountMinor = 0;
      for (const t of refund.transactions.filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')) {
        const minor = decimalToMinor(t.amount, t.currency ?? 'USD');
        if (minor === null) throw new ValidationError(`transactions.amount: "${t.amount.slice(0, 20)}" is not an amount`);
        amountMinor += minor;
      }
      if (amountMinor === 0) return { handled: 'ignored', reason: 'a refund without a successful refund transaction (restock only)' };
      const r = await recordRefund(ctx, hook.orgId, {
        externalId: `shopify-refund:${refund.id}`,
        saleExternalId: `shopify:${refund.order_id}`,
        amountMinor,
        occurredAt: new Date(refund.created_at),
      });
      outcome = { handled: 'refund', saleExternalId: `shopify:${refund.order_id}`, refundedMinor: r.refundedMinor, duplicate: r.duplicate };
    } else outcome = { handled: 'ignored', reason: `topic ${String(topic).slice(0, 40)} is not used` };
  } else {
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(input.rawBody, input.header('stripe-signature') ?? '', signingSecret);
    } catch {
      throw new UnauthorizedError(INVALID);
    }
    if (event.type === 'checkout.session.completed') {
      const session = event.data.object;
      if (session.payment_status !== 'paid' || session.amount_total === null || !session.currency)
        return { handled: 'ignored', reason: `checkout ${session.id} is not paid` };
      const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
      outcome = {
        handled: 'sale',
        conversion: await recordConversion(
          ctx,
          { orgId: hook.orgId, apiKeyId: null },
          {
            kind: 'sale',
            // The payment intent, which refunds name; a session without one keeps its own id.
            externalId: `stripe:${paymentIntent ?? session.id}`,
            clickId: clickParam(session.client_reference_id) ?? clickParam(session.metadata?.[param]),
            discountCode: session.metadata?.discount_code?.slice(0, 64) || undefined,
            customerExternalId: typeof session.customer === 'string' ? `stripe:${session.customer}` : undefined,
            occurredAt: new Date(event.created * 1000),
            amountMinor: session.amount_total,
            currency: session.currency.toUpperCase(),
          },
        ),
      };
    } else if (event.type === 'charge.refunded') {
      const charge = event.data.object;
      const paymentIntent = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      if (!paymentIntent) return { handled: 'ignored', reason: `charge ${charge.id} has no payment intent` };
      const r = await recordRefund(ctx, hook.orgId, {
        // Stripe reports the charge's refunded total: one refund record per total reached.
        externalId: `stripe-refund:${charge.id}:${charge.amount_refunded}`,
        saleExternalId: `stripe:${paymentIntent}`,
        totalRefundedMinor: charge.amount_refunded,
        occurredAt: new Date(event.created * 1000),
      });
      outcome = { handled: 'refund', saleExternalId: `stripe:${paymentIntent}`, refundedMinor: r.refundedMinor, duplicate: r.duplicate };
    } else outcome = { handled: 'ignored', reason: `event ${event.type} is not used` };
  }
  await db.update(shopWebhooks).set({ lastReceivedAt: new Date() }).where(eq(shopWebhooks.id, hook.id));
  return outcome;
}

/**
 * A webhook's signing secret in clear. Rows written before secrets were sealed hold it as typed
 * until `npm run secrets:reseal` seals them.
 * @throws SecretError when the sealed value does not open (its key is not configured, or it was moved or altered).
 */
function signingSecretOf(hook: { id: string; signingSecret: string }): string {
  return isSealed(hook.signingSecret)
    ? openSecret(hook.signingSecret, { table: 'shop_webhooks', column: 'signing_secret', rowId: hook.id })
    : hook.signingSecret;
}
