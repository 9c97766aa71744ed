/** `npm run db:seed`: loads the demo data into an empty database (refuses a non-empty one). */
import { count } from 'drizzle-orm';
import { users } from '@/db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '@/db/seed/demo';
import { withDatabase } from './open-db';

// The seed reads the links it emails itself from the outbox: deliver them in this process.
delete process.env.INNGEST_DEV;
delete process.env.INNGEST_EVENT_KEY;

await withDatabase(async ({ db }) => {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) {
    console.error(`The database already has ${n} users: the demo data only loads into an empty database.`);
    process.exitCode = 1;
    return;
  }
  await seedDemo(db, (step) => console.log(`  ${step}…`));
  console.log(`Demo data loaded. Password for every demo account: ${DEMO_PASSWORD}`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(14)} ${login.email}`);
});
