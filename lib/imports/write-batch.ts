import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { BinaryCopy, copyInto, uuidBytes } from '@/db/copy';
import { pgArray, rowsOf } from '@/db/sql';
import { databaseErrorCode } from '../errors';
import { mergeStagedPostCurves } from '../rollups/post-curves';
import type { AccountRecord, PostRecord } from './map-row';
import { ownText } from './own-text';

/** What a batch's snapshot write did: new snapshots, changed snapshots, rows whose values were already stored. */
export type SnapshotCounts = { imported: number; updated: number; unchanged: number };

/**
 * What a batch's rollup write changed, so the period rollups can be refreshed for it (lib/rollups
 * `RollupScope`): the UTC days (`YYYY-MM-DD`) of the posts whose latest values changed, the days of
 * account captures that changed a day's latest capture, and the accounts of either. Rows that
 * changed nothing touch nothing.
 */
export type Touched = { postDays: string[]; captureDays: string[]; accounts: string[] };

const NOTHING_WRITTEN: SnapshotCounts = { imported: 0, updated: 0, unchanged: 0 };

/**
 * What every batch writer needs: the owning organization, the import job (null for a connector
 * refresh), who imports, the account cache, and where the values come from (default `csv`).
 */
export type BatchContext = {
  orgId: string;
  jobId: string | null;
  actorId: string | null;
  cache: AccountCache;
  /** Post ids of this job by `platform|platformPostId` (imports only: a connector rewrites the post's attributes). */
  postCache?: Map<string, string>;
  provenance?: 'csv' | 'api';
  /** Values read with the creator's own connection (their insights): stored with `first_party`. */
  firstParty?: boolean;
  /**
   * An import's snapshot mode, kept across its batches: while `direct`, a batch's snapshots are
   * copied straight into `post_snapshots` (new keys: a plain insert), and the first batch meeting
   * a stored key turns it off for the rest of the job ({@link writePostSnapshots}).
   */
  snapshots?: { direct: boolean };
  /**
   * An import's: its post batches write no per-post rollup (`post_metrics`, `post_curves`; no
   * {@link writePostRollups}) and stage nothing for one; the job records the posts each batch names
   * and recomputes their rollups when it ends (lib/imports runImport), once per post however many
   * batches name it.
   */
  deferPostRollups?: boolean;
};

/** The most post ids a job keeps in its cache (about 15 MB); past it the cache starts again. */
const POST_CACHE_LIMIT = 200_000;

/** Social account ids of this job by `platform|handle`, so each account is resolved once per job. */
export type AccountCache = Map<string, { socialAccountId: string; influencerId: string }>;

const TAG_SEPARATOR = '\u001f';

/**
 * Finds or creates the social accounts (and tracked influencer profiles) of a batch and puts them on
 * the organization's roster with the organization's own labels (name, country, category: its view,
 * in `org_influencers`; the latest import wins, a label the file does not give keeps the stored
 * one). Profiles and accounts are shared identities (one per platform + handle) that an import only
 * creates, named after the handle: their attributes come from connectors and verified creators.
 */
