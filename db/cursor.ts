import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';

/**
 * A query's rows a page at a time, through a server-side cursor, so neither the database nor this
 * process holds more than two pages whatever the result's size (exports of a million rows). The
 * next page is fetched while the caller works on the current one.
 */
export type PageReader = <Row = Record<string, unknown>>(query: SQL, pageSize: number) => AsyncGenerator<Row[]>;

const dialect = new PgDialect();

/** The cursor's name: one per read, as several reads may share an embedded session. */
let cursors = 0;
const cursorName = () => `rb_rows_${++cursors}`;

/** Starts a query now (a postgres.js query only runs once awaited) and keeps an unawaited failure from being "unhandled". */
function started<T>(query: PromiseLike<T>): Promise<T> {
  const promise = Promise.resolve(query);
  promise.catch(() => {});
  return promise;
}

/** Pages from `fetch(n)` until a short page, one fetch ahead of the caller. */
async function* fetchAhead<Row>(fetch: () => Promise<Row[]>, pageSize: number): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> | null = started(fetch());
  while (next) {
    const page: Row[] = await next;
    next = page.length < pageSize ? null : started(fetch());
    if (page.length) yield page;
  }
}

type PostgresJsQuery = PromiseLike<unknown[]>;
type PostgresJsReserved = { unsafe: (query: string, params?: unknown[]) => PostgresJsQuery; release: () => void };
/** The part of a postgres.js client the cursor uses. */
export type PostgresJsClient = { reserve: () => Promise<PostgresJsReserved> };

/**
 * Pages on a Postgres server: a connection of the pool is reserved for the read, which runs in a
 * read-only repeatable-read transaction (one consistent snapshot) with a cursor. Bounded: the
 * transaction may not sit idle (a client that stopped reading) longer than `idleTimeoutMs`, and
 * no statement runs longer than `statementTimeoutMs`; the connection goes back to the pool when
 * the pages end, fail or are abandoned.
 */
export function postgresPages(client: PostgresJsClient, timeouts: { statementTimeoutMs: number; idleTimeoutMs: number }): PageReader {
  return async function* pages<Row>(query: SQL, pageSize: number) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const conn = await client.reserve();
    let open = false;
    try {
      await conn.unsafe('begin transaction isolation level repeatable read read only');
      open = true;
      await conn.unsafe(`set local statement_timeout = ${Math.trunc(timeouts.statementTimeoutMs)}`);
      await conn.unsafe(`set local idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleTimeoutMs)}`);
      const name = cursorName();
      await conn.unsafe(`declare ${name} no scroll cursor for ${text}`, params);
      yield* fetchAhead(() => Promise.resolve(conn.unsafe(`fetch ${pageSize} from ${name}`)) as Promise<Row[]>, pageSize);
      open = false;
      await conn.unsafe('commit');
    } finally {
      if (open) await Promise.resolve(conn.unsafe('rollback')).catch(() => {});
      conn.release();
    }
  };
}

type PgliteClient = { query: (query: string, params?: unknown[], options?: object) => Promise<{ rows: unknown[] }> };

/** Raw values of dates and timestamps, as Drizzle's PGlite driver returns them to `db.execute`. */
const PGLITE_PARSERS = Object.fromEntries(
  [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, (value: string) => value]),
);

/**
 * Pages on embedded PGlite, whose one session every caller shares: a `WITH HOLD` cursor, which
 * Postgres materialises once and which needs no open transaction, so other queries of the process
 * are never blocked behind a slow reader. Closed when the pages end, fail or are abandoned.
 */
export function pglitePages(client: PgliteClient): PageReader {
  return async function* pages<Row>(query: SQL, pageSize: number) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const name = cursorName();
    const options = { rowMode: 'object', parsers: PGLITE_PARSERS };
    await client.query(`declare ${name} no scroll cursor with hold for ${text}`, params, options);
    try {
      yield* fetchAhead(async () => (await client.query(`fetch ${pageSize} from ${name}`, [], options)).rows as Row[], pageSize);
    } finally {
      await client.query(`close ${name}`).catch(() => {});
    }
  };
}

/** A query's result as CSV bytes, produced by Postgres's own `COPY … TO STDOUT (FORMAT csv)`. */
export type CsvCopier = (query: SQL) => AsyncGenerator<Buffer>;

type PostgresFactory = (
  url: string,
  options: Record<string, unknown>,
) => {
  unsafe: (query: string) => PromiseLike<unknown> & { readable: () => Promise<AsyncIterable<Buffer>> };
  end: (options: { timeout: number }) => Promise<void>;
};

/**
 * CSV straight from Postgres: `COPY (query) TO STDOUT WITH (FORMAT csv)` on a connection of its
 * own (opened per read, closed at the end or when the reader stops early, so an abandoned COPY
 * never returns to the pool), its statements bounded by `statementTimeoutMs`. COPY takes no bind
 * parameters: the query's parameters are inlined as literals by Drizzle (strings quoted and
 * escaped), and callers pass only values they validated (ids).
 */
export function postgresCsv(open: PostgresFactory, databaseUrl: string, timeouts: { statementTimeoutMs: number }): CsvCopier {
  return async function* csv(query: SQL) {
    const { sql: text } = dialect.sqlToQuery(query.inlineParams());
    const one = open(databaseUrl, {
      max: 1,
      max_lifetime: 0,
      fetch_types: false,
      onnotice: () => {},
      connection: { statement_timeout: Math.trunc(timeouts.statementTimeoutMs), default_transaction_read_only: 'on' },
    });
    try {
      const copy = one.unsafe(`copy (${text}) to stdout with (format csv)`);
      Promise.resolve(copy).catch(() => {});
      yield* await copy.readable();
    } finally {
      await one.end({ timeout: 0 });
    }
  };
}
