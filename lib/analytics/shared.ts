import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { known, unknown, type Metric } from '../metrics/metric';

/** A total over items where only some had the value known: `coverage` says how many. */
export type Total = Metric & { coverage: { known: number; total: number } };

/**
 * A sum reported by SQL (null when no item had the value) as a {@link Total}: unknown when no
 * item had it, with `missing` naming the value when only some had it.
 */
export function total(name: string, sum: number | string | null, knownCount: number, totalCount: number): Total {
  const coverage = { known: knownCount, total: totalCount };
  if (sum === null || knownCount === 0)
    return { ...unknown([name], totalCount === 0 ? 'nothing in this range' : `no item has ${name} known`), coverage };
  return { ...known(Number(sum), knownCount < totalCount ? [name] : []), coverage };
}

/**
 * Runs one read with parallel query off for it (`set local max_parallel_workers_per_gather = 0`
 * in its own transaction, a savepoint inside the caller's): for aggregates over a union of a
 * rollup and raw rows, where the planner misjudges the groups (it assumes 200) and a parallel plan
 * builds the accounts' hash in every worker and merges ~30,000 partial groups — 2.4× slower than
 * the serial plan on a two-core server (docs/benchmarks.md, 2026-12-02). PGlite runs serially
 * anyway. Returns the rows as `rowsOf` does.
 */
export async function serialRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return rowsOf<T>(await tx.execute(query));
  });
}

/** A numeric SQL value (bigint sums arrive as strings) as a number, null kept. */
export const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The currency an organization reports money in: the currency most of its campaigns use, USD
 * when it has none. Amounts in other currencies are left out of totals (never converted).
 */
export async function reportCurrency(db: Db | Tx, orgId: string): Promise<string> {
  const [row] = rowsOf<{ currency: string }>(
    await db.execute(
      sql`select currency from campaigns where org_id = ${orgId}::uuid group by currency order by count(*) desc, currency limit 1`,
    ),
  );
  return row?.currency ?? 'USD';
}

/**
 * The UTC day of the organization's latest post (most KPIs are about posts), else of its latest
 * account capture; null when it has no data.
 */
export async function latestDataDay(db: Db | Tx, orgId: string): Promise<string | null> {
  const [row] = rowsOf<{ day: string | null }>(
    await db.execute(sql`
      select coalesce(
        (select (max(post_date) at time zone 'UTC')::date from post_metrics where owner_org_id = ${orgId}::uuid),
        (select max(day) from account_daily_metrics where owner_org_id = ${orgId}::uuid))::text as day`),
  );
  return row?.day ?? null;
}
