import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';

/**
 * Engagements of a snapshot row aliased `r` as lib/metrics `engagements` (and `post_metrics`)
 * count them: likes + comments + shares + saves over the known parts, null when none is known.
 */
const engagementsOf = (r: SQL) =>
  sql`case when ${r}.likes is null and ${r}.comments is null and ${r}.shares is null and ${r}.saves is null then null
    else coalesce(${r}.likes, 0) + coalesce(${r}.comments, 0) + coalesce(${r}.shares, 0) + coalesce(${r}.saves, 0) end`;

/** Whole days from the post date to a capture, and whether that is in the early curve (days 0–30). */
const dayOf = (capturedAt: SQL) => sql`floor(extract(epoch from ${capturedAt} - pm.post_date) / 86400)::smallint`;
const inCurve = (capturedAt: SQL) => sql`${capturedAt} >= pm.post_date and ${capturedAt} < pm.post_date + interval '31 days'`;

/** Groups `(post_id, post_date, day, captured_at, views, engagements)` rows (one per day) into curve rows. */
const curveRows = (orgId: string, perDay: SQL) => sql`
  select ${orgId}::uuid, c.post_id, c.post_date, array_agg(c.day order by c.day), array_agg(c.captured_at order by c.day),
    array_agg(c.views order by c.day), array_agg(c.engagements order by c.day)
  from (${perDay}) c group by c.post_id, c.post_date`;

/**
 * Recomputes the early curves (`post_curves`) of an organization's posts from their snapshots:
 * for each whole day 0–30 after the post date, that day's latest capture, for the posts given (or
 * all of them). A post with no capture in its first 31 days has no curve row. Given posts are read
 * one by one through `post_snapshots`' natural key (its first 31 days only), so the cost follows
 * the posts, not the table; all of them in one pass over the organization's snapshots.
 * Idempotent. Runs in the caller's transaction.
 */
export async function recomputePostCurves(tx: Tx | Db, orgId: string, postIds: string[] | 'all'): Promise<void> {
  if (postIds !== 'all' && postIds.length === 0) return;
  const only = postIds === 'all' ? sql`` : sql`and post_id = any(${pgArray(postIds)}::uuid[])`;
  await tx.execute(sql`delete from post_curves where owner_org_id = ${orgId}::uuid ${only}`);
  if (postIds === 'all') {
    await tx.execute(sql`
      insert into post_curves (owner_org_id, post_id, post_date, days, captured_at, views, engagements)
      ${curveRows(
        orgId,
        sql`select distinct on (pm.post_id, 3) pm.post_id, pm.post_date, ${dayOf(sql`s.captured_at`)} as day, s.captured_at, s.views,
            ${engagementsOf(sql`s`)} as engagements
          from post_metrics pm join post_snapshots s on s.post_id = pm.post_id and s.owner_org_id = pm.owner_org_id
          where pm.owner_org_id = ${orgId}::uuid and ${inCurve(sql`s.captured_at`)}
          order by pm.post_id, 3, s.captured_at desc`,
      )}`);
    return;
  }
  await tx.execute(sql`
    insert into post_curves (owner_org_id, post_id, post_date, days, captured_at, views, engagements)
    select ${orgId}::uuid, pm.post_id, pm.post_date, c.days, c.captured_at, c.views, c.engagements
    from unnest(${pgArray(postIds)}::uuid[]) as t(post_id)
    -- Lateral, limited: one probe per given post, whatever the statistics say of post_metrics
    -- (a joined scan read every post of the organization when they were stale).
    cross join lateral (
      select pm.post_id, pm.post_date, pm.owner_org_id from post_metrics pm
      where pm.owner_org_id = ${orgId}::uuid and pm.post_id = t.post_id limit 1
    ) pm
    cross join lateral (
      select array_agg(d.day order by d.day) as days, array_agg(d.captured_at order by d.day) as captured_at,
        array_agg(d.views order by d.day) as views, array_agg(d.engagements order by d.day) as engagements
      from (
        select distinct on (1) ${dayOf(sql`s.captured_at`)} as day, s.captured_at, s.views, ${engagementsOf(sql`s`)} as engagements
        from post_snapshots s
        where s.post_id = pm.post_id and s.owner_org_id = pm.owner_org_id and ${inCurve(sql`s.captured_at`)}
        order by 1, s.captured_at desc
      ) d
    ) c
    where c.days is not null`);
}

/**
 * The importer's curve step (after the `post_metrics` upsert, in the batch's transaction): merges
 * the batch's staged rows (`import_post_rows`) into the posts' early curves — per day, the later
 * capture wins, the batch's on a tie (a re-import's corrected values). A post whose post date moved
 * since its curve was written (a publish time learnt, an earlier capture) has its curve recomputed
 * from its snapshots first, as its days count from the new date.
 */
export async function mergeStagedPostCurves(tx: Tx, orgId: string): Promise<void> {
  await recomputeMovedPostCurves(tx, orgId);
  await tx.execute(sql`
    insert into post_curves as pc (owner_org_id, post_id, post_date, days, captured_at, views, engagements)
    ${curveRows(
      orgId,
      sql`select distinct on (i.post_id, 3) i.post_id, pm.post_date, ${dayOf(sql`i.captured_at`)} as day, i.captured_at, i.views,
          ${engagementsOf(sql`i`)} as engagements
        from import_post_rows i join post_metrics pm on pm.owner_org_id = ${orgId}::uuid and pm.post_id = i.post_id
        where ${inCurve(sql`i.captured_at`)}
        order by i.post_id, 3, i.captured_at desc`,
    )}
    on conflict (owner_org_id, post_id) do update set (days, captured_at, views, engagements) = (
      select array_agg(m.day order by m.day), array_agg(m.at order by m.day), array_agg(m.v order by m.day), array_agg(m.e order by m.day)
      from (
        select distinct on (u.day) u.day, u.at, u.v, u.e from (
          select n.day, n.at, n.v, n.e, 0 as src from unnest(excluded.days, excluded.captured_at, excluded.views, excluded.engagements) as n(day, at, v, e)
          union all
          select o.day, o.at, o.v, o.e, 1 from unnest(pc.days, pc.captured_at, pc.views, pc.engagements) as o(day, at, v, e)
        ) u order by u.day, u.at desc, u.src) m)
    where pc.post_date = excluded.post_date`);
}

/** Recomputes the curves of the staged posts whose post date is no longer the one their curve counts from. */
async function recomputeMovedPostCurves(tx: Tx, orgId: string): Promise<void> {
  const moved = rowsOf<{ post_id: string }>(
    await tx.execute(sql`
      select pc.post_id from post_curves pc join post_metrics pm on pm.owner_org_id = pc.owner_org_id and pm.post_id = pc.post_id
      where pc.owner_org_id = ${orgId}::uuid and pc.post_id in (select post_id from import_post_rows) and pc.post_date <> pm.post_date`),
  );
  await recomputePostCurves(
    tx,
    orgId,
    moved.map((m) => m.post_id),
  );
}
