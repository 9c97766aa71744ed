import { setImmediate } from 'node:timers/promises';
import pRetry from 'p-retry';
import { and, eq, sql, type AnyColumn } from 'drizzle-orm';
import { getConnection } from '@/db';
import { importJobs, importRowErrors, type ImportJob } from '@/db/schema';
import { requireOrgAccess } from '../authz/guards';
import { proposeKeywordLinks } from '../campaigns/internal';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import { refreshAccountMetrics } from '../rollups/refresh-account-metrics';
import { refreshOrgMetricsFor } from '../rollups/refresh-org-metrics';
import { recomputePostRollups } from '../rollups/post-rollups';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { ConflictError, describeFailure, NotFoundError } from '../errors';
import { compileMapping, type AccountRecord, type PostRecord, type RowError } from './map-row';
import { detectEncoding } from './detect-encoding';
import type { Encoding } from './encodings';
import { mappingSchema } from './mapping';
import { readCsvChunks } from './read-csv';
import { SeenKeys } from './seen-keys';
import { discardUpload, withImportFile } from './uploads';
import { shutdownRequested } from '../jobs/shutdown';
import {
  prepareAccountBatch,
  preparePostBatch,
  writeAccountRollups,
  writeAccountSnapshots,
  writePostSnapshots,
  type AccountCache,
  type Touched,
} from './write-batch';

const NOTHING_TOUCHED: Touched = { postDays: [], captureDays: [], accounts: [] };

/** Rows written per transaction. */
const BATCH_SIZE = 10_000;
/** Batches written at once on a Postgres server, one per connection (measured best on 2 cores: docs/benchmarks.md). */
const WRITERS = 3;
/** The runner lock key of an import job (db/connect `RunnerLocks`). */
const runnerKey = (jobId: string) => `import:${jobId}`;

/**
 * Of the given "running" jobs, those whose runner is alive (holds the job's runner lock, in any
 * process or instance). A running job without one was left by a process that died: it is stalled
 * and may be resumed at once.
 */
export async function liveImportRunners(jobIds: string[]): Promise<Set<string>> {
  const { runners } = await getConnection();
  const held = await runners.held(jobIds.map(runnerKey));
  return new Set(jobIds.filter((id) => held.has(runnerKey(id))));
}

type Issue = RowError & { kind: 'error' | 'duplicate' | 'summary' };

function entityKey(record: AccountRecord | PostRecord): string {
  return 'platformPostId' in record ? `${record.platform}|${record.platformPostId}` : `${record.platform}|${record.handle}`;
}

/**
 * Bounds every wait of an import transaction: a row another transaction holds (`lock_timeout`)
 * and a statement's run (`statement_timeout`), from IMPORT_LOCK_TIMEOUT_MS and
 * IMPORT_STATEMENT_TIMEOUT_MS. Past either the statement fails, the job fails with the reason, and
 * a resume continues from its last committed batch. For the caller's transaction only.
 */
async function boundWaits(tx: Tx): Promise<void> {
  const env = getEnv();
  await tx.execute(sql.raw(`set local lock_timeout = ${env.IMPORT_LOCK_TIMEOUT_MS}`));
  await tx.execute(sql.raw(`set local statement_timeout = ${env.IMPORT_STATEMENT_TIMEOUT_MS}`));
}

/** What an import of each kind writes, for {@link analyzeAfterImport}: the snapshot table first. */
const WRITTEN_TABLES = {
  post: [
    'post_snapshots',
    'post_metrics',
    'post_curves',
    'org_posts',
    'posts',
    'org_daily_post_metrics',
    'influencer_monthly_metrics',
    'account_metrics',
  ],
  account: [
    'account_snapshots',
    'account_daily_metrics',
    'account_metrics',
    'social_accounts',
    'org_influencers',
    'org_daily_follower_metrics',
  ],
} as const;

/**
 * Refreshes the planner's statistics (`ANALYZE`) of the tables an import wrote when it wrote a
 * large share of them: at least a tenth of the snapshot table's estimated rows, or any rows into a
 * table never analyzed. Without it, where autovacuum is slow or off, the pages reading these
 * tables keep plans made for an empty table (the roster took 1 s instead of 50 ms). Best effort:
 * a failure is logged, never fails the completed import.
 * @param written snapshots the job inserted or changed.
 */
