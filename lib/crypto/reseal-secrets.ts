import { and, eq } from 'drizzle-orm';
import { shopWebhooks } from '@/db/schema';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader, withTransaction } from '../transaction';
import { isSealed, needsReseal, openSecret, sealSecret } from './secret-box';

/** The column holding sealed secrets today (platform tokens will join it). */
const WEBHOOK_SECRET = { table: 'shop_webhooks', column: 'signing_secret' } as const;

/**
 * Reseals every stored secret not sealed with the current key (ENCRYPTION_KEYS' first), and seals
 * values stored before secrets were sealed. Each row is updated only if it still holds the value
 * read (a concurrent change wins); re-running changes nothing. Run after putting a new key first
 * (`npm run secrets:reseal`); then the old key can be dropped. Operator scripts only.
 * @returns per column, how many values were resealed and how many were already current.
 * @throws ForbiddenError for any caller but a system actor; SecretError when a value does not open
 *   with any configured key (nothing is changed for it; the others are resealed first).
 */
export async function resealSecrets({ ctx }: VerbArgs<void>): Promise<{ column: string; resealed: number; current: number }[]> {
  requireSystem(ctx);
  const db = await reader(ctx);
  const rows = await db.select({ id: shopWebhooks.id, value: shopWebhooks.signingSecret }).from(shopWebhooks);
  let resealed = 0;
  const failures: Error[] = [];
  for (const row of rows) {
    if (!needsReseal(row.value)) continue;
    const place = { ...WEBHOOK_SECRET, rowId: row.id };
    try {
      const plain = isSealed(row.value) ? openSecret(row.value, place) : row.value;
      const next = sealSecret(plain, place);
      const done = await withTransaction(ctx, (tx) =>
        tx
          .update(shopWebhooks)
          .set({ signingSecret: next })
          .where(and(eq(shopWebhooks.id, row.id), eq(shopWebhooks.signingSecret, row.value)))
          .returning({ id: shopWebhooks.id }),
      );
      resealed += done.length;
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length) throw failures[0];
  return [{ column: `${WEBHOOK_SECRET.table}.${WEBHOOK_SECRET.column}`, resealed, current: rows.length - resealed }];
}
