import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { refreshAccountMetrics } from './refresh-account-metrics';

/**
 * Fills `account_metrics` for every organization that has rollups but no account summaries yet
 * (a database migrated from before the rollups existed). Idempotent; a no-op once filled.
 * @returns the number of organizations filled.
 */
export async function backfillAccountMetrics(db: Db): Promise<number> {
  const owners = rowsOf<{ owner_org_id: string }>(
    await db.execute(sql`
      select distinct owner_org_id from post_metrics where owner_org_id is not null
      union select distinct owner_org_id from account_daily_metrics where owner_org_id is not null
      except select distinct owner_org_id from account_metrics where owner_org_id is not null`),
  );
  for (const { owner_org_id } of owners) await db.transaction((tx) => refreshAccountMetrics(tx, owner_org_id, 'all'));
  return owners.length;
}