async function resolveAccounts(
  tx: Tx,
  orgId: string,
  actorId: string | null,
  cache: AccountCache,
  accounts: { platform: string; handle: string; displayName: string | null; country?: string | null; category?: string | null }[],
): Promise<void> {
  const wanted = new Map<string, (typeof accounts)[number]>();
  for (const a of accounts) if (!cache.has(`${a.platform}|${a.handle}`)) wanted.set(`${a.platform}|${a.handle}`, a);
  if (wanted.size === 0) return;
  const list = [...wanted.values()];
  const find = async (items: typeof list) =>
    rowsOf<{ id: string; influencer_id: string; platform: string; handle: string }>(
      await tx.execute(sql`
        select sa.id, sa.influencer_id, sa.platform::text as platform, sa.handle
        from social_accounts sa
        join unnest(${pgArray(items.map((a) => a.platform))}::platform[], ${pgArray(items.map((a) => a.handle))}::text[]) as w(platform, handle)
          on sa.platform = w.platform and sa.handle = w.handle`),
    );
  for (const row of await find(list))
    cache.set(`${row.platform}|${row.handle}`, { socialAccountId: row.id, influencerId: row.influencer_id });
  const missing = list.filter((a) => !cache.has(`${a.platform}|${a.handle}`));
  if (missing.length) {
    const ids = missing.map(() => randomUUID());
    await tx.execute(sql`
      insert into influencers (id, display_name)
      select * from unnest(${pgArray(ids)}::uuid[], ${pgArray(missing.map((a) => a.handle))}::text[])`);
    const created = rowsOf<{ id: string; influencer_id: string; platform: string; handle: string }>(
      await tx.execute(sql`
        insert into social_accounts (influencer_id, platform, handle)
        select * from unnest(${pgArray(ids)}::uuid[], ${pgArray(missing.map((a) => a.platform))}::platform[],
          ${pgArray(missing.map((a) => a.handle))}::text[])
        on conflict (platform, handle) do nothing
        returning id, influencer_id, platform::text as platform, handle`),
    );
    for (const row of created) cache.set(`${row.platform}|${row.handle}`, { socialAccountId: row.id, influencerId: row.influencer_id });
    const lost = missing.filter((a) => !cache.has(`${a.platform}|${a.handle}`));
    if (lost.length) {
      // Another import created these accounts meanwhile: drop our unused profiles and use theirs.
      const used = new Set(created.map((c) => c.influencer_id));
      await tx.execute(sql`delete from influencers where id = any(${pgArray(ids.filter((id) => !used.has(id)))}::uuid[])`);
      for (const row of await find(lost))
        cache.set(`${row.platform}|${row.handle}`, { socialAccountId: row.id, influencerId: row.influencer_id });
    }
  }
  // One roster row per profile (a profile may hold several of the batch's accounts): its labels are
  // the first ones the batch gives.
  const labels = new Map<string, { displayName: string | null; country: string | null; category: string | null }>();
  for (const a of list) {
    const id = cache.get(`${a.platform}|${a.handle}`)!.influencerId;
    const known = labels.get(id);
    labels.set(id, {
      displayName: known?.displayName ?? a.displayName ?? null,
      country: known?.country ?? a.country ?? null,
      category: known?.category ?? a.category ?? null,
    });
  }
  const ids = [...labels.keys()];
  const label = (k: 'displayName' | 'country' | 'category') => pgArray(ids.map((id) => labels.get(id)![k]));
  await tx.execute(sql`
    insert into org_influencers as oi (org_id, influencer_id, source, added_by, display_name, country, category)
    select ${orgId}::uuid, t.id, 'import', ${actorId}::uuid, t.name, t.country, t.category
    from unnest(${pgArray(ids)}::uuid[], ${label('displayName')}::text[], ${label('country')}::text[], ${label('category')}::text[]) as t(id, name, country, category)
    on conflict (org_id, influencer_id) do update set
      display_name = coalesce(excluded.display_name, oi.display_name),
      country = coalesce(excluded.country, oi.country),
      category = coalesce(excluded.category, oi.category)
    where (excluded.display_name is not null and excluded.display_name is distinct from oi.display_name)
       or (excluded.country is not null and excluded.country is distinct from oi.country)
       or (excluded.category is not null and excluded.category is distinct from oi.category)`);
}

/** Phase A of an account batch: finds or creates its accounts (shared identities), in file order. */
export async function prepareAccountBatch(tx: Tx, ctx: BatchContext, records: AccountRecord[]): Promise<void> {
  await resolveAccounts(tx, ctx.orgId, ctx.actorId, ctx.cache, records);
}

/** The columns of an account batch's staging table, in COPY order. */
const ACCOUNT_ROW_COLUMNS = [
  'social_account_id',
  'captured_at',
  'followers',
  'following',
  'posts_count',
  'total_views',
  'total_likes',
  'avg_likes',
  'reported_engagement_rate',
] as const;

const CREATE_ACCOUNT_STAGING = sql`
  create temp table if not exists import_account_rows (
    social_account_id uuid not null, captured_at timestamptz not null,
    followers bigint, following bigint, posts_count bigint, total_views bigint, total_likes bigint, avg_likes bigint,
    reported_engagement_rate float8
  ) on commit delete rows`;

/**
 * Phase B of an account batch, first step: loads its rows with `COPY` into the session's staging
 * table and upserts them as account snapshots owned by `orgId` (natural key: account + captured_at
 * + owner). A re-imported row with the same values writes nothing. Touches no rollup: batches in
 * flight at once never wait on each other's rows (their snapshot keys are distinct within a job).
 * @throws the database's error; nothing of the batch is written then (the caller's transaction).
 */
