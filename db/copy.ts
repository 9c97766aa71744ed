import type { Tx } from './connect';
import { isoString } from './sql';

/** A value COPY's text format can carry: null is `\N`; dates are written as ISO 8601 UTC. */
export type CopyValue = string | number | boolean | Date | null | undefined;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/**
 * One row in Postgres COPY text format (tab-separated, `\N` for null, backslash escapes for
 * backslash, tab, newline and carriage return), ending with a newline.
 */
export function copyLine(values: readonly CopyValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i) out += '\t';
    const v = values[i];
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else if (v instanceof Date) out += isoString(v);
    else
      out += NEEDS_ESCAPE.test(v)
        ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
        : v;
  }
  return out + '\n';
}

type CopyQuery = { writable: () => Promise<NodeJS.WritableStream>; reject: (error: unknown) => void };
type PostgresJsTx = { unsafe: (query: string) => CopyQuery };
type PgliteTx = { query: (query: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };

/**
 * Loads rows (already in COPY text format, {@link copyLine}) into `table (columns)` with
 * `COPY … FROM STDIN` inside the caller's transaction: through postgres.js's writable stream on a
 * Postgres server, through PGlite's `/dev/blob` device when embedded. `table` and `columns` are
 * identifiers written by our code, never user input.
 * @throws the database's error (a bad value names the line and column of the COPY data).
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], text: string): Promise<void> {
  if (!text) return;
  // Drizzle keeps the driver's transaction handle on the session; COPY is not in its query builder.
  const client = (tx as unknown as { session: { client: PostgresJsTx | PgliteTx } }).session.client;
  const target = `${table} (${columns.join(', ')})`;
  if ('unsafe' in client) {
    const query = client.unsafe(`copy ${target} from stdin`);
    const stream = await query.writable();
    await new Promise<void>((resolve, reject) => {
      // postgres.js reports an error the server sends after the data to the query, which has
      // already resolved to the stream, and never ends the stream: without this the COPY of a
      // bad value would wait forever.
      query.reject = reject;
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
  } else {
    await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
  }
}

type PostgresJsSql = { unsafe: (query: string) => CopyQuery };
type CopyStream = NodeJS.WritableStream & { destroy: (error?: Error) => void };

/** COPY's binary-format header: signature, flags, header-extension length. */
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** COPY's binary-format trailer: a field count of -1. */
const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/**
 * Writes a stored file's chunks (`stored_file_chunks`: key, seq from 0, bytes) on a Postgres server
 * with one `COPY … FROM STDIN (FORMAT binary)`, as they arrive: the bytes go to the server as they
 * are, where `bytea` parameters would be sent as hex strings twice their size (postgres.js),
 * garbage that piles up over a large file. One statement: all chunks are stored, or none. A
 * failing source aborts the COPY (CopyFail) and its error is thrown. `client` is the postgres.js
 * client behind the Drizzle database.
 * @returns the bytes written.
 * @throws the source's error, else the database's.
 */
export async function copyChunks(client: PostgresJsSql, fileKey: string, chunks: AsyncIterable<Buffer>): Promise<number> {
  const key = Buffer.from(fileKey, 'utf8');
  const query = client.unsafe('copy stored_file_chunks (file_key, seq, data) from stdin with (format binary)');
  const stream = (await query.writable()) as CopyStream;
  const done = new Promise<void>((resolve, reject) => {
    query.reject = reject;
    stream.on('error', reject);
    stream.on('finish', resolve);
  });
  done.catch(() => {});
  // A wait for the socket to drain ends with the COPY too: a lost connection or a server error
  // rejects the query, and then no drain may ever come.
  const ended = done.then(() => {
    throw new Error('The COPY ended before its data was sent');
  });
  ended.catch(() => {});
  const write = (buf: Buffer) =>
    stream.write(buf) ? Promise.resolve() : Promise.race([new Promise<void>((r) => stream.once('drain', () => r())), ended]);
  let size = 0;
  let seq = 0;
  try {
    await write(BINARY_HEADER);
    for await (const data of chunks) {
      const head = Buffer.alloc(2 + 4 + key.length + 4 + 4 + 4);
      let at = head.writeInt16BE(3, 0);
      at = head.writeInt32BE(key.length, at);
      at += key.copy(head, at);
      at = head.writeInt32BE(4, at);
      at = head.writeInt32BE(seq++, at);
      head.writeInt32BE(data.length, at);
      await write(head);
      await write(data);
      size += data.length;
    }
  } catch (error) {
    stream.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
  stream.end(BINARY_TRAILER);
  await done;
  return size;
}
