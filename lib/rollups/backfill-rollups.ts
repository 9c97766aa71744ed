import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { refreshAccountMetrics } from './refresh-account-metrics';
import { refreshInfluencerMetrics } from './refresh-influencer-metrics';
import { refreshOrgMetrics } from './refresh-org-metrics';

/**
 * Fills the rollups derived at job completion for every organization that has per-post or
 * per-account rollups but not the derived ones yet (a database migrated from before they
 * existed): `account_metrics` (lib/rollups refreshAccountMetrics), the roster rows
 * (`influencer_metrics`, refreshInfluencerMetrics) and the period rollups (refreshOrgMetrics).
 * Idempotent; a no-op once filled.
 * @returns the number of organizations filled.
 */
export async function backfillRollups(db: Db): Promise<number> {
  const owners = sql`(select distinct owner_org_id from post_metrics where owner_org_id is not null
      union select distinct owner_org_id from account_daily_metrics where owner_org_id is not null)`;
  const withoutSummaries = rowsOf<{ owner_org_id: string }>(
    await db.execute(sql`${owners} except select distinct owner_org_id from account_metrics where owner_org_id is not null`),
  );
  for (const { owner_org_id } of withoutSummaries) await db.transaction((tx) => refreshAccountMetrics(tx, owner_org_id, 'all'));
  const withoutRosterRows = rowsOf<{ owner_org_id: string }>(
    await db.execute(sql`
      select distinct owner_org_id from account_metrics where owner_org_id is not null
      except select distinct owner_org_id from influencer_metrics`),
  );
  for (const { owner_org_id } of withoutRosterRows)
    await db.transaction((tx) => refreshInfluencerMetrics(tx, { ownerOrgId: owner_org_id, influencerIds: 'all' }));
  const withoutPeriods = rowsOf<{ owner_org_id: string }>(
    await db.execute(
      sql`${owners} except (select owner_org_id from org_daily_post_metrics union select owner_org_id from org_daily_follower_metrics)`,
    ),
  );
  for (const { owner_org_id } of withoutPeriods) await db.transaction((tx) => refreshOrgMetrics(tx, owner_org_id, null));
  return new Set([...withoutSummaries, ...withoutRosterRows, ...withoutPeriods].map((o) => o.owner_org_id)).size;
}