export async function writeAccountSnapshots(tx: Tx, ctx: BatchContext, records: AccountRecord[]): Promise<SnapshotCounts> {
  await tx.execute(CREATE_ACCOUNT_STAGING);
  // Emptied at commit; a transaction writing several batches empties it itself, so the rollup
  // step never reads another batch's rows.
  await tx.execute(sql`truncate import_account_rows`);
  if (records.length === 0) return NOTHING_WRITTEN;
  const rows = new BinaryCopy();
  const accountBytes = new Map<string, Buffer>();
  for (const r of records) {
    const id = ctx.cache.get(`${r.platform}|${r.handle}`)!.socialAccountId;
    let bytes = accountBytes.get(id);
    if (!bytes) accountBytes.set(id, (bytes = uuidBytes(id)));
    rows.row(ACCOUNT_ROW_COLUMNS.length);
    rows.uuid(bytes);
    rows.timestamptz(r.capturedAt);
    rows.int8(r.followers);
    rows.int8(r.following);
    rows.int8(r.postsCount);
    rows.int8(r.totalViews);
    rows.int8(r.totalLikes);
    rows.int8(r.avgLikes);
    rows.float8(r.engagementRate);
  }
  await copyInto(tx, 'import_account_rows', ACCOUNT_ROW_COLUMNS, rows.finish());
  const [counts] = rowsOf<{ inserted: number; updated: number }>(
    await tx.execute(sql`
      with written as (
        insert into account_snapshots (social_account_id, owner_org_id, captured_at, followers, following, posts_count, total_views, total_likes, avg_likes, reported_engagement_rate, provenance, first_party, import_job_id)
        select i.social_account_id, ${ctx.orgId}::uuid, i.captured_at, i.followers, i.following, i.posts_count, i.total_views, i.total_likes,
          i.avg_likes, i.reported_engagement_rate, ${ctx.provenance ?? 'csv'}::provenance, ${ctx.firstParty ?? false}, ${ctx.jobId}::uuid
        from import_account_rows i
        on conflict (social_account_id, captured_at, owner_org_id) do update set
          followers = excluded.followers, following = excluded.following, posts_count = excluded.posts_count, total_views = excluded.total_views,
          total_likes = excluded.total_likes, avg_likes = excluded.avg_likes, reported_engagement_rate = excluded.reported_engagement_rate,
          provenance = excluded.provenance, first_party = excluded.first_party, import_job_id = excluded.import_job_id
        where (account_snapshots.followers, account_snapshots.following, account_snapshots.posts_count, account_snapshots.total_views,
               account_snapshots.total_likes, account_snapshots.avg_likes, account_snapshots.reported_engagement_rate)
          is distinct from (excluded.followers, excluded.following, excluded.posts_count, excluded.total_views,
               excluded.total_likes, excluded.avg_likes, excluded.reported_engagement_rate)
        returning (xmax = 0) as inserted
      )
      select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from written`),
  );
  return { imported: counts.inserted, updated: counts.updated, unchanged: records.length - counts.inserted - counts.updated };
}

/**
 * Phase B of an account batch, second step (after {@link writeAccountSnapshots} in the same
 * transaction): upserts the daily rollup `account_daily_metrics` (last snapshot of each UTC day)
 * from the staged rows. Rollup rows are shared by batches (an account's day may straddle two), so
 * the importer runs this step only once the previous batch has committed.
 * Reads only what the same transaction staged: call it after {@link writeAccountSnapshots}.
 * @returns what changed (capture days and accounts).
 */
export async function writeAccountRollups(tx: Tx, ctx: BatchContext): Promise<Touched> {
  const [touched] = rowsOf<{ days: string[] | null; accounts: string[] | null }>(
    await tx.execute(sql`
      with daily as (
        -- The per-account daily rollup keeps the last snapshot of each UTC day (docs/decision-rollups.md).
        insert into account_daily_metrics as d (owner_org_id, social_account_id, day, captured_at, followers, following, posts_count, total_views, reported_engagement_rate, provenance)
        select distinct on (i.social_account_id, (i.captured_at at time zone 'UTC')::date) ${ctx.orgId}::uuid, i.social_account_id,
          (i.captured_at at time zone 'UTC')::date, i.captured_at, i.followers, i.following, i.posts_count, i.total_views, i.reported_engagement_rate,
          ${ctx.provenance ?? 'csv'}::provenance
        from import_account_rows i order by i.social_account_id, (i.captured_at at time zone 'UTC')::date, i.captured_at desc
        on conflict (social_account_id, owner_org_id, day) do update set
          captured_at = excluded.captured_at, followers = excluded.followers, following = excluded.following, posts_count = excluded.posts_count,
          total_views = excluded.total_views, reported_engagement_rate = excluded.reported_engagement_rate, provenance = excluded.provenance
        where excluded.captured_at > d.captured_at
           or (excluded.captured_at = d.captured_at
               and (excluded.followers, excluded.following, excluded.posts_count, excluded.total_views, excluded.reported_engagement_rate)
                   is distinct from (d.followers, d.following, d.posts_count, d.total_views, d.reported_engagement_rate))
        returning day, social_account_id
      )
      select array_agg(distinct day::text) as days, array_agg(distinct social_account_id::text) as accounts from daily`),
  );
  return { postDays: [], captureDays: touched?.days ?? [], accounts: touched?.accounts ?? [] };
}

