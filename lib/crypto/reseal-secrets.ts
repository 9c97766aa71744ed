import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader, withTransaction } from '../transaction';
import { isSealed, needsReseal, openSecret, sealSecret } from './secret-box';

/** Every column holding sealed secrets (each value bound to its row's `id`). */
const SEALED_COLUMNS = [
  { table: 'shop_webhooks', column: 'signing_secret' },
  { table: 'platform_connections', column: 'access_token' },
  { table: 'platform_connections', column: 'refresh_token' },
  { table: 'ga4_properties', column: 'service_account_key' },
] as const;

/**
 * Reseals every stored secret not sealed with the current key (ENCRYPTION_KEYS' first), and seals
 * values stored before secrets were sealed. Each row is updated only if it still holds the value
 * read (a concurrent change wins); re-running changes nothing. Run after putting a new key first
 * (`npm run secrets:reseal`); then the old key can be dropped. `tables` limits it to some tables
 * (default: all). Operator scripts only.
 * @returns per column, how many values were resealed and how many were already current.
 * @throws ForbiddenError for any caller but a system actor; SecretError when a value does not open
 *   with any configured key (nothing is changed for it; the others are resealed first).
 */
export async function resealSecrets({
  ctx,
  input,
}: VerbArgs<{ tables?: (typeof SEALED_COLUMNS)[number]['table'][] } | undefined>): Promise<
  { column: string; resealed: number; current: number }[]
> {
  requireSystem(ctx);
  const db = await reader(ctx);
  const failures: Error[] = [];
  const report: { column: string; resealed: number; current: number }[] = [];
  for (const place of SEALED_COLUMNS.filter((p) => !input?.tables || input.tables.includes(p.table))) {
    const table = sql.identifier(place.table);
    const column = sql.identifier(place.column);
    const rows = rowsOf<{ id: string; value: string }>(
      await db.execute(sql`select id, ${column} as value from ${table} where ${column} is not null`),
    );
    let resealed = 0;
    for (const row of rows) {
      if (!needsReseal(row.value)) continue;
      const at = { ...place, rowId: row.id };
      try {
        const next = sealSecret(isSealed(row.value) ? openSecret(row.value, at) : row.value, at);
        const done = await withTransaction(ctx, async (tx) =>
          rowsOf(
            await tx.execute(
              sql`update ${table} set ${column} = ${next} where id = ${row.id}::uuid and ${column} = ${row.value} returning id`,
            ),
          ),
        );
        resealed += done.length;
      } catch (error) {
        failures.push(error as Error);
      }
    }
    report.push({ column: `${place.table}.${place.column}`, resealed, current: rows.length - resealed });
  }
  if (failures.length) throw failures[0];
  return report;
}
