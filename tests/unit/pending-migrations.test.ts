import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { assertMigrated, connect, migrateDatabase, MigrationsPendingError, pendingMigrations } from '@/db/connect';

// The server refuses to start on a database without this code's migrations (instrumentation.ts):
// an embedded database of its own, never migrated, then migrated, then one migration behind.
const journal = JSON.parse(fs.readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
const tags = journal.entries.map((entry) => entry.tag);
const connection = await connect({ pgliteDir: 'memory://' });

afterAll(async () => {
  await connection.close();
});

describe('pending migrations', () => {
  it('names every migration of a database never migrated, none once migrated, the newest when one is missing', async () => {
    expect(tags.length).toBeGreaterThan(40);
    expect(await pendingMigrations(connection)).toEqual(tags);
    await expect(assertMigrated(connection)).rejects.toThrow(
      `The database (in-memory PGlite) lacks ${tags.length} migrations, ${tags[0]} to ${tags.at(-1)}. Apply them with \`npm run db:migrate\` (\`npm start\` does it before starting the server), then start again.`,
    );

    await migrateDatabase(connection);
    expect(await pendingMigrations(connection)).toEqual([]);
    await expect(assertMigrated(connection)).resolves.toBeUndefined();

    // A database one migration behind this code (deployed before `npm run db:migrate` ran).
    await connection.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    expect(await pendingMigrations(connection)).toEqual([tags.at(-1)]);
    const behind = await assertMigrated(connection).catch((error: unknown) => error);
    expect(behind).toBeInstanceOf(MigrationsPendingError);
    expect((behind as MigrationsPendingError).pending).toEqual([tags.at(-1)]);
    expect((behind as Error).message).toBe(
      `The database (in-memory PGlite) lacks ${tags.at(-1)}. Apply them with \`npm run db:migrate\` (\`npm start\` does it before starting the server), then start again.`,
    );
  });
});
