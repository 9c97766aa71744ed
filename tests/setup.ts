import { afterAll, beforeAll } from 'vitest';
import { closeDb, getConnection } from '@/db';
import { migrateDatabase } from '@/db/connect';

// Without DATABASE_URL each test file gets its own in-memory PGlite database.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await migrateDatabase(await getConnection());
});

afterAll(async () => {
  await closeDb();
});
