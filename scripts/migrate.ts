/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { withDatabase } from './open-db';

await withDatabase(async ({ driver, location }) => {
  console.log(`Migrations applied to ${driver} (${location}).`);
});
