import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, getConnection } from '@/db';
import { migrateDatabase } from '@/db/connect';

// Each test file's sessions carry their own application name, so a test that terminates sessions
// on the shared Postgres server ends only its own file's, never a neighbour's running in parallel.
process.env.PGAPPNAME = `reachboard-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

// Every test process holds the development key (current, as outside production) and a second key,
// `rotated`: a test that rotates keys (reseals a table with `rotated` first, then drops `dev`) leaves
// rows the other test files, running in parallel on a shared Postgres database, can still open.
process.env.ENCRYPTION_KEYS ??= [
  `dev:${createHash('sha256').update('reachboard-development-secret-not-for-production-use').digest('base64')}`,
  `rotated:${Buffer.alloc(32, 9).toString('base64')}`,
].join(',');

// Without DATABASE_URL each test file gets its own in-memory PGlite database.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await migrateDatabase(await getConnection());
});

afterAll(async () => {
  await closeDb();
});
