/**
 * `npm run test:crash [-- --rows 1000000 --kills 7 --terms 2 --seed 1]` (needs DATABASE_URL, a Postgres
 * server): imports a generated post-snapshot file with the CLI (`npm run import`) into a fresh
 * database, stops the CLI at random points of the file (after a random committed line, plus up to
 * 150 ms) `--terms` times with SIGTERM (a graceful stop: it must exit within SHUTDOWN_TIMEOUT_MS with
 * the job marked stopped after a line) and then `--kills` times with SIGKILL (every stop must land
 * before the import completes), resuming each time with `npm run import -- --resume <job>` (at
 * once: a dead runner's lock goes with its process), lets the last run finish, then checks that
 * nothing was lost or doubled and that every rollup equals its recomputation from the snapshots.
 * Exits 1 on any difference.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { prng } from './prng';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    kills: { type: 'string', default: '7' },
    terms: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
  },
});
const ROWS = Number(values.rows);
const KILLS = Number(values.kills);
const TERMS = Number(values.terms);
/** The CLI's shutdown bound in this test (lib/jobs/shutdown.ts). */
const SHUTDOWN_TIMEOUT_MS = 10_000;
if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a Postgres server (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}

const rand = prng(Number(values.seed));

/** The node arguments of `npm run import` (package.json), so the test runs exactly that command. */
const IMPORT_NODE_ARGS = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { import: string } }).scripts.import
  .split(/\s+/)
  .slice(1);

/** ROWS / 10 posts × 10 daily captures on 200 channels; returns the file and the sum of its views. */
function generate(file: string): number {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'post_id,channel,published_at,captured_at,views,likes,comments\n');
  let sum = 0;
  let lines = '';
  for (let n = 0; n < ROWS; n++) {
    const post = Math.floor(n / 10);
    const day = n % 10;
    const views = post * 7 + day * 3 + 1;
    sum += views;
    lines += `c${post.toString(36).padStart(10, '0')},crash_${post % 200},2025-02-01T12:00:00Z,2025-02-${String(day + 2).padStart(2, '0')},${views},${Math.floor(views / 10)},${day}\n`;
    if (lines.length > 1 << 20) {
      fs.writeSync(out, lines);
      lines = '';
    }
  }
  fs.writeSync(out, lines);
  fs.closeSync(out);
  return sum;
}

const MAPPING = {
  kind: 'post',
  columns: {
    platformPostId: 'post_id',
    accountHandle: 'channel',
    publishedAt: 'published_at',
    capturedAt: 'captured_at',
    views: 'views',
    likes: 'likes',
    comments: 'comments',
  },
  constants: { platform: 'instagram', mediaType: 'reel' },
  options: { dateFormat: 'iso' },
};

const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
const name = `reachboard_crash_${Date.now()}`;
const url = new URL(process.env.DATABASE_URL);
url.pathname = `/${name}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-crash-'));
const env = { ...process.env, DATABASE_URL: url.toString(), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) };

/**
 * Runs the import CLI; sends `signal` to it once its live run has committed line `stopAtLine`
 * (null: never), after a further random 0–150 ms so the signal lands inside a batch.
 * @returns whether it was signalled, its exit code and output, and the milliseconds from the signal to its exit.
 */
function cli(
  args: string[],
  stopAtLine: number | null,
  db: postgres.Sql,
  signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL',
): Promise<{ killed: boolean; code: number | null; out: string; exitMs: number | null }> {
  return new Promise((resolve, reject) => {
    // `npm run import`'s command itself, not npm (which dies at once on SIGTERM, leaving its child).
    const child = spawn(process.execPath, [...IMPORT_NODE_ARGS, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let killed = false;
    let signalledAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(async () => {
      if (stopAtLine === null || timer) return;
      // This run's runner holds the job's lock (db/connect RunnerLocks) from when its import starts.
      const [running] = await db`
        select 1 from pg_locks l, import_jobs j
        where l.locktype = 'advisory' and l.granted and l.classid = 727274002 and j.committed_line >= ${stopAtLine}`.catch(() => []);
      if (running && !timer)
        timer = setTimeout(
          () => {
            killed = true;
            signalledAt = performance.now();
            // The whole process group: the node process running the import (and anything it started).
            process.kill(-child.pid!, signal);
          },
          Math.round(rand() * 150),
        );
    }, 25);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ killed, code, out, exitMs: killed ? Math.round(performance.now() - signalledAt) : null });
    });
  });
}

let failed = false;
const check = (what: string, actual: unknown, expected: unknown) => {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(actual)}${ok ? '' : ` (expected ${JSON.stringify(expected)})`}`);
};

