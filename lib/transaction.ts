import { getDb, type Tx } from '@/db';
import type { Ctx } from './context';

/** Runs `fn` in the caller's transaction when `ctx.tx` is set, else in a new one. */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx.tx);
  const db = await getDb();
  return db.transaction(fn);
}

/** The database handle for reads: the caller's transaction or the process-wide database. */
export async function reader(ctx: Ctx) {
  return ctx.tx ?? (await getDb());
}