/**
 * Phase A of a post batch, in file order: finds or creates its accounts and posts (shared
 * identities: platform + handle, platform + post id), and writes the organization's view of each
 * post (`org_posts`: account, title, URL, publish time, media type, tags; the latest row wins, a
 * value the file does not give keeps the stored one). Only a connector's batch (`provenance` api)
 * writes the shared post's attributes: an import never changes what another organization sees.
 * @returns post ids by `platform|platformPostId`.
 */
export async function preparePostBatch(tx: Tx, ctx: BatchContext, records: PostRecord[]): Promise<Map<string, string>> {
  if (records.length === 0) return new Map();
  await resolveAccounts(
    tx,
    ctx.orgId,
    ctx.actorId,
    ctx.cache,
    records.map((r) => ({ platform: r.platform, handle: r.accountHandle, displayName: r.accountDisplayName })),
  );
  // One row per post: its latest capture in the batch carries the attributes.
  const latest = new Map<string, PostRecord>();
  for (const r of records) {
    const key = `${r.platform}|${r.platformPostId}`;
    const known = latest.get(key);
    if (!known || r.capturedAt >= known.capturedAt) latest.set(key, r);
  }
  const posts = [...latest.values()];
  // Each column's array parameter is built once: the posts and org_posts statements share them.
  const built = new Map<keyof PostRecord, string>();
  const p = <K extends keyof PostRecord>(k: K) => {
    let array = built.get(k);
    if (array === undefined) built.set(k, (array = pgArray(posts.map((r) => r[k] as string | number | Date | null))));
    return array;
  };
  const accountIds = pgArray(posts.map((r) => ctx.cache.get(`${r.platform}|${r.accountHandle}`)!.socialAccountId));
  const tags = pgArray(posts.map((r) => r.tags.join(TAG_SEPARATOR)));
  const input = sql`select * from unnest(${accountIds}::uuid[], ${p('platform')}::platform[], ${p('platformPostId')}::text[],
      ${p('publishedAt')}::timestamptz[], ${p('title')}::text[], ${p('mediaType')}::media_type[], ${p('url')}::text[], ${tags}::text[],
      ${p('platformCategoryId')}::text[]) as t(sa, pl, pid, pub, title, mt, url, tags, cat)`;
  const tagArray = sql`case when i.tags = '' then '{}'::text[] else string_to_array(i.tags, ${TAG_SEPARATOR}) end`;
  const ids = new Map<string, string>();
  const keep = (rows: { id: string; platform: string; platform_post_id: string }[]) => {
    for (const r of rows) ids.set(`${r.platform}|${r.platform_post_id}`, r.id);
  };
  if (ctx.provenance === 'api') {
    // The platform's API is a verified source: it names the post's account and attributes for everyone.
    keep(
      rowsOf(
        await tx.execute(sql`
          insert into posts as p (social_account_id, platform, platform_post_id, published_at, title, media_type, url, tags, platform_category_id)
          select i.sa, i.pl, i.pid, i.pub, i.title, i.mt, i.url, ${tagArray}, i.cat from (${input}) i
          on conflict (platform, platform_post_id) do update set
            social_account_id = excluded.social_account_id,
            published_at = coalesce(excluded.published_at, p.published_at),
            title = coalesce(excluded.title, p.title),
            media_type = coalesce(excluded.media_type, p.media_type),
            url = coalesce(excluded.url, p.url)
          returning id, platform::text as platform, platform_post_id`),
      ),
    );
  } else {
    // Posts an earlier batch of the job resolved need no statement (a file ordered by day names the
    // same posts in every batch).
    const known = ctx.postCache;
    const missing = known
      ? posts.filter((r) => {
          const key = `${r.platform}|${r.platformPostId}`;
          const id = known.get(key);
          if (id) ids.set(key, id);
          return !id;
        })
      : posts;
    if (missing.length) {
      keep(
        rowsOf(
          await tx.execute(sql`
            insert into posts (platform, platform_post_id)
            select * from unnest(${pgArray(missing.map((r) => r.platform))}::platform[], ${pgArray(missing.map((r) => r.platformPostId))}::text[])
            on conflict (platform, platform_post_id) do nothing
            returning id, platform::text as platform, platform_post_id`),
        ),
      );
      // Posts that already existed, or that a concurrent import committed while ours waited on them:
      // a new statement sees them.
      const rest = missing.filter((r) => !ids.has(`${r.platform}|${r.platformPostId}`));
      if (rest.length)
        keep(
          rowsOf(
            await tx.execute(sql`
              select p.id, p.platform::text as platform, p.platform_post_id from posts p
              join unnest(${pgArray(rest.map((r) => r.platform))}::platform[], ${pgArray(rest.map((r) => r.platformPostId))}::text[]) as w(pl, pid)
                on p.platform = w.pl and p.platform_post_id = w.pid`),
          ),
        );
    }
    if (known) {
      if (known.size + missing.length > POST_CACHE_LIMIT) known.clear();
      // Kept for the whole job: copies of the keys, not slices of the file's text (see ownText).
      for (const r of missing) {
        const key = `${r.platform}|${r.platformPostId}`;
        known.set(ownText(key), ids.get(key)!);
      }
    }
  }
  const postIds = pgArray(posts.map((r) => ids.get(`${r.platform}|${r.platformPostId}`)!));
  // The latest capture's attributes win, whatever the order of files and rows: a capture at least
  // as recent as the stored attributes' replaces what it gives; an older one only fills gaps.
  const newer = sql`(op.attributes_captured_at is null or excluded.attributes_captured_at >= op.attributes_captured_at)`;
  const pick = (column: string) =>
    sql`case when ${newer} then coalesce(excluded.${sql.raw(column)}, op.${sql.raw(column)}) else coalesce(op.${sql.raw(column)}, excluded.${sql.raw(column)}) end`;
  const differs = (column: string) =>
    sql`(excluded.${sql.raw(column)} is not null and excluded.${sql.raw(column)} is distinct from op.${sql.raw(column)} and (${newer} or op.${sql.raw(column)} is null))`;
  await tx.execute(sql`
    insert into org_posts as op (org_id, post_id, social_account_id, platform, platform_post_id, published_at, title, media_type, url, tags,
      platform_category_id, cost_minor, cost_currency, attributes_captured_at)
    select ${ctx.orgId}::uuid, i.post_id, i.sa, i.pl, i.pid, i.pub, i.title, i.mt, i.url, ${tagArray}, i.cat, i.cost, i.cur, i.at
    from unnest(${postIds}::uuid[], ${accountIds}::uuid[], ${p('platform')}::platform[], ${p('platformPostId')}::text[],
      ${p('publishedAt')}::timestamptz[], ${p('title')}::text[], ${p('mediaType')}::media_type[], ${p('url')}::text[], ${tags}::text[],
      ${p('platformCategoryId')}::text[], ${p('costMinor')}::bigint[], ${p('costCurrency')}::text[], ${p('capturedAt')}::timestamptz[])
      as i(post_id, sa, pl, pid, pub, title, mt, url, tags, cat, cost, cur, at)
    on conflict (org_id, post_id) do update set
      social_account_id = case when ${newer} then excluded.social_account_id else op.social_account_id end,
      published_at = ${pick('published_at')},
      title = ${pick('title')},
      media_type = ${pick('media_type')},
      url = ${pick('url')},
      tags = case when cardinality(excluded.tags) > 0 and (${newer} or cardinality(op.tags) = 0) then excluded.tags else op.tags end,
      platform_category_id = ${pick('platform_category_id')},
      cost_minor = ${pick('cost_minor')},
      cost_currency = case when excluded.cost_minor is not null and (${newer} or op.cost_minor is null) then excluded.cost_currency else op.cost_currency end,
      attributes_captured_at = greatest(op.attributes_captured_at, excluded.attributes_captured_at),
      updated_at = now()
    where (${newer} and op.social_account_id is distinct from excluded.social_account_id)
       or ${differs('published_at')} or ${differs('title')} or ${differs('media_type')} or ${differs('url')} or ${differs('platform_category_id')}
       or ${differs('cost_minor')} or ${differs('cost_currency')}
       or (cardinality(excluded.tags) > 0 and excluded.tags is distinct from op.tags and (${newer} or cardinality(op.tags) = 0))
       or excluded.attributes_captured_at > op.attributes_captured_at or op.attributes_captured_at is null`);
  return ids;
}

