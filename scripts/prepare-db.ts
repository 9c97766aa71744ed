/**
 * Runs before `npm run dev` (with `--demo`) and `npm start`: applies pending migrations; then, on
 * an empty database, loads the demo data only when asked (`--demo`, i.e. `npm run dev`, or
 * `DEMO_DATA=true`), else creates nothing and says how to create the first admin.
 */
import { count } from 'drizzle-orm';
import { users } from '@/db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '@/db/seed/demo';
import { getEnv } from '@/lib/env';
import { backfillRollups } from '@/lib/rollups/backfill-rollups';
import { withDatabase } from './open-db';

const demoRequested = process.argv.includes('--demo');
// The demo seed reads the links it emails itself from the outbox: deliver them in this process
// even when the app is configured for Inngest (this process only prepares the database).
delete process.env.INNGEST_DEV;
delete process.env.INNGEST_EVENT_KEY;

await withDatabase(async ({ db, driver, location }) => {
  const env = getEnv();
  const [{ n }] = await db.select({ n: count() }).from(users);
  const seeded = n === 0 && (demoRequested || env.DEMO_DATA);
  if (seeded) {
    if (!demoRequested)
      console.warn('WARNING: DEMO_DATA=true loads demo accounts with a published password. Never set it on a deployment people use.');
    console.log('Empty database: loading the demo data…');
    const started = performance.now();
    await seedDemo(db, (step) => console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${step}…`));
    console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  done.`);
  } else if (n > 0) await backfillRollups(db);
  console.log(`\nReachboard database: ${driver === 'pglite' ? 'embedded PGlite' : 'Postgres'} (${location}), migrations applied.`);
  if (n === 0 && !seeded) {
    console.log('The database has no users yet. Create the first admin (the command prompts for a password):');
    console.log('  npm run admin:create -- --email you@example.com --name "Your Name"');
  }
  if (seeded || process.env.SHOW_DEMO_LOGINS) {
    console.log(`Open ${env.appUrl} and sign in with any demo account (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(14)} ${login.email.padEnd(28)} ${login.note}`);
    if (env.mailboxEnabled) console.log(`Emails (password resets, invitations) land in ${env.appUrl}/dev/mailbox`);
  }
  console.log('');
});
