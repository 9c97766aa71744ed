import { afterAll, beforeAll } from 'vitest';
import { closeDb, getConnection } from '@/db';
import { migrateDatabase } from '@/db/connect';

// Each test file's sessions carry their own application name, so a test that terminates sessions
// on the shared Postgres server ends only its own file's, never a neighbour's running in parallel.
process.env.PGAPPNAME = `reachboard-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

// Without DATABASE_URL each test file gets its own in-memory PGlite database.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await migrateDatabase(await getConnection());
});

afterAll(async () => {
  await closeDb();
});