/** A post snapshot's measured columns, in COPY order (both the staging table and `post_snapshots`). */
const METRIC_COLUMNS = [
  'views',
  'likes',
  'dislikes',
  'comments',
  'shares',
  'saves',
  'reach',
  'impressions',
  'clicks',
  'conversions',
  'revenue_minor',
  'revenue_currency',
] as const;

/** Writes a record's {@link METRIC_COLUMNS} into a binary COPY row. */
function writeMetrics(rows: BinaryCopy, r: PostRecord): void {
  rows.int8(r.views);
  rows.int8(r.likes);
  rows.int8(r.dislikes);
  rows.int8(r.comments);
  rows.int8(r.shares);
  rows.int8(r.saves);
  rows.int8(r.reach);
  rows.int8(r.impressions);
  rows.int8(r.clicks);
  rows.int8(r.conversions);
  rows.int8(r.revenueMinor);
  rows.text(r.revenueCurrency);
}

/** The columns of a post batch's staging table, in COPY order. */
const POST_ROW_COLUMNS = ['post_id', 'captured_at', ...METRIC_COLUMNS, 'latest', 'first_captured_at'] as const;

/**
 * The session's staging table for post batches: created once per connection, emptied at every
 * commit, never logged to the WAL. What COPY loads and the set-based upserts read.
 */
