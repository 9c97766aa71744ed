import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { copyInto, copyLine } from '@/db/copy';
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
});
