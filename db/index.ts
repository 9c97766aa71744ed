import 'server-only';
import { getEnv } from '@/lib/env';
import { connect, type Connection, type Db } from './connect';

export type { Db, Tx } from './connect';

type Holder = { connection?: Promise<Connection> };
// Survives module re-evaluation in development so one process never opens the data dir twice.
const holder = ((globalThis as { __reachboardDb?: Holder }).__reachboardDb ??= {});

/** Opens (once per process) and returns the connection chosen by DATABASE_URL / PGLITE_DIR. */
export function getConnection(): Promise<Connection> {
  if (!holder.connection) {
    const env = getEnv();
    holder.connection = connect({
      databaseUrl: env.DATABASE_URL,
      pgliteDir: env.PGLITE_DIR,
      poolMax: env.DATABASE_POOL_MAX,
      timeouts: { statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS, lockMs: env.DATABASE_LOCK_TIMEOUT_MS },
    }).catch((error) => {
      holder.connection = undefined;
      throw error;
    });
  }
  return holder.connection;
}

/** The process-wide Drizzle database. */
export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

/** Closes the process-wide connection (scripts and tests). */
export async function closeDb(): Promise<void> {
  const pending = holder.connection;
  holder.connection = undefined;
  if (pending) await (await pending).close();
}