async function analyzeAfterImport(db: Db, kind: 'post' | 'account', written: number): Promise<void> {
  if (written === 0) return;
  const tables = WRITTEN_TABLES[kind];
  try {
    const [estimate] = rowsOf<{ rows: number }>(
      await db.execute(sql`select reltuples::float8 as rows from pg_class where oid = ${tables[0]}::regclass`),
    );
    if (estimate.rows >= 0 && written < 0.1 * estimate.rows) return;
    await db.transaction(async (tx) => {
      await boundWaits(tx);
      for (const table of tables) await tx.execute(sql.raw(`analyze ${table}`));
    });
  } catch (error) {
    console.error(`[import] analyze after import: ${describeFailure(error)}`);
  }
}

/** Adds values to one of a job's `refresh_*` arrays (sorted, each once): an SQL expression for `set`. */
const addTo = (column: AnyColumn, values: string[], type: 'date' | 'uuid') =>
  values.length
    ? sql`array(select distinct v from unnest(${column} || ${pgArray(values)}::${sql.raw(type)}[]) as t(v) order by v)`
    : sql`${column}`;

/** Posts whose rollups one transaction of {@link recomputeJobPostRollups} recomputes. */
const RECOMPUTE_CHUNK = 5_000;
/** The most post ids a run remembers as recorded on its job (about 16 MB with their ids); past it, it starts again. */
const RECORDED_POSTS_LIMIT = 200_000;

/**
 * Records on the job the posts a batch names (`import_job_posts`), in the transaction of the
 * batch's identities (phase A, which writes the organization's view of each post that their
 * rollups copy), skipping those whose record this run saw committed. Their per-post rollups are
 * recomputed when the job ends ({@link recomputeJobPostRollups}).
 * @param recorded the post ids this run's committed transactions recorded (read only).
 * @returns the ids recorded now: add them to `recorded` once the transaction has committed.
 */
async function recordJobPosts(tx: Tx, jobId: string, postIds: Map<string, string>, recorded: Set<string>): Promise<string[]> {
  const fresh = [...new Set(postIds.values())].filter((id) => !recorded.has(id));
  if (fresh.length === 0) return fresh;
  await tx.execute(sql`
    insert into import_job_posts (import_job_id, post_id)
    select ${jobId}::uuid, p from unnest(${pgArray(fresh)}::uuid[]) as t(p)
    on conflict do nothing`);
  return fresh;
}

/**
 * Recomputes the per-post rollups (`post_metrics`, `post_curves`: lib/rollups recomputePostRollups)
 * of the posts recorded on a job (including a dead earlier run's), {@link RECOMPUTE_CHUNK} posts per
 * transaction: each chunk's rollups, its removal from the record and what it changed for the period
 * rollups (the job's `refresh_*` arrays) commit together, so a crash here loses nothing and a resume
 * goes on with the rest. `workers` transactions at once, each on chunks the others have not locked.
 * Every wait bounded (boundWaits). A shutdown stops it between chunks.
 * @returns false when a shutdown stopped it (posts may be left for the resume), else true.
 * @throws the first failure, once every worker has stopped.
 */
