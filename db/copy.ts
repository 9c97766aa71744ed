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

/** COPY's binary-format header: signature, flags, header-extension length. */
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** COPY's binary-format trailer: a field count of -1. */
const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Postgres's epoch (2000-01-01 UTC) in Unix epoch milliseconds: binary times count microseconds from it. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

/**
 * Rows in Postgres COPY binary format, built in one growing buffer: no text formatting, no
 * escaping, no string-to-bytes conversion of a large text at send time. Each row starts with
 * {@link row} (its field count), then one call per column in the table's COPY order. Integers are
 * JavaScript numbers within ±2^53 (int8), times are epoch milliseconds (timestamptz), uuids are
 * their 16 bytes ({@link uuidBytes}). {@link finish} returns the bytes with
 * COPY's header and trailer.
 */
export class BinaryCopy {
  private buf: Buffer;
  private at = BINARY_HEADER.length;
  /** Rows written so far. */
  rows = 0;

  /** @param capacity the buffer's first size in bytes (it grows as rows need). */
  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafe(Math.max(capacity, BINARY_HEADER.length + 2));
    BINARY_HEADER.copy(this.buf, 0);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  /** Starts a row of `fields` columns. */
  row(fields: number): void {
    this.room(2);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
    this.rows++;
  }

  private nul(): void {
    this.room(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  /** An int8 (bigint) column: a safe integer, or null. */
  int8(value: number | null): void {
    if (value === null) return this.nul();
    this.room(12);
    const hi = Math.floor(value / TWO_32);
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeInt32BE(hi, this.at + 4);
    this.buf.writeUInt32BE(value - hi * TWO_32, this.at + 8);
    this.at += 12;
  }

  /** A float8 column, or null. */
  float8(value: number | null): void {
    if (value === null) return this.nul();
    this.room(12);
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeDoubleBE(value, this.at + 4);
    this.at += 12;
  }

  /** A timestamptz column from epoch milliseconds (or a Date), or null. */
  timestamptz(value: number | Date | null): void {
    if (value === null) return this.nul();
    this.int8(((typeof value === 'number' ? value : value.getTime()) - PG_EPOCH_MS) * 1000);
  }

  /** A boolean column, or null. */
  bool(value: boolean | null): void {
    if (value === null) return this.nul();
    this.room(5);
    this.buf.writeInt32BE(1, this.at);
    this.buf[this.at + 4] = value ? 1 : 0;
    this.at += 5;
  }

  /** A uuid column from its 16 bytes ({@link uuidBytes}), or null. */
  uuid(bytes: Uint8Array | null): void {
    if (bytes === null) return this.nul();
    this.room(20);
    this.buf.writeInt32BE(16, this.at);
    this.buf.set(bytes.subarray(0, 16), this.at + 4);
    this.at += 20;
  }

  /** Bytes written so far, the header included: where the next row starts. */
  get size(): number {
    return this.at;
  }

  /** A text column (UTF-8), or null. */
  text(value: string | null): void {
    if (value === null) return this.nul();
    const bytes = Buffer.byteLength(value, 'utf8');
    this.room(4 + bytes);
    this.buf.writeInt32BE(bytes, this.at);
    this.buf.write(value, this.at + 4, bytes, 'utf8');
    this.at += 4 + bytes;
  }

  /** The COPY data: header, rows, trailer. The builder is not used after. */
  finish(): Buffer {
    this.room(2);
    BINARY_TRAILER.copy(this.buf, this.at);
    this.at += 2;
    return this.buf.subarray(0, this.at);
  }
}

/** A uuid's 16 bytes, as {@link BinaryCopy.uuid} takes them. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

type CopyQuery = { writable: () => Promise<NodeJS.WritableStream>; reject: (error: unknown) => void };
type PostgresJsTx = { unsafe: (query: string) => CopyQuery };
type PgliteTx = { query: (query: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };

/**
 * Loads rows into `table (columns)` with `COPY … FROM STDIN` inside the caller's transaction:
 * through postgres.js's writable stream on a Postgres server, through PGlite's `/dev/blob` device
 * when embedded. `data` is COPY text ({@link copyLine}) or COPY binary ({@link BinaryCopy}'s
 * `finish()`). `table` and `columns` are identifiers written by our code, never user input.
 * @throws the database's error (a bad value names the line and column of the COPY data).
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], data: string | Buffer): Promise<void> {
  if (!data.length) return;
  // Drizzle keeps the driver's transaction handle on the session; COPY is not in its query builder.
  const client = (tx as unknown as { session: { client: PostgresJsTx | PgliteTx } }).session.client;
  const target = `${table} (${columns.join(', ')})`;
  const format = typeof data === 'string' ? '' : ' with (format binary)';
  if ('unsafe' in client) {
    const query = client.unsafe(`copy ${target} from stdin${format}`);
    const stream = await query.writable();
    await new Promise<void>((resolve, reject) => {
      // postgres.js reports an error the server sends after the data to the query, which has
      // already resolved to the stream, and never ends the stream: without this the COPY of a
      // bad value would wait forever.
      query.reject = reject;
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(data);
    });
  } else {
    await client.query(`copy ${target} from '/dev/blob'${format}`, [], { blob: new Blob([data as BlobPart]) });
  }
}

type PostgresJsSql = { unsafe: (query: string) => CopyQuery };
type CopyStream = NodeJS.WritableStream & { destroy: (error?: Error) => void };

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
