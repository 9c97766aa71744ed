import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConnection, getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { storedFiles } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { CHUNK_BYTES, getFileStore, rechunk, withLocalCopy } from '@/lib/storage/file-store';
import fs from 'node:fs';

async function* pieces(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield p;
}

async function bytesOf(chunks: AsyncIterable<Buffer>) {
  const all: Buffer[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

describe('rechunk', () => {
  it('cuts a byte stream into chunks of exactly the size, the last shorter, whatever the pieces', async () => {
    const sizes: number[] = [];
    const out: Buffer[] = [];
    for await (const c of rechunk(pieces('abc', new Uint8Array([100, 101, 102, 103, 104]), '', 'ijklmnop', 'q'), 4)) {
      sizes.push(c.length);
      out.push(c);
    }
    expect(sizes).toEqual([4, 4, 4, 4, 1]);
    expect(Buffer.concat(out).toString()).toBe('abcdefghijklmnopq');
  });
});

const store = getFileStore();

describe('the file store (database)', () => {
  it('keeps a file of several chunks byte for byte, and copies it to a temporary file that goes afterwards', async () => {
    const line = 'post_id,views,"title, with ""quotes"""\r\n';
    const text = line.repeat(Math.ceil((2.5 * CHUNK_BYTES) / line.length)) + 'Ünïcödé ✓';
    expect(await store.write('tests/roundtrip.csv', pieces(text.slice(0, 1000), text.slice(1000)))).toEqual({
      size: Buffer.byteLength(text),
    });
    const db = await getDb();
    const chunks = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from stored_file_chunks where file_key = 'tests/roundtrip.csv'`),
    );
    expect(chunks[0].n).toBe(3);
    expect((await bytesOf(store.read('tests/roundtrip.csv'))).toString('utf8')).toBe(text);
    let copied = '';
    const seen = await withLocalCopy('tests/roundtrip.csv', async (file) => {
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
      copied = file;
      return 'done';
    });
    expect(seen).toBe('done');
    expect(fs.existsSync(copied)).toBe(false);
    // Writing a key again replaces the file.
    await store.write('tests/roundtrip.csv', pieces('short'));
    expect((await bytesOf(store.read('tests/roundtrip.csv'))).toString()).toBe('short');
    await store.remove(['tests/roundtrip.csv']);
    await expect(bytesOf(store.read('tests/roundtrip.csv'))).rejects.toThrow(NotFoundError);
  });

  it('keeps nothing of a write whose source fails midway', async () => {
    async function* failing() {
      yield 'x'.repeat(CHUNK_BYTES + 10);
      throw new Error('the export query failed');
    }
    await expect(store.write('tests/failed.csv', failing())).rejects.toThrow('the export query failed');
    const db = await getDb();
    expect(
      await db
        .select()
        .from(storedFiles)
        .where(sql`${storedFiles.key} = 'tests/failed.csv'`),
    ).toEqual([]);
    const left = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from stored_file_chunks where file_key = 'tests/failed.csv'`),
    );
    expect(left[0].n).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL)('the database store on a Postgres server', () => {
  it('fails, never waits for ever, when its COPY connection is lost mid-file, and keeps nothing', async () => {
    const db = await getDb();
    async function* slow() {
      // Enough to fill the socket's buffers, so the writer waits for them to drain.
      for (let i = 0; i < 64; i++) {
        if (i === 8) {
          await db.execute(
            sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = current_setting('application_name') and state = 'active' and query like 'copy stored_file_chunks%' and pid <> pg_backend_pid()`,
          );
        }
        yield Buffer.alloc(CHUNK_BYTES, 120);
      }
    }
    await expect(store.write('tests/lost.csv', slow())).rejects.toThrow();
    expect(
      await db
        .select()
        .from(storedFiles)
        .where(sql`${storedFiles.key} = 'tests/lost.csv'`),
    ).toEqual([]);
  }, 30_000);
});

describe('reading rows through a cursor', () => {
  const query = sql`select g as n, 'row ' || g as label from generate_series(1, 2500) g order by g`;

  it('returns every row in order, a page at a time', async () => {
    const { pages } = await getConnection();
    const sizes: number[] = [];
    let last = 0;
    for await (const page of pages<{ n: number; label: string }>(query, 1000)) {
      sizes.push(page.length);
      for (const row of page) expect(row.n).toBe(++last);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(last).toBe(2500);
  });

  it('gives its cursor and connection back when the reader stops early, so many abandoned reads exhaust nothing', async () => {
    const { pages, db } = await getConnection();
    for (let i = 0; i < 15; i++) {
      for await (const page of pages<{ n: number }>(query, 100)) {
        expect(page[0].n).toBe(1);
        break;
      }
    }
    const open = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_cursors where name like 'rb_rows_%'`));
    expect(open[0].n).toBe(0);
    expect(rowsOf<{ one: number }>(await db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });
});