async function recomputeJobPostRollups(db: Db, jobId: string, orgId: string, workers: number): Promise<boolean> {
  let left = false;
  const chunk = () =>
    db.transaction(async (tx) => {
      await boundWaits(tx);
      // Each statement's plan is a loop of index probes; compiling it costs more than it runs.
      await tx.execute(sql`set local jit = off`);
      // Any chunk the other workers have not locked, without sorting the record (its rows by
      // their place in the table: no plan depends on the table's statistics).
      const chunk = rowsOf<{ post_id: string }>(
        await tx.execute(sql`
          delete from import_job_posts where ctid = any(array(
            select ctid from import_job_posts where import_job_id = ${jobId}::uuid limit ${RECOMPUTE_CHUNK} for update skip locked))
          returning post_id::text as post_id`),
      );
      if (chunk.length === 0) return false;
      // Sorted, so two jobs recomputing the same posts take their rollup rows in the same order.
      const touched = await recomputePostRollups(tx, orgId, chunk.map((c) => c.post_id).sort());
      await tx
        .update(importJobs)
        .set({
          refreshPostDays: addTo(importJobs.refreshPostDays, touched.postDays, 'date'),
          refreshAccounts: addTo(importJobs.refreshAccounts, touched.accounts, 'uuid'),
          heartbeatAt: new Date(),
        })
        .where(eq(importJobs.id, jobId));
      return true;
    });
  const results = await Promise.allSettled(
    Array.from({ length: workers }, async () => {
      while (await chunk())
        if (shutdownRequested()) {
          left = true;
          return;
        }
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return !left;
}

/**
 * Refreshes the rollups for what a job's committed batches changed and it has not refreshed yet
 * (the days and accounts recorded on the job), then clears the record. In the caller's transaction.
 */
async function refreshRollups(tx: Tx, jobId: string, orgId: string): Promise<void> {
  const [pending] = await tx
    .select({ postDays: importJobs.refreshPostDays, captureDays: importJobs.refreshCaptureDays, accounts: importJobs.refreshAccounts })
    .from(importJobs)
    .where(eq(importJobs.id, jobId))
    .for('update');
  if (!pending) return;
  await refreshAccountMetrics(tx, orgId, pending.accounts);
  await refreshOrgMetricsFor(tx, orgId, pending);
  await tx.update(importJobs).set({ refreshPostDays: [], refreshCaptureDays: [], refreshAccounts: [] }).where(eq(importJobs.id, jobId));
}

/**
 * Runs (or resumes) an import job: streams the file from the line after the last committed one,
 * maps each row, and writes batches of {@link BATCH_SIZE} rows, each with its row issues and the
 * job's progress in one transaction, so a crash leaves only whole batches and a re-run resumes.
 * A row repeating an earlier row of the file (same natural key) is counted as a duplicate.
 * Re-running a completed job does nothing.
 * @returns the job as finished (status `completed`, or `failed` with `failureReason`).
 * @throws NotFoundError; ForbiddenError; ConflictError while another run of the job is alive.
 */
export async function runImport({ ctx, input }: VerbArgs<{ jobId: string }>): Promise<ImportJob> {
  const { db, driver, runners } = await getConnection();
  const [found] = await db.select().from(importJobs).where(eq(importJobs.id, input.jobId)).limit(1);
  if (!found) throw new NotFoundError('Import');
  await requireOrgAccess(db, ctx, { orgId: found.orgId }, 'manager');
  if (found.status === 'completed') return found;
  // Only a live runner holds the job's lock: one that died (crash, kill, lost connection) let it go
  // with its process, so its job resumes at once; a live one is never joined by a second.
  if (shutdownRequested()) throw new ConflictError('This server is shutting down: the import will start on the next run');
  const release = await runners.hold(runnerKey(found.id));
  if (!release) throw new ConflictError('This import is already running');
  try {
    const [job] = await db
      .update(importJobs)
      .set({ status: 'running', startedAt: found.startedAt ?? new Date(), heartbeatAt: new Date(), failureReason: null, finishedAt: null })
      .where(and(eq(importJobs.id, found.id), sql`${importJobs.status} <> 'completed'`))
      .returning();
    if (!job) return found;
    return await run(db, driver, job);
  } finally {
    await release();
  }
}

/** Thrown inside a run when the process shuts down: the batches read so far are committed. */
class StoppedForShutdown extends Error {
  constructor(line: number) {
    super(`Stopped after line ${line.toLocaleString('en-US')} because the server was shutting down: resume to continue`);
  }
}

/** The body of {@link runImport}, while it holds the job's runner lock. */
async function run(db: Db, driver: 'pglite' | 'postgres', job: ImportJob): Promise<ImportJob> {
  const inFlight: Promise<void>[] = [];
  try {
    // A stored upload is copied to this instance for the run: any instance may run any import.
    return await withImportFile(job.storagePath!, async (file) => {
      const mapping = mappingSchema.parse(job.mapping);
      // The encoding the user chose, else the one detected on the first run (a resume reads the same way).
      const encoding = mapping.options.encoding ?? (job.encoding as Encoding | null) ?? (await detectEncoding(file));
      if (encoding !== job.encoding) await db.update(importJobs).set({ encoding }).where(eq(importJobs.id, job.id));
      const seen = new SeenKeys();
      const cache: AccountCache = new Map();
      // Snapshots start in direct mode: copied straight in while their keys are new (write-batch
      // `writePostSnapshots`). The batches write no per-post rollup: the posts they change are
      // recorded on the job and their rollups recomputed at its end, once per post (a file ordered
      // by day names every post in every batch).
      const writeCtx = {
        orgId: job.orgId,
        jobId: job.id,
        actorId: job.createdBy,
        cache,
        postCache: new Map<string, string>(),
        snapshots: { direct: true },
        deferPostRollups: true,
      };
      const recordedPosts = new Set<string>();
      let map: ReturnType<typeof compileMapping> | undefined;
      let records: (AccountRecord | PostRecord)[] = [];
      let issues: Issue[] = [];
      let lastLine = job.committedLine;
      let sinceYield = 0;
      // What this run's batches changed, as already recorded on the job (each value is sent once).
      const recorded = { postDays: new Set<string>(), captureDays: new Set<string>(), accounts: new Set<string>() };
      const unrecorded = (kind: keyof typeof recorded, values: string[]) => {
        const fresh = values.filter((v) => !recorded[kind].has(v));
        for (const v of fresh) recorded[kind].add(v);
        return fresh;
      };

      // Phase A (identities) runs in file order, one batch after the other, while the reader parses
      // on; each batch's phase B follows its phase A. Phase B runs with up to WRITERS
      // batches in flight on Postgres: each writes its snapshots at once (their keys are distinct
      // within a job, so batches in flight never wait on each other's rows), then waits for the
      // previous batch to commit before it writes the rollup rows batches share (a post's captures
      // may straddle two batches) and its progress. So no batch ever holds a row its predecessor
      // needs while waiting for it, and the resume point (`committedLine`) is always a prefix of the
      // file. Every statement's waits are bounded (boundWaits). PGlite has one connection: one writer.
      const writers = driver === 'postgres' ? WRITERS : 1;
      let previousCommit: Promise<void> = Promise.resolve();
      let previousPrepare: Promise<unknown> = Promise.resolve();
      let writeFailure: unknown;
      const flush = async () => {
        while (inFlight.length >= writers) await inFlight.shift();
        if (writeFailure) throw writeFailure;
        if (records.length === 0 && issues.length === 0) return;
        const batch = records;
        const batchIssues = issues;
        const line = lastLine;
        records = [];
        issues = [];
        // Identities in file order (after the previous batch's), while the reader parses on.
        const prepared = previousPrepare
          .then(() =>
            db.transaction(async (tx) => {
              await boundWaits(tx);
              if (mapping.kind === 'account') return void (await prepareAccountBatch(tx, writeCtx, batch as AccountRecord[]));
              const ids = await preparePostBatch(tx, writeCtx, batch as PostRecord[]);
              return { ids, recorded: await recordJobPosts(tx, job.id, ids, recordedPosts) };
            }),
          )
          .then((post) => {
            if (!post) return undefined;
            if (recordedPosts.size + post.recorded.length > RECORDED_POSTS_LIMIT) recordedPosts.clear();
            for (const id of post.recorded) recordedPosts.add(id);
            return post.ids;
          });
        previousPrepare = prepared;
        const predecessor = previousCommit;
        const committed = prepared.then((postIds) =>
          db.transaction(async (tx) => {
            // The batch and the job's progress commit together, so a crash after a lost commit
            // resumes from the previous batch: durability can wait for the next fsync.
            await tx.execute(sql`set local synchronous_commit to off`);
            await boundWaits(tx);
            const result =
              mapping.kind === 'account'
                ? await writeAccountSnapshots(tx, writeCtx, batch as AccountRecord[])
                : await writePostSnapshots(tx, writeCtx, batch as PostRecord[], postIds!);
            if (batchIssues.length) await tx.insert(importRowErrors).values(batchIssues.map((i) => ({ importJobId: job.id, ...i })));
            const errors = batchIssues.filter((i) => i.kind === 'error').length;
            const summaries = batchIssues.filter((i) => i.kind === 'summary').length;
            // A failed predecessor fails this batch too (rolled back), so no later line is ever marked committed.
            await predecessor;
            // Post rollups are recomputed at the job's end (recomputeJobPostRollups).
            const touched = mapping.kind === 'account' ? await writeAccountRollups(tx, writeCtx) : NOTHING_TOUCHED;
            await tx
              .update(importJobs)
              .set({
                rowsRead: sql`${importJobs.rowsRead} + ${batch.length + batchIssues.length}`,
                imported: sql`${importJobs.imported} + ${result.imported}`,
                updated: sql`${importJobs.updated} + ${result.updated}`,
                unchanged: sql`${importJobs.unchanged} + ${result.unchanged}`,
                duplicates: sql`${importJobs.duplicates} + ${batchIssues.length - errors - summaries}`,
                summaryRows: sql`${importJobs.summaryRows} + ${summaries}`,
                errorCount: sql`${importJobs.errorCount} + ${errors}`,
                refreshPostDays: addTo(importJobs.refreshPostDays, unrecorded('postDays', touched.postDays), 'date'),
                refreshCaptureDays: addTo(importJobs.refreshCaptureDays, unrecorded('captureDays', touched.captureDays), 'date'),
                refreshAccounts: addTo(importJobs.refreshAccounts, unrecorded('accounts', touched.accounts), 'uuid'),
                committedLine: line,
                heartbeatAt: new Date(),
              })
              .where(eq(importJobs.id, job.id));
          }),
        );
        previousCommit = committed;
        inFlight.push(
          committed.catch((error) => {
            writeFailure ??= error;
          }),
        );
      };

      const chunks = readCsvChunks(file, { delimiter: mapping.options.delimiter, encoding, fromLine: job.committedLine + 1 });
      for await (const chunk of chunks)
        for (const { line, cells } of chunk) {
          if (line === 1) {
            map = compileMapping(mapping, cells);
            continue;
          }
          const mapped = map!(line, cells);
          if (!mapped.ok) issues.push({ ...mapped.error, kind: mapped.summary ? 'summary' : 'error' });
          else {
            if (!seen.add(entityKey(mapped.record), mapped.record.capturedAt.getTime()))
              issues.push({
                line,
                column: null,
                reason: 'repeats an earlier row of the file (same post or account and capture time)',
                kind: 'duplicate',
              });
            else records.push(mapped.record);
          }
          lastLine = line;
          if (records.length >= BATCH_SIZE || issues.length >= BATCH_SIZE) await flush();
          // A shutdown stops the read here: what was read is written, and the job resumes after it.
          if (shutdownRequested()) {
            await flush();
            await Promise.all(inFlight);
            if (writeFailure) throw writeFailure;
            throw new StoppedForShutdown(lastLine);
          }
          // Parsing runs in microtasks; yield to the event loop now and then so the database
          // driver's socket I/O for the batch being written proceeds meanwhile.
          if (++sinceYield === 1_000) {
            sinceYield = 0;
            await setImmediate();
          }
        }
      await flush();
      await Promise.all(inFlight);
      if (writeFailure) throw writeFailure;
      // Every row is read and written: the file's keys and the identities' caches are done with,
      // and their memory (tens of MB on a large file) can go before the rollups are recomputed.
      seen.clear();
      cache.clear();
      writeCtx.postCache.clear();
      recordedPosts.clear();
      // The per-post rollups of the posts the batches named, a few writers at once on Postgres.
      if (mapping.kind === 'post' && !(await recomputeJobPostRollups(db, job.id, job.orgId, writers)))
        throw new StoppedForShutdown(lastLine);
      const done = await db.transaction(async (tx) => {
        await boundWaits(tx);
        // The roster's per-account summaries and the overview's per-day and per-month totals, for
        // what the job's batches changed (including a dead earlier run's: recorded on the job).
        await refreshRollups(tx, job.id, job.orgId);
        // New posts may carry a campaign's hashtag or keyword: propose them for review.
        if (mapping.kind === 'post') await proposeKeywordLinks(tx, job.orgId);
        const [completed] = await tx
          .update(importJobs)
          .set({ status: 'completed', finishedAt: new Date(), heartbeatAt: new Date() })
          .where(eq(importJobs.id, job.id))
          .returning();
        return completed;
      });
      await discardUpload(job.storagePath!);
      await analyzeAfterImport(db, mapping.kind, done.imported + done.updated);
      return done;
    });
  } catch (error) {
    // Let batches already sent finish (or roll back) before the job is marked failed.
    await Promise.allSettled(inFlight);
    if (error instanceof StoppedForShutdown) {
      // Resumable at once: the rollup refresh waits for the resume (what changed is recorded on the job).
      console.log(`[import ${job.id}] ${error.message}`);
      const [stopped] = await db
        .update(importJobs)
        .set({ status: 'failed', failureReason: error.message, finishedAt: new Date() })
        .where(eq(importJobs.id, job.id))
        .returning();
      return stopped;
    }
    // The Postgres error, bounded: never Drizzle's query text with a batch of parameters.
    const reason = describeFailure(error);
    console.error(`[import ${job.id}] failed: ${reason}`);
    // Batches committed before the failure count in the rollups and the overview too (best
    // effort: the failure may be the database's; what is not recomputed or refreshed stays
    // recorded on the job for its resume).
    await recomputeJobPostRollups(db, job.id, job.orgId, 1).catch((e) =>
      console.error(`[import ${job.id}] post rollups after failure: ${describeFailure(e)}`),
    );
    await db
      .transaction(async (tx) => {
        await boundWaits(tx);
        await refreshRollups(tx, job.id, job.orgId);
      })
      .catch((e) => console.error(`[import ${job.id}] rollup refresh after failure: ${describeFailure(e)}`));
    // The database itself may be what failed (a lost connection): keep trying to record the
    // failure while it comes back, for about 12 s. Past that the error is thrown; the job, still
    // "running" without a live runner, shows as interrupted and resumes.
    const [failed] = await pRetry(
      () =>
        db
          .update(importJobs)
          .set({ status: 'failed', failureReason: reason, finishedAt: new Date() })
          .where(eq(importJobs.id, job.id))
          .returning(),
      { retries: 6, minTimeout: 200, factor: 2 },
    );
    return failed;
  }
}
