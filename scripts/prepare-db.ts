/**
 * Runs before `npm run dev` and `npm start`: applies pending migrations and, on an empty
 * database, loads the demo data; then prints where to go and how to sign in.
 */
import { count } from 'drizzle-orm';
import { users } from '@/db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '@/db/seed/demo';
import { getEnv } from '@/lib/env';
import { backfillRollups } from '@/lib/rollups/backfill-rollups';
import { withDatabase } from './open-db';

await withDatabase(async ({ db, driver, location }) => {
  const [{ n }] = await db.select({ n: count() }).from(users);
  const seeded = n === 0;
  if (seeded) {
    console.log('Empty database: loading the demo data…');
    await seedDemo(db);
  } else await backfillRollups(db);
  const env = getEnv();
  console.log(`\nReachboard database: ${driver === 'pglite' ? 'embedded PGlite' : 'Postgres'} (${location}), migrations applied.`);
  if (seeded || process.env.SHOW_DEMO_LOGINS) {
    console.log(`Open ${env.appUrl} and sign in with any demo account (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(14)} ${login.email.padEnd(28)} ${login.note}`);
    if (env.mailboxEnabled) console.log(`Emails (password resets, invitations) land in ${env.appUrl}/dev/mailbox`);
  }
  console.log('');
});
