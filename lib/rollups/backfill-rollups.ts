import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { refreshAccountMetrics } from './refresh-account-metrics';
import { refreshInfluencerMetrics } from './refresh-influencer-metrics';
import { refreshOrgMetrics } from './refresh-org-metrics';

/**
 * Fills the rollups derived at job completion for every organization that has per-post or
 * per-account rollups but not the derived ones yet (a database migrated from before they
 * existed): `account_metrics` (lib/rollups refreshAccountMetrics), the roster rows
 * (`influencer_metrics`, refreshInfluencerMetrics) and the period rollups (refreshOrgMetrics).
 * Idempotent; a no-op once filled. Each organization's fill is one transaction whose statements may
 * run up to 30 minutes (a one-off recomputation over all of a large organization's rows, at start),
 * not the pool's default bound (DATABASE_STATEMENT_TIMEOUT_MS).
 * @returns the number of organizations filled.
 */
export async function backfillRollups(db: Db): Promise<number> {
  const fill = (work: (tx: Tx) => Promise<void>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = '30min'`);
      await work(tx);
    });
  const owners = sql`(select distinct owner_org_id from post_metrics where owner_org_id is not null
      union select distinct owner_org_id from account_daily_metrics where owner_org_id is not null)`;
  const withoutSummaries = rowsOf<{ owner_org_id: string }>(
    await db.execute(sql`${owners} except select distinct owner_org_id from account_metrics where owner_org_id is not null`),
  );
  for (const { owner_org_id } of withoutSummaries) await fill((tx) => refreshAccountMetrics(tx, owner_org_id, 'all'));
  const withoutRosterRows = rowsOf<{ owner_org_id: string }>(
    await db.execute(sql`
      select distinct owner_org_id from account_metrics where owner_org_id is not null
      except select distinct owner_org_id from influencer_metrics`),
  );
  for (const { owner_org_id } of withoutRosterRows)
    await fill((tx) => refreshInfluencerMetrics(tx, { ownerOrgId: owner_org_id, influencerIds: 'all' }));
  const withoutPeriods = rowsOf<{ owner_org_id: string }>(
    await db.execute(
      sql`${owners} except (select owner_org_id from org_daily_post_metrics union select owner_org_id from org_daily_follower_metrics)`,
    ),
  );
  for (const { owner_org_id } of withoutPeriods) await fill((tx) => refreshOrgMetrics(tx, owner_org_id, null));
  return new Set([...withoutSummaries, ...withoutRosterRows, ...withoutPeriods].map((o) => o.owner_org_id)).size;
}