await admin.unsafe(`create database ${name}`);
const db = postgres(url.toString(), { max: 2, onnotice: () => {} });
try {
  const file = path.join(dir, 'crash.csv');
  const viewsSum = generate(file);
  const mappingFile = path.join(dir, 'mapping.json');
  fs.writeFileSync(mappingFile, JSON.stringify(MAPPING));
  // The CLI migrates the database; the organization must exist first.
  const setup = await cli(['--resume', '00000000-0000-4000-8000-000000000000'], null, db);
  if (!setup.out.includes('Import not found')) throw new Error(`could not prepare the database:\n${setup.out}`);
  await db`insert into organizations (name, slug) values ('Crash test', 'crash')`;
  // Stop points spread over the file, in order: the committed line after which each stop comes.
  const stops = TERMS + KILLS;
  const stopLines = Array.from({ length: stops }, () => Math.floor(rand() * ROWS * 0.9)).sort((a, b) => a - b);
  let jobId: string | null = null;
  let graceful = 0;
  let killed = 0;
  // Graceful stops first, then kills; a stop point a previous stop already passed comes at the start of the resume.
  for (let kill = 0; kill <= stops; kill++) {
    const last = kill === stops;
    const signal = kill < TERMS ? 'SIGTERM' : 'SIGKILL';
    const stopAt = last ? null : stopLines[kill];
    const args = jobId ? ['--resume', jobId, '--json'] : [file, '--mapping', mappingFile, '--org', 'crash', '--json'];
    const run = await cli(args, stopAt, db, signal);
    jobId ??= (await db`select id from import_jobs order by created_at limit 1`)[0]?.id ?? null;
    const [job] = await db`select status, committed_line, failure_reason from import_jobs where id = ${jobId}`;
    console.log(
      `run ${kill + 1}: ${run.killed ? `${signal} once line ${stopAt} was committed, exited ${run.code} ${run.exitMs} ms later` : `exited ${run.code}`}; job ${job?.status}, committed through line ${job?.committed_line}`,
    );
    // (A stop that came as the import completed interrupted nothing: the counts below say so.)
    if (run.killed && signal === 'SIGTERM' && job?.status !== 'completed') {
      graceful++;
      // A graceful stop: within the bound, the job stopped after a line and says so.
      check(`SIGTERM ${kill + 1}: exited within ${SHUTDOWN_TIMEOUT_MS} ms`, (run.exitMs ?? Infinity) <= SHUTDOWN_TIMEOUT_MS + 1_000, true);
      check(`SIGTERM ${kill + 1}: exit code`, run.code, 1);
      check(
        `SIGTERM ${kill + 1}: the job says where it stopped`,
        job.failure_reason,
        `Stopped after line ${Number(job.committed_line).toLocaleString('en-US')} because the server was shutting down: resume to continue`,
      );
    }
    if (run.killed && signal === 'SIGKILL' && job?.status !== 'completed') killed++;
    if (!run.killed && run.code !== 0) throw new Error(`the import failed:\n${run.out}`);
    if (!run.killed) break;
  }
  check('graceful stops that landed during the import', graceful, TERMS);
  check('kills that landed during the import', killed, KILLS);
  const [job] =
    await db`select status, rows_read, imported, updated, unchanged, duplicates, error_count from import_jobs where id = ${jobId}`;
  check('job', job.status, 'completed');
  check('rows read', job.rows_read, ROWS);
  check('rows imported (no row lost or written twice)', job.imported + job.updated + job.unchanged, ROWS);
  check('errors and duplicates', [job.error_count, job.duplicates], [0, 0]);
  const [snap] =
    await db`select count(*)::int as n, count(distinct (post_id, captured_at))::int as keys, sum(views)::float8 as views from post_snapshots`;
  check('snapshots stored', snap.n, ROWS);
  check('distinct snapshot keys', snap.keys, ROWS);
  check('sum of views', snap.views, viewsSum);
  const [metrics] = await db`
    with truth as (
      select distinct on (post_id) post_id, captured_at, views, likes, comments, min(captured_at) over (partition by post_id) as first
      from post_snapshots order by post_id, captured_at desc
    )
    select (select count(*)::int from post_metrics) as rows,
      (select count(*)::int from truth t join post_metrics m on m.post_id = t.post_id
        where (m.captured_at, m.views, m.likes, m.comments, m.first_captured_at) is not distinct from (t.captured_at, t.views, t.likes, t.comments, t.first)) as equal`;
  check('post rollups equal to the latest snapshot of each post', [metrics.rows, metrics.equal], [ROWS / 10, ROWS / 10]);
  // The period rollups, account summaries and roster rows, as stored, against a full recomputation.
  const periods = () =>
    db`select (select json_agg(d order by d.day, d.revenue_currency) from (select day, revenue_currency, posts, views, views_n, engagements, engagements_n, er_engagements, er_views, likes_n, comments_n from org_daily_post_metrics) d) as daily,
      (select json_agg(m order by m.month, m.influencer_id) from (select month, influencer_id, posts, views, engagements from influencer_monthly_metrics) m) as monthly,
      (select json_agg(a order by a.social_account_id) from (select social_account_id, posts_90d, posts_tracked, median_views, median_engagements, engagement_rate_by_views, last_post_at from account_metrics) a) as accounts,
      (select json_agg(r order by r.influencer_id) from (select influencer_id, followers, platforms, handles, accounts, engagement_rate, engagement_rate_basis, median_views, posts_per_week from influencer_metrics) r) as roster,
      (select json_agg(c order by c.post_id) from (select post_id, post_date, days, captured_at, views, engagements from post_curves) c) as curves`;
  const [stored] = await periods();
  // Recompute them in this process, on the test database (the app's modules read DATABASE_URL when first used).
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb } = await import('@/db');
  const { refreshOrgMetrics } = await import('@/lib/rollups/refresh-org-metrics');
  const { refreshAccountMetrics } = await import('@/lib/rollups/refresh-account-metrics');
  const { recomputePostCurves } = await import('@/lib/rollups/post-curves');
  const [org] = await db`select id from organizations where slug = 'crash'`;
  await (
    await getDb()
  ).transaction(async (tx) => {
    await refreshAccountMetrics(tx, org.id, 'all');
    await refreshOrgMetrics(tx, org.id, null);
    await recomputePostCurves(tx, org.id, 'all');
  });
  await closeDb();
  const [recomputed] = await periods();
  check('days with posts', stored.daily?.length ?? 0, 1);
  check('daily post rollups equal to their recomputation', JSON.stringify(stored.daily) === JSON.stringify(recomputed.daily), true);
  check(
    'monthly influencer rollups equal to their recomputation',
    JSON.stringify(stored.monthly) === JSON.stringify(recomputed.monthly),
    true,
  );
  check('account summaries equal to their recomputation', JSON.stringify(stored.accounts) === JSON.stringify(recomputed.accounts), true);
  check('roster rows', (stored.roster?.length ?? 0) > 0, true);
  check('roster rows equal to their recomputation', JSON.stringify(stored.roster) === JSON.stringify(recomputed.roster), true);
  check('early curves', (stored.curves?.length ?? 0) > 0, true);
  check('early curves equal to their recomputation', JSON.stringify(stored.curves) === JSON.stringify(recomputed.curves), true);
} finally {
  await db.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('\nThe import lost, doubled or mis-rolled data across kills.');
  process.exit(1);
}
console.log(
  `\n${ROWS.toLocaleString('en-US')} rows, ${TERMS} graceful stops and ${KILLS} kills: nothing lost, nothing doubled, rollups equal to their recomputation.`,
);
