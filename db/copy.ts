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