const CREATE_POST_STAGING = sql`
  create temp table if not exists import_post_rows (
    post_id uuid not null, captured_at timestamptz not null,
    views bigint, likes bigint, dislikes bigint, comments bigint, shares bigint, saves bigint, reach bigint, impressions bigint,
    clicks bigint, conversions bigint, revenue_minor bigint, revenue_currency text,
    -- The post's latest capture in the batch (what its rollup takes), with the post's earliest.
    latest boolean not null, first_captured_at timestamptz
  ) on commit delete rows`;

/** The columns a post batch copies straight into `post_snapshots`, in COPY order. */
const SNAPSHOT_COLUMNS = ['post_id', 'owner_org_id', 'captured_at', ...METRIC_COLUMNS, 'provenance', 'import_job_id'] as const;

/**
 * A batch's rows with their post ids (uuid bytes) and each post's latest and earliest capture in
 * the batch (`first`, on the latest row), and whether a row may fall in its post's early curve
 * (`early`: within {@link CURVE_DAYS} days of its publish time, else of the post's earliest capture
 * here, the latest possible post date).
 */
type PlacedRows = { records: PostRecord[]; bytes: Buffer[]; latest: boolean[]; first: (Date | null)[]; early: boolean[] };

/** Days after the post date an early curve keeps (`post_curves`: days 0 to CURVE_DAYS − 1). */
const CURVE_DAYS = 31;
const DAY_MS = 86_400_000;

function place(records: PostRecord[], postIds: Map<string, string>): PlacedRows {
  const span = new Map<string, { latest: number; first: Date; bytes: Buffer }>();
  const own = records.map((r, i) => {
    const id = postIds.get(`${r.platform}|${r.platformPostId}`)!;
    let known = span.get(id);
    if (!known) span.set(id, (known = { latest: i, first: r.capturedAt, bytes: uuidBytes(id) }));
    else {
      if (r.capturedAt > records[known.latest].capturedAt) known.latest = i;
      if (r.capturedAt < known.first) known.first = r.capturedAt;
    }
    return known;
  });
  return {
    records,
    bytes: own.map((o) => o.bytes),
    latest: own.map((o, i) => o.latest === i),
    first: own.map((o, i) => (o.latest === i ? o.first : null)),
    early: records.map((r, i) => {
      const from = r.publishedAt ?? own[i].first;
      return r.capturedAt.getTime() - Math.min(from.getTime(), own[i].first.getTime()) < CURVE_DAYS * DAY_MS;
    }),
  };
}

/**
 * Stages rows into `import_post_rows` with one binary COPY: every row, or only what the rollup step
 * reads (each post's latest, and the rows that may fall in an early curve).
 */
async function stageRows(tx: Tx, placed: PlacedRows, onlyRollups: boolean): Promise<void> {
  const rows = new BinaryCopy();
  placed.records.forEach((r, i) => {
    if (onlyRollups && !placed.latest[i] && !placed.early[i]) return;
    rows.row(POST_ROW_COLUMNS.length);
    rows.uuid(placed.bytes[i]);
    rows.timestamptz(r.capturedAt);
    writeMetrics(rows, r);
    rows.bool(placed.latest[i]);
    rows.timestamptz(placed.first[i]);
  });
  await copyInto(tx, 'import_post_rows', POST_ROW_COLUMNS, rows.finish());
}

/**
 * Copies a batch's snapshots straight into `post_snapshots` (one binary COPY) inside a savepoint:
 * when none of their keys is stored yet this is the whole write. When one is (a re-import, or
 * another import of the same posts), the savepoint is rolled back and false returned: nothing of
 * the attempt remains, and the caller upserts instead.
 * @throws any database error but a unique violation.
 */
