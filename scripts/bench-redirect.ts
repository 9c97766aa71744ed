/**
 * `npm run bench:redirect` (needs DATABASE_URL): the tracking link redirect of `next start` against
 * a bare `node:http` server answering the same 302 from memory — the yardstick, measured before and
 * after the app, its mean taken — in the same run, with autocannon (50 connections, `--seconds`
 * each, default 30, after a 3 s warm-up) in a process of its own: the load generator shares the
 * machine's cores with the server it measures, so it carries nothing of this script (its modules,
 * its heap, its database client). Then the app is stopped with SIGTERM and the clicks in the
 * database are counted against the 302 answers it gave: every click of a person must be recorded,
 * none lost on graceful shutdown.
 * Target (issue 17): ≥ 0.5 × the bare server's requests/s, p99 < 20 ms, 0 clicks lost.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { VISIT_HEADERS } from '@/lib/links/visit-page';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, connections: { type: 'string', default: '50' } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const DB_NAME = 'reachboard_bench_redirect';
const APP_PORT = 3210;
const BARE_PORT = 3211;
const KEY = 'BenchKey';
const DESTINATION = 'https://shop.example/trail-jacket';
const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a Postgres server (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(1);
}
const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
await admin.unsafe(`create database ${DB_NAME}`);
await admin.end();
const benchUrl = new URL(process.env.DATABASE_URL);
benchUrl.pathname = `/${DB_NAME}`;
process.env.DATABASE_URL = benchUrl.toString();
process.env.NEXTAUTH_SECRET ??= 'bench-redirect-secret-0123456789abcdef0123';
process.env.NEXTAUTH_URL = `http://localhost:${APP_PORT}`;

// One organization, campaign, collaboration and link (the bench's own rows, not a product flow).
{
  const { getConnection, closeDb } = await import('@/db');
  const { migrateDatabase } = await import('@/db/connect');
  const connection = await getConnection();
  await migrateDatabase(connection);
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const [org] =
    await sql`insert into organizations (name, slug, approval_status) values ('Bench Brand', 'bench-brand', 'approved') returning id`;
  const [campaign] = await sql`insert into campaigns (org_id, name) values (${org.id}, 'Bench Campaign') returning id`;
  const [influencer] = await sql`insert into influencers (display_name) values ('Bench Creator') returning id`;
  await sql`insert into collaborations (campaign_id, influencer_id, agreed_fee_minor, currency) values (${campaign.id}, ${influencer.id}, 100000, 'USD')`;
  await sql`insert into tracking_links (org_id, campaign_id, influencer_id, key, destination_url, utm_source, utm_medium, utm_campaign, utm_content)
    values (${org.id}, ${campaign.id}, ${influencer.id}, ${KEY}, ${DESTINATION}, 'instagram', 'influencer', 'bench-campaign', 'bench-creator')`;
  // Start both measurements from a quiet server: flush what earlier runs (a dropped database of a
  // million clicks) and the set-up left dirty, so no checkpoint writes during the yardstick.
  await sql.unsafe('checkpoint').catch(() => console.log('(could not CHECKPOINT: not a superuser; figures may vary more)'));
  await sql.end();
  await closeDb();
}

function waitFor(url: string): Promise<void> {
  return (async () => {
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(url, { redirect: 'manual' }).then(
        (r) => r.status > 0,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${url} did not answer within 60 s`);
  })();
}

type LoadResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats?: Record<string, { count: number }>;
  errors: number;
  non2xx: number;
};

/** Runs autocannon's command line in a child process against `url` for `seconds`; its JSON result. */
function autocannon(url: string, seconds: number): Promise<LoadResult> {
  const args = [
    'node_modules/autocannon/autocannon.js',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(seconds),
    '-j',
    '-H',
    `user-agent=${UA}`,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`autocannon exited with ${code}`)),
    );
  });
}

