import { Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { connect } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { createOrg } from '../factories';

// The embedded database has one session and no other writer; the bounds are a Postgres server's.
// CI runs this file on the Postgres server (`.ci/run`, DATABASE_URL set).
describe.runIf(process.env.DATABASE_URL)('bounded waits of the app pool on a Postgres server', () => {
  it('gives every pooled session the default statement and lock timeouts, which a transaction may raise for itself', async () => {
    const db = await getDb();
    const show = async (setting: string) => rowsOf<Record<string, string>>(await db.execute(sql.raw(`show ${setting}`)))[0][setting];
    expect(await show('statement_timeout')).toBe('2min');
    expect(await show('lock_timeout')).toBe('30s');
    const inside = await db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = 300000`);
      return rowsOf<{ statement_timeout: string }>(await tx.execute(sql`show statement_timeout`))[0].statement_timeout;
    });
    expect(inside).toBe('5min');
    expect(await show('statement_timeout')).toBe('2min');
  });

  it('sends no timeout when one is 0, so the server or role setting applies (PgBouncer without them)', async () => {
    const connection = await connect({
      databaseUrl: process.env.DATABASE_URL,
      pgliteDir: 'memory://',
      poolMax: 1,
      timeouts: { statementMs: 0, lockMs: 1_500 },
    });
    try {
      const [row] = rowsOf<{ statement_timeout: string; lock_timeout: string }>(
        await connection.db.execute(
          sql`select current_setting('statement_timeout') as statement_timeout, current_setting('lock_timeout') as lock_timeout`,
        ),
      );
      expect(row).toEqual({ statement_timeout: '0', lock_timeout: '1500ms' });
    } finally {
      await connection.close();
    }
  });

  it('fails a statement that runs past its bound, and one waiting on a held row past its bound, with the reason', async () => {
    const { org } = await createOrg();
    const connection = await connect({
      databaseUrl: process.env.DATABASE_URL,
      pgliteDir: 'memory://',
      poolMax: 2,
      timeouts: { statementMs: 400, lockMs: 300 },
    });
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      let started = performance.now();
      // Drizzle wraps the server's error: the cause is Postgres's own (57014: query_canceled).
      await expect(connection.db.execute(sql`select pg_sleep(5)`)).rejects.toMatchObject({
        cause: { code: '57014', message: 'canceling statement due to statement timeout' },
      });
      expect(performance.now() - started).toBeLessThan(3_000);

      const held = await other.reserve();
      await held`begin`;
      await held`select id from organizations where id = ${org.id} for update`;
      started = performance.now();
      await expect(connection.db.execute(sql`update organizations set name = name where id = ${org.id}::uuid`)).rejects.toMatchObject({
        cause: { code: '55P03', message: 'canceling statement due to lock timeout' },
      });
      expect(performance.now() - started).toBeLessThan(3_000);
      await held`rollback`;
      held.release();
      // Released: the same statement goes through.
      await connection.db.execute(sql`update organizations set name = name where id = ${org.id}::uuid`);
    } finally {
      await other.end();
      await connection.close();
    }
  });

  it('sends each message at once: the pool’s sockets have Nagle’s algorithm off (patches/postgres)', async () => {
    // With it on, a COPY's end waited for the server's delayed acknowledgement of its data: ~40 ms
    // per COPY on Linux (a 1,000-click batch took 52 ms instead of 14).
    const noDelay = vi.spyOn(Socket.prototype, 'setNoDelay');
    const connection = await connect({ databaseUrl: process.env.DATABASE_URL, pgliteDir: 'memory://', poolMax: 1 });
    try {
      await connection.db.execute(sql`select 1`);
      expect(noDelay.mock.calls).toEqual([[true]]);
    } finally {
      noDelay.mockRestore();
      await connection.close();
    }
  });
});