async function copyNewSnapshots(tx: Tx, ctx: BatchContext, placed: PlacedRows): Promise<boolean> {
  const org = uuidBytes(ctx.orgId);
  const job = ctx.jobId === null ? null : uuidBytes(ctx.jobId);
  const provenance = ctx.provenance ?? 'csv';
  const rows = new BinaryCopy();
  placed.records.forEach((r, i) => {
    rows.row(SNAPSHOT_COLUMNS.length);
    rows.uuid(placed.bytes[i]);
    rows.uuid(org);
    rows.timestamptz(r.capturedAt);
    writeMetrics(rows, r);
    rows.text(provenance);
    rows.uuid(job);
  });
  await tx.execute(sql`savepoint new_snapshots`);
  try {
    await copyInto(tx, 'post_snapshots', SNAPSHOT_COLUMNS, rows.finish());
  } catch (error) {
    if (databaseErrorCode(error) !== UNIQUE_VIOLATION) throw error;
    await tx.execute(sql`rollback to savepoint new_snapshots`);
    return false;
  }
  await tx.execute(sql`release savepoint new_snapshots`);
  return true;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Phase B of a post batch, first step: writes its rows as snapshots owned by `orgId` (natural
 * key: post + owner + captured_at) and stages what the rollup step reads. A re-imported row with
 * the same values writes nothing. Two ways, same result: while the import's snapshot mode
 * (`ctx.snapshots`) is direct, the rows are copied straight into `post_snapshots` (new keys) and
 * only what the rollup step reads is staged (nothing when `ctx.deferPostRollups`); otherwise — or
 * when a key is already stored, which turns the mode off for the job — every row is loaded with
 * `COPY` into the session's staging table and upserted from it. Touches no rollup: batches in
 * flight at once never wait on each other's rows (their snapshot keys are distinct within a job).
 * @param postIds post ids by `platform|platformPostId` (phase A's result).
 * @throws the database's error; nothing of the batch is written then (the caller's transaction).
 */
export async function writePostSnapshots(
  tx: Tx,
  ctx: BatchContext,
  records: PostRecord[],
  postIds: Map<string, string>,
): Promise<SnapshotCounts> {
  await tx.execute(CREATE_POST_STAGING);
  // Emptied at commit; a transaction writing several batches (a connector's, one per organization)
  // empties it itself, so the rollup step never reads another batch's rows.
  await tx.execute(sql`truncate import_post_rows`);
  if (records.length === 0) return NOTHING_WRITTEN;
  const placed = place(records, postIds);
  if (ctx.snapshots?.direct) {
    if (await copyNewSnapshots(tx, ctx, placed)) {
      if (!ctx.deferPostRollups) await stageRows(tx, placed, true);
      return { imported: records.length, updated: 0, unchanged: 0 };
    }
    ctx.snapshots.direct = false;
  }
  await stageRows(tx, placed, false);
  const [counts] = rowsOf<{ inserted: number; updated: number }>(
    await tx.execute(sql`
      with written as (
        insert into post_snapshots (post_id, owner_org_id, captured_at, views, likes, dislikes, comments, shares, saves, reach, impressions, clicks, conversions, revenue_minor, revenue_currency, provenance, first_party, import_job_id)
        select i.post_id, ${ctx.orgId}::uuid, i.captured_at, i.views, i.likes, i.dislikes, i.comments, i.shares, i.saves, i.reach, i.impressions,
          i.clicks, i.conversions, i.revenue_minor, i.revenue_currency, ${ctx.provenance ?? 'csv'}::provenance, ${ctx.firstParty ?? false}, ${ctx.jobId}::uuid
        from import_post_rows i
        on conflict (post_id, owner_org_id, captured_at) do update set
          views = excluded.views, likes = excluded.likes, dislikes = excluded.dislikes, comments = excluded.comments, shares = excluded.shares,
          saves = excluded.saves, reach = excluded.reach, impressions = excluded.impressions, clicks = excluded.clicks, conversions = excluded.conversions,
          revenue_minor = excluded.revenue_minor, revenue_currency = excluded.revenue_currency, provenance = excluded.provenance,
          first_party = excluded.first_party, import_job_id = excluded.import_job_id
        where (post_snapshots.views, post_snapshots.likes, post_snapshots.dislikes, post_snapshots.comments, post_snapshots.shares, post_snapshots.saves,
               post_snapshots.reach, post_snapshots.impressions, post_snapshots.clicks, post_snapshots.conversions, post_snapshots.revenue_minor)
          is distinct from (excluded.views, excluded.likes, excluded.dislikes, excluded.comments, excluded.shares, excluded.saves,
               excluded.reach, excluded.impressions, excluded.clicks, excluded.conversions, excluded.revenue_minor)
        returning (xmax = 0) as inserted
      )
      select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from written`),
  );
  return { imported: counts.inserted, updated: counts.updated, unchanged: records.length - counts.inserted - counts.updated };
}

/**
 * Phase B of a post batch, second step (after {@link writePostSnapshots} in the same transaction):
 * upserts the per-post rollup `post_metrics` (kept at the latest snapshot) from each post's latest
 * staged row, then the posts' early curves (`post_curves`, lib/rollups mergeStagedPostCurves). Rollup rows are shared by batches (a post's captures may straddle two), so the
 * importer runs this step only once the previous batch has committed: no two batches of a job ever
 * wait on each other's rows.
 * Reads only what the same transaction staged: call it after {@link writePostSnapshots}.
 * @returns what changed (post days and accounts).
 */
export async function writePostRollups(tx: Tx, ctx: BatchContext): Promise<Touched> {
  const provenance = ctx.provenance ?? 'csv';
  const [touched] = rowsOf<{ days: string[] | null; accounts: string[] | null }>(
    await tx.execute(sql`
      with latest as (
        -- The per-post rollup keeps the values of the latest snapshot (docs/decision-rollups.md).
        insert into post_metrics as pm (owner_org_id, post_id, social_account_id, published_at, captured_at, first_captured_at, views, likes, comments, shares, saves, reach, impressions, clicks, conversions, revenue_minor, revenue_currency, provenance)
        select ${ctx.orgId}::uuid, i.post_id, op.social_account_id, op.published_at, i.captured_at, i.first_captured_at,
          i.views, i.likes, i.comments, i.shares, i.saves, i.reach, i.impressions, i.clicks, i.conversions, i.revenue_minor, i.revenue_currency, ${provenance}::provenance
        from import_post_rows i join org_posts op on op.org_id = ${ctx.orgId}::uuid and op.post_id = i.post_id
        where i.latest
        on conflict (owner_org_id, post_id) do update set
          social_account_id = excluded.social_account_id,
          published_at = excluded.published_at,
          first_captured_at = least(pm.first_captured_at, excluded.first_captured_at),
          captured_at = case when excluded.captured_at >= pm.captured_at then excluded.captured_at else pm.captured_at end,
          views = case when excluded.captured_at >= pm.captured_at then excluded.views else pm.views end,
          likes = case when excluded.captured_at >= pm.captured_at then excluded.likes else pm.likes end,
          comments = case when excluded.captured_at >= pm.captured_at then excluded.comments else pm.comments end,
          shares = case when excluded.captured_at >= pm.captured_at then excluded.shares else pm.shares end,
          saves = case when excluded.captured_at >= pm.captured_at then excluded.saves else pm.saves end,
          reach = case when excluded.captured_at >= pm.captured_at then excluded.reach else pm.reach end,
          impressions = case when excluded.captured_at >= pm.captured_at then excluded.impressions else pm.impressions end,
          clicks = case when excluded.captured_at >= pm.captured_at then excluded.clicks else pm.clicks end,
          conversions = case when excluded.captured_at >= pm.captured_at then excluded.conversions else pm.conversions end,
          revenue_minor = case when excluded.captured_at >= pm.captured_at then excluded.revenue_minor else pm.revenue_minor end,
          revenue_currency = case when excluded.captured_at >= pm.captured_at then excluded.revenue_currency else pm.revenue_currency end,
          provenance = case when excluded.captured_at >= pm.captured_at then excluded.provenance else pm.provenance end
        where excluded.captured_at > pm.captured_at or excluded.first_captured_at < pm.first_captured_at
          or excluded.social_account_id is distinct from pm.social_account_id or excluded.published_at is distinct from pm.published_at
          or (excluded.captured_at = pm.captured_at
              and (excluded.views, excluded.likes, excluded.comments, excluded.shares, excluded.saves, excluded.reach, excluded.impressions,
                   excluded.clicks, excluded.conversions, excluded.revenue_minor, excluded.revenue_currency)
                  is distinct from (pm.views, pm.likes, pm.comments, pm.shares, pm.saves, pm.reach, pm.impressions,
                   pm.clicks, pm.conversions, pm.revenue_minor, pm.revenue_currency))
        returning post_date, social_account_id
      )
      select array_agg(distinct ((post_date at time zone 'UTC')::date)::text) as days, array_agg(distinct social_account_id::text) as accounts from latest`),
  );
  await mergeStagedPostCurves(tx, ctx.orgId);
  return { postDays: touched?.days ?? [], captureDays: [], accounts: touched?.accounts ?? [] };
}
