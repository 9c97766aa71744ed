import { z } from 'zod';
import { requireApiKey } from '../authz/guards';
import type { VerbArgs } from '../context';
import { parseInput, type Untrusted } from '../validation';
import { recordConversion, type TrackedConversion } from './internal';

/** The largest amount accepted, in minor units (what a bigint column and a double both hold exactly). */
const MAX_AMOUNT_MINOR = 9_007_199_254_740_991;

const text = (max: number, what: string) => z.string().trim().min(1, `is empty`).max(max, `is longer than ${max} characters (${what})`);

const base = {
  /** The organization's own id of the event (order id, sign-up id): sending it again changes nothing. */
  externalId: text(200, 'the order or event id'),
  /** The click id the destination received (`rb_click`). */
  clickId: z.guid('is not a Reachboard click id (the rb_click parameter)').optional(),
  discountCode: text(64, 'a discount code').optional(),
  /** The shop's customer id: a sale without a click id is credited to the click of this customer's lead. */
  customerExternalId: text(200, 'the customer id').optional(),
  /** When it happened (ISO 8601 with offset); default: now. */
  occurredAt: z.iso
    .datetime({ offset: true, error: 'Send an ISO 8601 date-time such as 2026-11-30T14:05:00Z' })
    .optional()
    .transform((v) => (v ? new Date(v) : new Date()))
    .refine((d) => d.getTime() <= Date.now() + 3_600_000, 'is in the future')
    .refine((d) => d.getTime() >= Date.UTC(2000, 0, 1), 'is before 2000'),
};

const leadSchema = z.object({ kind: z.literal('lead'), ...base }).strict();
const saleSchema = z
  .object({
    kind: z.literal('sale'),
    ...base,
    /** The order amount in minor units of `currency` (cents): 1999 = 19.99. */
    amountMinor: z
      .number({ error: 'Send the amount as an integer number of minor units (cents)' })
      .int('must be an integer number of minor units (cents): 19.99 is 1999')
      .min(0, 'is negative (send refunds to /api/v1/track/refund)')
      .max(MAX_AMOUNT_MINOR, 'is too large'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as USD')
      .transform((v) => v.toUpperCase()),
  })
  .strict();

const schema = z.discriminatedUnion('kind', [leadSchema, saleSchema], { error: 'kind must be "lead" or "sale"' });
export type TrackConversionInput = z.input<typeof schema>;

/**
 * Records a lead or a sale sent by the organization's server (API key with the `track` scope) and
 * attributes it (lib/attribution/internal.ts `recordConversion`: the click or the customer's
 * lead's click, the discount code, the campaign's window and code-or-click rule). Unmatched and
 * out-of-window conversions are stored and labelled, never dropped. Idempotent on (organization,
 * kind, externalId) by a unique constraint.
 * @throws ValidationError (field, what was wrong); UnauthorizedError; ForbiddenError (scope).
 */
export async function trackConversion({ ctx, input }: VerbArgs<Untrusted<TrackConversionInput>>): Promise<TrackedConversion> {
  const key = requireApiKey(ctx, 'track');
  const data = parseInput(schema, input);
  return recordConversion(ctx, { orgId: key.orgId, apiKeyId: key.keyId }, data);
}
