import { connect, migrateDatabase } from '../db/connect';

/** With DATABASE_URL every test file shares one Postgres database: migrate it once, up front. */
export default async function globalSetup() {
  if (!process.env.DATABASE_URL) return;
  const connection = await connect({ databaseUrl: process.env.DATABASE_URL, pgliteDir: 'memory://' });
  try {
    await migrateDatabase(connection);
  } finally {
    await connection.close();
  }
}
