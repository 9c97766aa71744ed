import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import { recomputePostCurves } from './post-curves';

/** The columns of `post_metrics` that hold the latest snapshot's values (its capture time first). */
const LATEST_COLUMNS = [
  'captured_at',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'reach',
  'impressions',
  'clicks',
  'conversions',
  'revenue_minor',
  'revenue_currency',
  'provenance',
] as const;

/**
 * Recomputes the per-post rollups of an organization's posts from their snapshots (the importer's
 * step at the end of a job, lib/imports runImport): `post_metrics` (the values of the latest
 * snapshot, the earliest capture time, the post's account and publish time from the organization's
 * view `org_posts`, the latest snapshot's provenance; docs/decision-rollups.md), then the posts'
 * early curves (`post_curves`, {@link recomputePostCurves}). Each post costs a few index probes of
 * `post_snapshots`' natural key, however many snapshots it has. A stored row whose capture is newer
 * than the snapshots read (another writer's, committed meanwhile) keeps its values. A post without
 * a snapshot of the organization or without its view is left alone. Idempotent; runs in the
 * caller's transaction.
 * @param postIds the posts, sorted (rows are locked in this order), at most some thousands per call.
 * @throws the database's error (the caller's transaction then rolls back).
 * @returns what changed for the period rollups (lib/rollups `RollupScope`): the UTC days
 * (`YYYY-MM-DD`) a changed post is dated on, before and after, and its accounts, before and after.
 */
export async function recomputePostRollups(tx: Tx, orgId: string, postIds: string[]): Promise<{ postDays: string[]; accounts: string[] }> {
  if (postIds.length === 0) return { postDays: [], accounts: [] };
  const ids = sql`${pgArray(postIds)}::uuid[]`;
  const [changed] = rowsOf<{ days: string[] | null; accounts: string[] | null }>(
    await tx.execute(sql`
      with before as (
        select pm.post_id, pm.post_date, pm.social_account_id
        from unnest(${ids}) as t(post_id)
        cross join lateral (
          select pm.post_id, pm.post_date, pm.social_account_id from post_metrics pm
          where pm.owner_org_id = ${orgId}::uuid and pm.post_id = t.post_id limit 1
        ) pm
      ),
      written as (
        insert into post_metrics as pm (owner_org_id, post_id, social_account_id, published_at, captured_at, first_captured_at, views, likes,
          comments, shares, saves, reach, impressions, clicks, conversions, revenue_minor, revenue_currency, provenance)
        select ${orgId}::uuid, op.post_id, op.social_account_id, op.published_at, l.captured_at, f.captured_at, l.views, l.likes, l.comments,
          l.shares, l.saves, l.reach, l.impressions, l.clicks, l.conversions, l.revenue_minor, l.revenue_currency, l.provenance
        -- Lateral, limited: one probe per given post whatever the statistics say (a joined scan read
        -- every post of the organization when they were stale).
        from unnest(${ids}) as t(post_id)
        cross join lateral (
          select op.post_id, op.social_account_id, op.published_at from org_posts op
          where op.org_id = ${orgId}::uuid and op.post_id = t.post_id limit 1
        ) op
        cross join lateral (
          select s.captured_at, s.views, s.likes, s.comments, s.shares, s.saves, s.reach, s.impressions, s.clicks, s.conversions,
            s.revenue_minor, s.revenue_currency, s.provenance
          from post_snapshots s where s.post_id = t.post_id and s.owner_org_id = ${orgId}::uuid order by s.captured_at desc limit 1) l
        cross join lateral (
          select s.captured_at from post_snapshots s where s.post_id = t.post_id and s.owner_org_id = ${orgId}::uuid
          order by s.captured_at limit 1) f
        -- A newer capture another writer (a connector's refresh) stored meanwhile is kept: the values
        -- follow the latest capture, as the batches' upsert does (write-batch writePostRollups).
        on conflict (owner_org_id, post_id) do update set
          social_account_id = excluded.social_account_id,
          published_at = excluded.published_at,
          first_captured_at = least(pm.first_captured_at, excluded.first_captured_at),
          ${sql.join(
            LATEST_COLUMNS.map((c) =>
              sql.raw(`${c} = case when excluded.captured_at >= pm.captured_at then excluded.${c} else pm.${c} end`),
            ),
            sql`, `,
          )}
        where excluded.captured_at > pm.captured_at or excluded.first_captured_at < pm.first_captured_at
          or excluded.social_account_id is distinct from pm.social_account_id or excluded.published_at is distinct from pm.published_at
          or (excluded.captured_at = pm.captured_at
              and (${sql.raw(LATEST_COLUMNS.map((c) => `excluded.${c}`).join(', '))}) is distinct from (${sql.raw(LATEST_COLUMNS.map((c) => `pm.${c}`).join(', '))}))
        returning post_id, post_date, social_account_id
      ),
      touched as (
        select post_date, social_account_id from written
        union all
        select b.post_date, b.social_account_id from before b join written w using (post_id)
      )
      select array_agg(distinct ((post_date at time zone 'UTC')::date)::text) as days, array_agg(distinct social_account_id::text) as accounts
      from touched`),
  );
  await recomputePostCurves(tx, orgId, postIds);
  return { postDays: changed?.days ?? [], accounts: changed?.accounts ?? [] };
}