async function load(url: string, seconds: number) {
  const result = await autocannon(url, seconds);
  const redirects = result.statusCodeStats?.['302']?.count ?? 0;
  if (result.errors > 0 || redirects !== result.requests.total - (result.non2xx - redirects))
    console.warn(`  ${url}: ${result.errors} errors, ${result.non2xx} non-2xx of ${result.requests.total}`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, redirects, total: result.requests.total };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

// The yardstick: the same 302 from memory (the same headers as the app's, VISIT_HEADERS), a fresh click id per answer, nothing else.
const bare = spawn(
  process.execPath,
  [
    '-e',
    `const http = require('node:http'); const { randomUUID } = require('node:crypto');
     const headers = ${JSON.stringify(VISIT_HEADERS)};
     http.createServer((req, res) => { res.writeHead(302, { ...headers, Location: '${DESTINATION}?utm_source=instagram&utm_medium=influencer&utm_campaign=bench-campaign&utm_content=bench-creator&rb_click=' + randomUUID(), 'Content-Length': '0' }); res.end(); }).listen(${BARE_PORT});`,
  ],
  { stdio: 'inherit' },
);
await waitFor(`http://localhost:${BARE_PORT}/l/${KEY}`);
await load(`http://localhost:${BARE_PORT}/l/${KEY}`, 3);
// The yardstick before the app; again after it (the bare server idles meanwhile).
const yardstickBefore = await load(`http://localhost:${BARE_PORT}/l/${KEY}`, SECONDS);

/** Transactions committed in the bench's database so far (a backend reports its own when it exits). */
async function commits(): Promise<number> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const [{ xact_commit }] = await sql`select xact_commit::int from pg_stat_database where datname = current_database()`;
  await sql.end();
  return xact_commit;
}
const commitsBefore = await commits();

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('Building the app (next build)…');
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const app = spawn('node_modules/.bin/next', ['start', '-p', String(APP_PORT)], {
  env: {
    ...process.env,
    EMBEDDED_SCHEDULER: 'false',
    NODE_ENV: 'production',
    ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString('base64')}`,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
await waitFor(`http://localhost:${APP_PORT}/l/${KEY}`);
const warm = await load(`http://localhost:${APP_PORT}/l/${KEY}`, 3);
const measured = await load(`http://localhost:${APP_PORT}/l/${KEY}`, SECONDS);
const started = performance.now();
const exitCode = await stop(app);
const shutdownMs = performance.now() - started;
// The yardstick again on a quiet server, as before the app: the million clicks just written leave
// Postgres a checkpoint to write (and, where autovacuum is on, a vacuum of link_clicks) that would
// otherwise fall in this measurement and lower it. Done now, and waited for.
{
  const quiet = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await quiet.unsafe('vacuum analyze link_clicks');
  await quiet.unsafe('checkpoint').catch(() => {});
  await quiet.end();
}
const yardstickAfter = await load(`http://localhost:${BARE_PORT}/l/${KEY}`, SECONDS);
await stop(bare);
const yardstick = {
  rps: (yardstickBefore.rps + yardstickAfter.rps) / 2,
  p50: Math.max(yardstickBefore.p50, yardstickAfter.p50),
  p99: Math.max(yardstickBefore.p99, yardstickAfter.p99),
  redirects: yardstickBefore.redirects + yardstickAfter.redirects,
};

await new Promise((r) => setTimeout(r, 500)); // the app's backends have exited and reported
const appCommits = (await commits()) - commitsBefore;
const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
const [{ n, bots }] = await sql`select count(*)::int as n, (count(*) filter (where is_bot))::int as bots from link_clicks`;
await sql.end();
// autocannon counts the answers it received before its time ran out; the server also answered the
// requests in flight then (up to one per connection) and waitFor's probe: each a recorded click.
const answered = warm.redirects + measured.redirects;
const inFlight = n - bots - answered;

const ratio = measured.rps / yardstick.rps;
console.log(`\nRedirect under load: ${CONNECTIONS} connections, ${SECONDS} s each, ${new Date().toISOString()}\n`);
console.log('| server | requests/s | latency p50 (ms) | latency p99 (ms) | 302 answers |\n| --- | ---: | ---: | ---: | ---: |');
console.log(
  `| bare node:http, 302 from memory (yardstick, mean of the runs before and after) | ${yardstick.rps.toFixed(0)} | ${yardstick.p50} | ${yardstick.p99} | ${yardstick.redirects} |`,
);
console.log(
  `| Reachboard /l/<key> (next start) | ${measured.rps.toFixed(0)} | ${measured.p50} | ${measured.p99} | ${measured.redirects} |`,
);
console.log(
  `\nRatio: ${ratio.toFixed(2)} × the yardstick (target ≥ 0.5); p99 ${measured.p99} ms (target < 20). ` +
    `The yardstick: ${yardstickBefore.rps.toFixed(0)} requests/s before the app, ${yardstickAfter.rps.toFixed(0)} after (their mean above).`,
);
console.log(
  `Clicks recorded: ${n - bots} by people (+ ${bots} by the start-up probe, a bot) for ${answered} redirects autocannon counted; ` +
    `${inFlight >= 0 && inFlight <= 2 * CONNECTIONS ? `0 lost (${inFlight} more: answers to requests in flight when each run ended, at most one per connection per run)` : `MISMATCH: ${inFlight}`}. ` +
    `Stopped by SIGTERM in ${shutdownMs.toFixed(0)} ms (exit ${exitCode}).`,
);
console.log(
  `Click writes: ${appCommits} transactions committed while the app ran, ${(n / Math.max(1, appCommits)).toFixed(0)} clicks each.`,
);
if (inFlight < 0 || inFlight > 2 * CONNECTIONS) process.exitCode = 1;
