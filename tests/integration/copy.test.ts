import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { BinaryCopy, copyInto, copyLine, uuidBytes } from '@/db/copy';
import { rowsOf } from '@/db/sql';

describe('copyInto', () => {
  it('loads rows with COPY inside the transaction, escapes included', async () => {
    const db = await getDb();
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`create temp table copy_ok (id int, title text, at timestamptz) on commit drop`);
      await copyInto(
        tx,
        'copy_ok',
        ['id', 'title', 'at'],
        copyLine([1, 'tab\there\nand a line', new Date(Date.UTC(2025, 5, 1))]) + copyLine([2, null, null]),
      );
      return rowsOf<{ id: number; title: string | null; at: string | null }>(
        await tx.execute(sql`select id, title, to_char(at at time zone 'UTC', 'YYYY-MM-DD') as at from copy_ok order by id`),
      );
    });
    expect(rows).toEqual([
      { id: 1, title: 'tab\there\nand a line', at: '2025-06-01' },
      { id: 2, title: null, at: null },
    ]);
  });

  // postgres.js never ends its COPY stream when the server refuses the data: this waited forever.
  it('fails with the database error when a value does not fit, and does not wait', async () => {
    const db = await getDb();
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`create temp table copy_bad (id int) on commit drop`);
      await copyInto(tx, 'copy_bad', ['id'], copyLine([1]) + copyLine(['not a number']));
    });
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringContaining('invalid input syntax for type integer: "not a number"'),
    });
  });

  it('loads COPY binary rows: uuids, times before and after 2000, int8 to 2^53, floats, booleans, UTF-8 and nulls', async () => {
    const db = await getDb();
    const rows = new BinaryCopy();
    rows.row(6);
    rows.uuid(uuidBytes('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'));
    rows.timestamptz(Date.UTC(1970, 0, 1, 0, 0, 1, 250));
    rows.int8(Number.MAX_SAFE_INTEGER);
    rows.float8(0.0139);
    rows.bool(true);
    rows.text('Café «ミュージック»\ttab');
    rows.row(6);
    rows.uuid(null);
    rows.timestamptz(new Date(Date.UTC(2026, 11, 1, 3, 4, 5, 6)));
    rows.int8(-4_294_967_297);
    rows.float8(null);
    rows.bool(false);
    rows.text(null);
    rows.row(6);
    rows.uuid(null);
    rows.timestamptz(null);
    rows.int8(null);
    rows.float8(-1.5);
    rows.bool(null);
    rows.text('');
    expect(rows.rows).toBe(3);
    const loaded = await db.transaction(async (tx) => {
      await tx.execute(sql`create temp table copy_bin (id uuid, at timestamptz, n int8, r float8, b boolean, t text) on commit drop`);
      await copyInto(tx, 'copy_bin', ['id', 'at', 'n', 'r', 'b', 't'], rows.finish());
      return rowsOf<{ id: string | null; at: string | null; n: string | null; r: number | null; b: boolean | null; t: string | null }>(
        await tx.execute(sql`
          select id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') as at, n::text as n, r, b, t
          from copy_bin order by at nulls last`),
      );
    });
    expect(loaded).toEqual([
      {
        id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        at: '1970-01-01 00:00:01.250',
        n: '9007199254740991',
        r: 0.0139,
        b: true,
        t: 'Café «ミュージック»\ttab',
      },
      { id: null, at: '2026-12-01 03:04:05.006', n: '-4294967297', r: null, b: false, t: null },
      { id: null, at: null, n: null, r: -1.5, b: null, t: '' },
    ]);
  });
});
