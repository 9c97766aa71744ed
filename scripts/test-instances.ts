/**
 * `npm run test:instances` (needs DATABASE_URL, a Postgres server, and a production build: `npm
 * run build`): two `next start` processes on one fresh database, as a load balancer would spread
 * one user's requests, driven in Chromium:
 * 1. a CSV uploaded through instance A is previewed and imported by instance B (files live in the
 *    database's file store, not on A's disk);
 * 2. instance B receives SIGTERM in the middle of a larger import: it exits within its
 *    SHUTDOWN_TIMEOUT_MS, the job says after which line it stopped, and "Resume" on instance A
 *    finishes it with every row imported exactly once.
 * Exits 1 on any difference.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import postgres from 'postgres';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a Postgres server (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
if (!fs.existsSync('.next/BUILD_ID')) {
  console.error('Build the app first: npm run build');
  process.exit(2);
}

const SHUTDOWN_TIMEOUT_MS = 15_000;
const EMAIL = 'instances@instances.example';
const PASSWORD = 'instances-password-123';
const name = `reachboard_instances_${Date.now()}`;
const url = new URL(process.env.DATABASE_URL);
url.pathname = `/${name}`;
const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-instances-'));
const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  DATABASE_URL: url.toString(),
  NEXTAUTH_SECRET: 'instances-only-secret-0123456789abcdef0123',
  // One key for both instances: what one seals the other opens.
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  DEMO_DATA: 'false',
  DEV_MAILBOX: 'false',
  RESEND_API_KEY: '',
  SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
};

let failed = false;
const check = (what: string, actual: unknown, expected: unknown) => {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(actual)}${ok ? '' : ` (expected ${JSON.stringify(expected)})`}`);
};

type Instance = { name: string; port: number; process: ChildProcess; log: string[]; exited: Promise<{ code: number | null; at: number }> };

/** `next start` on `port` (the node process itself, so signals reach it). */
async function start(label: string, port: number): Promise<Instance> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: { ...env, NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: performance.now() })),
  );
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`http://localhost:${port}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { name: label, port, process: child, log, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label} did not start:\n${log.join('')}`);
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The trending-videos file the demo uses, `copies` times over, each copy's video ids changed (still 11 characters): one record per line. */
function biggerFile(copies: number): { file: string; rows: number } {
  const [header, ...all] = fs.readFileSync('db/seed/data/youtube-trending-us-2017-09.csv', 'utf8').trimEnd().split('\r\n');
  // Lines with an odd number of quotes open a field no line closes: one would swallow the next copy's first line.
  const lines = all.filter((l) => (l.match(/"/g)?.length ?? 0) % 2 === 0);
  const file = path.join(dir, 'trending-x.csv');
  const out = fs.openSync(file, 'w');
  // CRLF, as the real file: a reader that settled on CRLF reads a bare LF as part of a record.
  fs.writeSync(out, header + '\r\n');
  for (let c = 0; c < copies; c++)
    fs.writeSync(out, lines.map((l) => `${ID_CHARS[c]}~${l.slice(2)}`.replace('~', '-')).join('\r\n') + '\r\n');
  fs.closeSync(out);
  return { file, rows: copies * lines.length };
}

/** Uploads `file` on `page`'s instance: the mapping page's path (with the upload id). */
async function upload(page: Page, base: string, slug: string, file: string): Promise<string> {
  await page.goto(`${base}/o/${slug}/imports`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and map columns' }).click();
  await page.waitForURL(/\/imports\/map\//);
  return new URL(page.url()).pathname;
}

/** Confirms the detected layout (stating the year) and starts the import: the job page's path. */
async function startImport(page: Page, base: string, mapPath: string): Promise<string> {
  await page.goto(base + mapPath);
  await page.getByLabel('Year of dates without one').fill('2017');
  await page.getByRole('button', { name: 'Start import' }).click();
  await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

await admin.unsafe(`create database ${name}`);
const db = postgres(url.toString(), { max: 2, onnotice: () => {} });
const instances: Instance[] = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  // The database and one approved brand with its owner (the app's own sign-up and email verification).
  process.env.DATABASE_URL = url.toString();
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  const { getConnection, closeDb } = await import('@/db');
  const { migrateDatabase } = await import('@/db/connect');
  const connection = await getConnection();
  await migrateDatabase(connection);
  const { confirmedSignUp } = await import('@/db/seed/confirmed-sign-up');
  const owner = await confirmedSignUp(connection.db, {
    role: 'brand',
    name: 'Instance Owner',
    email: EMAIL,
    password: PASSWORD,
    organizationName: 'Two Instances',
  });
  await closeDb();
  const slug = owner.orgSlug!;
  await db`update organizations set approval_status = 'approved' where slug = ${slug}`;

  const [a, b] = await Promise.all([start('A', 3311), start('B', 3312)]);
  instances.push(a, b);
  const A = `http://localhost:${a.port}`;
  const B = `http://localhost:${b.port}`;
  // One browser session (cookies are per host, not port): the load balancer's view.
  const page = await browser.newPage();
  await page.goto(`${A}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();

  // 1. Uploaded on A, previewed and imported on B.
  const mapPath = await upload(page, A, slug, 'db/seed/data/youtube-trending-us-2017-09.csv');
  const [stored] = await db`select count(*)::int as files from stored_files where key like 'uploads/%' and complete`;
  check('the upload is in the shared file store', stored.files, 1);
  const jobPath = await startImport(page, B, mapPath);
  await page.getByTestId('import-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 120_000 });
  const [small] = await db`select status, rows_read, imported, duplicates, error_count from import_jobs order by created_at limit 1`;
  check(
    'imported by B from A’s upload',
    [small.status, small.rows_read, small.imported, small.duplicates, small.error_count],
    ['completed', 5798, 5787, 5, 6],
  );
  const [left] =
    await db`select (select count(*)::int from uploads) as uploads, (select count(*)::int from stored_files where key like 'uploads/%') as files`;
  check('the upload and its file are gone once imported', [left.uploads, left.files], [0, 0]);
  await page.goto(A + jobPath);
  check('A shows the job B ran', await page.getByTestId('import-status').textContent(), 'Completed');

  // 2. B shut down mid-import; resumed on A.
  const big = biggerFile(60);
  const bigMap = await upload(page, A, slug, big.file);
  const bigJob = await startImport(page, B, bigMap);
  const jobId = bigJob.split('/').pop()!;
  for (let i = 0; i < 600; i++) {
    const [job] = await db`select committed_line from import_jobs where id = ${jobId}`;
    if (job && job.committed_line > 20_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const signalled = performance.now();
  b.process.kill('SIGTERM');
  const exit = await b.exited;
  const exitMs = Math.round(exit.at - signalled);
  console.log(`B exited ${exit.code} ${exitMs} ms after SIGTERM`);
  check(`B exited within its ${SHUTDOWN_TIMEOUT_MS} ms`, exitMs <= SHUTDOWN_TIMEOUT_MS + 1_000, true);
  const [stopped] = await db`select status, committed_line, failure_reason from import_jobs where id = ${jobId}`;
  check('the job stopped, resumable', stopped.status, 'failed');
  check(
    'the job says where it stopped',
    stopped.failure_reason,
    `Stopped after line ${Number(stopped.committed_line).toLocaleString('en-US')} because the server was shutting down: resume to continue`,
  );
  check('some but not all rows were written before the stop', stopped.committed_line > 1 && stopped.committed_line < big.rows + 1, true);
  await page.goto(A + bigJob);
  const resumedAt = performance.now();
  await page.getByRole('button', { name: 'Resume from the last saved row' }).click();
  // The job leaves "failed" when the resume starts, then ends.
  let resumed = false;
  for (let i = 0; i < 1200; i++) {
    const [job] = await db`select status from import_jobs where id = ${jobId}`;
    resumed ||= job.status !== 'failed';
    if (resumed && (job.status === 'completed' || job.status === 'failed')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`the resumed import ended ${Math.round((performance.now() - resumedAt) / 1000)} s after Resume`);
  await page.reload();
  await page.getByTestId('import-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 10_000 });
  const [done] =
    await db`select status, rows_read, imported, updated, unchanged, duplicates, error_count from import_jobs where id = ${jobId}`;
  check('resumed on A: every row read once', [done.status, done.rows_read], ['completed', big.rows]);
  check(
    'every row counted once: imported, updated, unchanged, repeated in the file, or refused',
    done.imported + done.updated + done.unchanged + done.duplicates + done.error_count,
    big.rows,
  );
  const [snaps] = await db`select count(*)::int as n from post_snapshots`;
  check('snapshots stored: one per imported row of both imports', snaps.n, small.imported + done.imported);
} catch (error) {
  failed = true;
  console.error(error);
  console.error(await db`select status, committed_line, rows_read, failure_reason from import_jobs order by created_at`.catch((e) => e));
  for (const i of instances) console.error(`--- ${i.name}'s log\n${i.log.join('').slice(-4000)}`);
} finally {
  await browser.close();
  for (const i of instances) if (i.process.exitCode === null) i.process.kill('SIGKILL');
  await db.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('\nTwo instances did not behave as one.');
  process.exit(1);
}
console.log('\nTwo instances on one database: an upload taken by one is imported by the other; a shutdown mid-import resumes exactly.');
