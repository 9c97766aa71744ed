import { closeDb, getConnection } from '@/db';
import { DatabaseLockedError, migrateDatabase, type Connection } from '@/db/connect';
import { EnvError, getEnv } from '@/lib/env';

/**
 * Opens and migrates the configured database for a CLI script, runs `fn`, closes it.
 * Prints a clear message and exits 1 for a bad environment or a database held by a running server.
 */
export async function withDatabase(fn: (connection: Connection) => Promise<void>): Promise<void> {
  try {
    getEnv();
    const connection = await getConnection();
    await migrateDatabase(connection);
    await fn(connection);
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  } finally {
    await closeDb();
  }
}
