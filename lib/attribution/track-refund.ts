import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conversionRefunds, conversions } from '@/db/schema';
import { requireApiKey } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

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
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const [sale] = await tx
      .select({ id: conversions.id, revenueMinor: conversions.revenueMinor, refundedMinor: conversions.refundedMinor })
      .from(conversions)
      .where(and(eq(conversions.orgId, key.orgId), eq(conversions.kind, 'sale'), eq(conversions.externalId, data.saleExternalId)))
      .for('update');
    if (!sale) throw new NotFoundError('Sale');
    const revenue = sale.revenueMinor ?? 0;
    const amount = Math.min(data.amountMinor ?? revenue - sale.refundedMinor, revenue - sale.refundedMinor);
    const [inserted] = await tx
      .insert(conversionRefunds)
      .values({
        orgId: key.orgId,
        conversionId: sale.id,
        externalId: data.externalId,
        amountMinor: Math.max(0, amount),
        occurredAt: data.occurredAt,
      })
      .onConflictDoNothing()
      .returning({ amountMinor: conversionRefunds.amountMinor });
    let refunded = sale.refundedMinor;
    if (inserted) {
      const [updated] = await tx
        .update(conversions)
        .set({ refundedMinor: sql`least(${conversions.revenueMinor}, ${conversions.refundedMinor} + ${inserted.amountMinor})` })
        .where(eq(conversions.id, sale.id))
        .returning({ refundedMinor: conversions.refundedMinor });
      refunded = updated.refundedMinor;
    }
    return { saleId: sale.id, amountMinor: revenue, refundedMinor: refunded, duplicate: !inserted };
  });
}
