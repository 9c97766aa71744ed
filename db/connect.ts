import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { pglitePages, postgresCsv, postgresPages, type CsvCopier, type PageReader, type PostgresJsClient } from './cursor';
import * as schema from './schema';
import { rowsOf } from './sql';

type Schema = typeof schema;
/** The Drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; accepted wherever a `Db` is. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Connection = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Human-readable location, never containing a password. */
  location: string;
  /** Set for the postgres driver only; used to open a dedicated migration connection. */
  databaseUrl?: string;
  close: () => Promise<void>;
  /** Locks that prove a runner (an import job's) is alive, across processes and instances. */
  runners: RunnerLocks;
  /** A query's rows a page at a time through a server-side cursor (exports): memory stays flat. */
  pages: PageReader;
  /** On a Postgres server: a query's result as CSV bytes from Postgres's own COPY (large exports). */
  csv?: CsvCopier;
};

/** PGlite's `shared_buffers` (Postgres's default is 128MB; see where the embedded database opens). */
const PGLITE_SHARED_BUFFERS = '64MB';

/** Bounds of a cursor read: no statement past 5 minutes, no reader that stopped reading for 2 minutes. */
const PAGE_READ_TIMEOUTS = { statementTimeoutMs: 300_000, idleTimeoutMs: 120_000 };

/**
 * Which jobs have a live runner. A runner holds its job's lock for as long as it runs; when its
 * process dies, the lock goes with it (on a Postgres server: a session advisory lock on a
 * connection of its own, released by the server when the connection drops; embedded: the
 * process, which alone can open the data dir). So a job left "running" by a dead process can be
 * resumed at once, and one with a live runner never twice.
 */
type RunnerLocks = {
  /** Takes the lock of `key`: its release, or null when a live runner holds it. */
  hold: (key: string) => Promise<(() => Promise<void>) | null>;
  /** Of `keys`, those whose lock a live runner holds now. */
  held: (keys: string[]) => Promise<Set<string>>;
};

/** Arbitrary constant first key of the runners' advisory locks (the second is the hash of the job's key). */
const RUNNER_LOCK_CLASS = 727_274_002;

/** Runner locks of an embedded database: only this process can open it, so its own runners are all there are. */
function processRunnerLocks(): RunnerLocks {
  const running = new Set<string>();
  return {
    hold: async (key) => {
      if (running.has(key)) return null;
      running.add(key);
      return async () => void running.delete(key);
    },
    held: async (keys) => new Set(keys.filter((k) => running.has(k))),
  };
}

type PostgresClient = import('postgres').Sql;

/**
 * Runner locks on a Postgres server: session advisory locks, each on a connection of its own
 * (not the pool's: a pooled connection whose backend died would go back to the pool) for as long
 * as the runner runs.
 */
