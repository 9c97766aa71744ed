import { z } from 'zod';
import { requireApiKey } from '../authz/guards';
import type { VerbArgs } from '../context';
import { parseInput, type Untrusted } from '../validation';
import { recordRefund } from './internal';

const schema = z
  .object({
    /** The organization's id of this refund: sending it again changes nothing. */
    externalId: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    /** The `externalId` of the sale refunded. */
    saleExternalId: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    /** Minor units refunded; absent: what remains of the sale. */
    amountMinor: z.number().int('must be an integer number of minor units (cents)').positive('must be more than 0').optional(),
    occurredAt: z.iso
      .datetime({ offset: true, error: 'Send an ISO 8601 date-time such as 2026-11-30T14:05:00Z' })
      .optional()
      .transform((v) => (v ? new Date(v) : new Date())),
  })
  .strict();

export type TrackRefundInput = z.input<typeof schema>;

/**
 * Records a refund of a sale (full, or `amountMinor` of it): the sale's counted revenue becomes
 * revenue − Σ refunds, never below 0. Idempotent on (organization, refund externalId). API key
 * with the `track` scope, for its own organization's sales only.
 * @returns the sale's id, its amount, what is refunded in total, and whether this refund was new.
 * @throws ValidationError; NotFoundError (no such sale in this organization: send the sale first);
 *         UnauthorizedError; ForbiddenError.
 */
export async function trackRefund({ ctx, input }: VerbArgs<Untrusted<TrackRefundInput>>) {
  const key = requireApiKey(ctx, 'track');
  return recordRefund(ctx, key.orgId, parseInput(schema, input));
}