function advisoryRunnerLocks(client: PostgresClient, databaseUrl: string, open: (url: string) => PostgresClient): RunnerLocks {
  return {
    hold: async (key) => {
      const own = open(databaseUrl);
      try {
        const [row] = await own`select pg_try_advisory_lock(${RUNNER_LOCK_CLASS}, hashtext(${key})) as locked`;
        if (row.locked)
          return async () => {
            // Closing the session releases its lock; a connection already gone took it with it.
            await own.end({ timeout: 5 }).catch(() => {});
          };
      } catch (error) {
        await own.end({ timeout: 5 }).catch(() => {});
        throw error;
      }
      await own.end({ timeout: 5 });
      return null;
    },
    held: async (keys) => {
      if (keys.length === 0) return new Set();
      const rows = await client`
        select k.key from unnest(${keys}::text[]) as k(key)
        where exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.database = (select oid from pg_database where datname = current_database())
          and l.classid = ${RUNNER_LOCK_CLASS}::int4::oid and l.objid = hashtext(k.key)::oid)`;
      return new Set(rows.map((r) => r.key as string));
    },
  };
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is in use by process ${pid} (probably a running Reachboard server). ` +
        'Stop that process first, or set DATABASE_URL to use a Postgres server, which many processes can share.',
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the pid lock of an on-disk PGlite data dir. Two processes on one dir corrupt it silently,
 * so a second opener fails loudly instead; a dead process's lock is taken over.
 * @throws DatabaseLockedError when a live process holds the lock.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${dir.replace(/\/+$/, '')}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (holder === process.pid) return () => {};
      if (Number.isFinite(holder) && isAlive(holder)) throw new DatabaseLockedError(dir, holder);
      fs.unlinkSync(lockFile);
    }
  }
  throw new Error(`Could not take the lock of the embedded database at ${dir}`);
}

/** The longest a new embedded database may take to create (initdb takes 3–6 s on this project's machines). */
const CREATE_DATA_DIR_TIMEOUT_MS = 120_000;

/**
 * Creates the embedded database at `dir` when it has none yet (no `PG_VERSION`, PGlite's own test),
 * in a short-lived child process. PGlite's initdb runs a second database instance beside its own
 * WebAssembly module — 800–900 MB at its peak — and leaves ~100 MB of the creating process's memory
 * behind; in a child, the server or CLI that goes on to open the database carries neither
 * (docs/benchmarks.md, "Import"). Called with the data dir's lock held, so no other process of ours
 * opens the directory meanwhile.
 * @throws Error with the child's message (or the timeout) when the database cannot be created.
 */
async function createDataDir(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  // The package as this process resolves it, so the child runs the same PGlite.
  const entry = pathToFileURL(createRequire(path.join(process.cwd(), 'package.json')).resolve('@electric-sql/pglite')).href;
  const script = `const { PGlite } = await import(${JSON.stringify(entry)});
const db = new PGlite(${JSON.stringify(dir)});
await db.waitReady;
await db.close();`;
  const stderr: Buffer[] = [];
  // Bounded: initdb takes seconds; a child still running after CREATE_DATA_DIR_TIMEOUT_MS is killed.
  const exit = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: CREATE_DATA_DIR_TIMEOUT_MS,
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve(signal ? `stopped by ${signal} after at most ${CREATE_DATA_DIR_TIMEOUT_MS / 1000} s` : `exit ${code}`),
    );
  });
  if (exit !== 'exit 0' || !fs.existsSync(path.join(dir, 'PG_VERSION')))
    throw new Error(
      `Could not create the embedded database at ${dir} (${exit}): ${Buffer.concat(stderr).toString('utf8').trim().slice(-2000)}`,
    );
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}

/**
 * Opens the database: a Postgres server through postgres.js when `databaseUrl` is given, else
 * embedded PGlite in `pgliteDir` (`memory://` for an in-memory database).
 * `timeouts` (ms; 0 = not set, the server's or role's own applies) become every pooled session's
 * `statement_timeout` and `lock_timeout` on a Postgres server, so no statement of a page or a job
 * waits without a bound; a transaction may raise its own with `set local` (imports do). PGlite has
 * one session and no other writer.
 * @throws DatabaseLockedError when another live process holds the PGlite dir.
 */
export async function connect(options: {
  databaseUrl?: string;
  pgliteDir: string;
  poolMax?: number;
  timeouts?: { statementMs: number; lockMs: number };
}): Promise<Connection> {
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.databaseUrl, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      // Startup parameters; 0 sends none (a PgBouncer without them in `ignore_startup_parameters`
      // refuses a connection that carries them: README, "Use a Postgres server").
      connection: {
        ...(options.timeouts?.statementMs ? { statement_timeout: Math.trunc(options.timeouts.statementMs) } : {}),
        ...(options.timeouts?.lockMs ? { lock_timeout: Math.trunc(options.timeouts.lockMs) } : {}),
      },
    });
    return {
      db: drizzle({ client, schema }) as unknown as Db,
      driver: 'postgres',
      location: redact(options.databaseUrl),
      databaseUrl: options.databaseUrl,
      close: () => client.end({ timeout: 5 }),
      runners: advisoryRunnerLocks(client, options.databaseUrl, (url) =>
        // Never recycled (postgres.js closes a connection after 30–60 min by default): closing it
        // would release a live runner's lock.
        postgres(url, { max: 1, max_lifetime: 0, fetch_types: false, onnotice: () => {} }),
      ),
      pages: postgresPages(client as unknown as PostgresJsClient, PAGE_READ_TIMEOUTS),
      csv: postgresCsv(postgres as never, options.databaseUrl, PAGE_READ_TIMEOUTS),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = options.pgliteDir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    fs.mkdirSync(options.pgliteDir, { recursive: true });
    release = lockDataDir(path.resolve(options.pgliteDir));
  }
  try {
    if (!inMemory) await createDataDir(path.resolve(options.pgliteDir));
    // Half of Postgres's default buffers: PGlite touches all of them at opening, and its process
    // also holds the app (docs/benchmarks.md, "fifteenth session": a 1M-row import peaks at
    // 400–425 MB with 64 MB, 530–550 with 128; the same queries and imports within the noise).
    const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
    const client = inMemory ? new PGlite(pgliteOptions) : new PGlite(path.resolve(options.pgliteDir), pgliteOptions);
    await client.waitReady;
    return {
      db: drizzle({ client, schema }) as unknown as Db,
      driver: 'pglite',
      location: inMemory ? 'in-memory PGlite' : path.resolve(options.pgliteDir),
      runners: processRunnerLocks(),
      pages: pglitePages(client),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
/** Arbitrary constant key for the Postgres advisory lock that serialises concurrent migrators. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * The migrations of db/migrations the database has not applied, by tag (`0044_clicks_without_fk`),
 * oldest first; [] when its schema is current. Read as Drizzle's migrator decides what to apply:
 * every journal entry newer than the newest `created_at` in `drizzle.__drizzle_migrations` (all of
 * them when that table does not exist: a database never migrated).
 */
export async function pendingMigrations(connection: Connection): Promise<string[]> {
  const { sql } = await import('drizzle-orm');
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const [table] = rowsOf<{ name: string | null }>(
    await connection.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  let last = -Infinity;
  if (table.name) {
    const [row] = rowsOf<{ last: string | number | null }>(
      await connection.db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`),
    );
    if (row.last !== null) last = Number(row.last);
  }
  return journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
}

/** The database lacks migrations this code needs (`assertMigrated`). */
export class MigrationsPendingError extends Error {
  constructor(
    message: string,
    readonly pending: string[],
  ) {
    super(message);
    this.name = 'MigrationsPendingError';
  }
}

/**
 * Throws a `MigrationsPendingError` naming the migrations `connection`'s database lacks
 * (`pendingMigrations`) and the command that applies them; resolves when its schema is current.
 * Errors reaching the database propagate as they are. The server calls it as it starts
 * (instrumentation.ts) and exits on this error rather than fail every page with "relation does not
 * exist"; `npm start` and `npm run dev` migrate first.
 */
export async function assertMigrated(connection: Connection): Promise<void> {
  const pending = await pendingMigrations(connection);
  if (pending.length === 0) return;
  const which = pending.length === 1 ? pending[0] : `${pending.length} migrations, ${pending[0]} to ${pending.at(-1)}`;
  throw new MigrationsPendingError(
    `The database (${connection.location}) lacks ${which}. Apply them with \`npm run db:migrate\` (\`npm start\` does it before starting the server), then start again.`,
    pending,
  );
}

/** Applies every pending migration in db/migrations; safe to run from several instances at once. */
export async function migrateDatabase(connection: Connection): Promise<void> {
  if (connection.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(connection.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { default: postgres } = await import('postgres');
  // A session advisory lock must be taken and released on one connection: use a dedicated one.
  const client = postgres(connection.databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
