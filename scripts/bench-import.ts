/**
 * `npm run bench:import [-- --rows 1000000]`: generates a seeded synthetic post-snapshot CSV (and
 * the same rows ordered by day, the worst case for the rollups) and imports each with the real
 * importer into a fresh embedded PGlite database and, when DATABASE_URL is set, into a fresh
 * database on that Postgres server; prints rows/second and peak RSS of each run (each in its own
 * process), beside two yardsticks on the same rows: Postgres's own COPY, and the stack one of our
 * users' designs proposes (Python's csv module + sqlite3, an upsert on the natural key).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { prng } from './prng';
import { systemCtx } from '@/lib/context';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, child: { type: 'string' }, file: { type: 'string' } },
});
const ROWS = Number(values.rows);

/** 1 row = one post on one day: 2,000 channels, ROWS/10 posts, 10 daily snapshots each. */
async function generate(file: string, rows: number) {
  const rand = prng(42);
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('post_id,channel,published_at,captured_at,views,likes,comments,shares,saves,reach,impressions\n');
  const posts = Math.ceil(rows / 10);
  let n = 0;
  for (let p = 0; p < posts && n < rows; p++) {
    const channel = `channel_${Math.floor(rand() * 2000)}`;
    const published = Date.UTC(2025, 0, 1) + Math.floor(rand() * 300) * 86_400_000;
    const size = Math.exp(6 + rand() * 9); // views from ~400 to ~3.3M, log-uniform
    let lines = '';
    for (let d = 0; d < 10 && n < rows; d++, n++) {
      const views = Math.round(size * (1 - Math.exp(-(d + 1) / 3)));
      const likes = Math.round(views * (0.01 + rand() * 0.06));
      const reach = Math.round(views * (0.6 + rand() * 0.3));
      lines += `p${p.toString(36).padStart(10, '0')},${channel},${new Date(published).toISOString()},${new Date(published + (d + 1) * 86_400_000).toISOString().slice(0, 10)},${views},${likes},${Math.round(likes * (0.02 + rand() * 0.1))},${Math.round(likes * rand() * 0.05)},${Math.round(likes * rand() * 0.08)},${reach},${Math.round(views * (1.1 + rand() * 0.6))}\n`;
    }
    await write(lines);
  }
  await new Promise<void>((r) => out.end(r));
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
    shares: 'shares',
    saves: 'saves',
    reach: 'reach',
    impressions: 'impressions',
  },
  constants: { platform: 'instagram', mediaType: 'reel' },
  options: { dateFormat: 'iso' },
};

/** Child mode: import `file` into the database of this process's environment; print one JSON line. */
async function child(file: string) {
  const { getConnection, closeDb } = await import('@/db');
  const { migrateDatabase } = await import('@/db/connect');
  const { organizations } = await import('@/db/schema');
  const { importFile } = await import('@/lib/imports/import-file');
  const connection = await getConnection();
  await migrateDatabase(connection);
  await connection.db.insert(organizations).values({ name: 'Bench', slug: 'bench' }).onConflictDoNothing();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const summary = await importFile({
    ctx: systemCtx('bench:import'),
    input: { orgSlug: 'bench', filePath: file, mapping: MAPPING as never },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // Sampled while the rows load; the process's peak also covers opening the database and the
  // migrations (a new embedded database is created by initdb in a child process: db/connect.ts).
  const importPeak = Math.max(peak, process.memoryUsage().rss);
  peak = Math.max(importPeak, process.resourceUsage().maxRSS * 1024);
  await closeDb();
  console.log(
    JSON.stringify({
      rows: summary.rowsRead,
      imported: summary.imported,
      errors: summary.errors.length,
      seconds,
      rowsPerSecond: summary.rowsRead / seconds,
      peakRssMb: peak / 1024 / 1024,
      importPeakRssMb: importPeak / 1024 / 1024,
    }),
  );
}

/**
 * The node arguments of `npm run import` up to its script (V8's memory flags and the bundled runner,
 * scripts/run-bundled.mjs), so each run is measured exactly as the CLI runs.
 */
function cliNodeArgs(): string[] {
  const script = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.import as string;
  const args = script.split(/\s+/).slice(1);
  if (args.at(-1) !== 'scripts/import.ts') throw new Error(`package.json's import script no longer ends with scripts/import.ts: ${script}`);
  return args.slice(0, -1);
}

function runChild(file: string, env: NodeJS.ProcessEnv) {
  const args = [...cliNodeArgs(), 'scripts/bench-import.ts', '--child', 'x', '--file', file];
  const res = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !line.startsWith('{')) throw new Error(`bench run failed:\n${res.stdout}\n${res.stderr}`);
  return JSON.parse(line) as {
    rows: number;
    imported: number;
    seconds: number;
    rowsPerSecond: number;
    peakRssMb: number;
    importPeakRssMb: number;
  };
}

async function copyYardstick(adminUrl: string, dbName: string, file: string): Promise<number> {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql`create table copy_bench (post_id text, channel text, published_at timestamptz, captured_at date, views bigint, likes bigint, comments bigint, shares bigint, saves bigint, reach bigint, impressions bigint, unique (post_id, captured_at))`;
    const started = performance.now();
    const stream = await sql`copy copy_bench from stdin with (format csv, header true)`.writable();
    await new Promise<void>((resolve, reject) => fs.createReadStream(file).pipe(stream).on('finish', resolve).on('error', reject));
    return (performance.now() - started) / 1000;
  } finally {
    await sql.end();
  }
}

/** The same rows ordered by capture day (stable within a day): every batch then names new posts' rollups. */
function orderByDay(source: string, target: string) {
  const [header, ...rows] = fs.readFileSync(source, 'utf8').trimEnd().split('\n');
  const day = (row: string) => row.split(',', 4)[3];
  const sorted = rows.map((row, i) => [day(row), i, row] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  fs.writeFileSync(target, `${header}\n${sorted.map((r) => r[2]).join('\n')}\n`);
}

/**
 * The peer: Python's csv module and sqlite3, parsing each row's numbers and dates and upserting it
 * on its natural key (post, capture day) in 10,000-row transactions, into a fresh database file.
 */
const PYTHON_PEER = `
import csv, datetime, os, resource, sqlite3, sys, time
path, db_path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
db = sqlite3.connect(db_path)
db.execute('pragma journal_mode = wal')
db.execute('pragma synchronous = normal')
db.execute('create table snapshots (post_id text not null, channel text not null, published_at text, captured_at text not null, views integer, likes integer, comments integer, shares integer, saves integer, reach integer, impressions integer, primary key (post_id, captured_at))')
sql = ('insert into snapshots values (?,?,?,?,?,?,?,?,?,?,?) on conflict (post_id, captured_at) do update set '
       'views = excluded.views, likes = excluded.likes, comments = excluded.comments, shares = excluded.shares, saves = excluded.saves, '
       'reach = excluded.reach, impressions = excluded.impressions')
def rows(reader):
    for r in reader:
        yield (r[0], r[1], datetime.datetime.fromisoformat(r[2].replace('Z', '+00:00')).isoformat(), datetime.date.fromisoformat(r[3]).isoformat(),
               int(r[4]), int(r[5]), int(r[6]), int(r[7]), int(r[8]), int(r[9]), int(r[10]))
n = 0
with open(path, newline='') as f:
    reader = csv.reader(f)
    next(reader)
    batch = []
    for row in rows(reader):
        batch.append(row)
        if len(batch) == 10000:
            with db: db.executemany(sql, batch)
            n += len(batch); batch = []
    with db: db.executemany(sql, batch)
    n += len(batch)
seconds = time.perf_counter() - start
print('{"rows": %d, "seconds": %f, "peakRssMb": %f}' % (n, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
`;

function pythonPeer(file: string): { rows: number; seconds: number; peakRssMb: number } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-peer-'));
  try {
    const res = spawnSync('python3', ['-c', PYTHON_PEER, file, path.join(dir, 'peer.sqlite')], { encoding: 'utf8' });
    if (res.error || res.status !== 0) {
      console.log(`(Python peer not run: ${res.error?.message ?? res.stderr.trim().split('\n').pop()})`);
      return null;
    }
    return JSON.parse(res.stdout.trim().split('\n').pop()!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) {
  await child(values.file!);
} else {
  const dir = path.resolve('.data/bench');
  fs.mkdirSync(dir, { recursive: true });
  // v2: Instagram shortcodes of 11 characters (the importer checks post ids against the platform's form).
  const file = path.join(dir, `post-snapshots-v2-${ROWS}.csv`);
  if (!fs.existsSync(file)) {
    console.log(`Generating ${ROWS.toLocaleString('en-US')} rows (seeded) into ${file}…`);
    await generate(file, ROWS);
  }
  console.log(
    `File: ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB, ${ROWS.toLocaleString('en-US')} rows. Machine: ${os.cpus().length} cores, Node ${process.version}.`,
  );
  console.log(`Each import runs in its own process as the CLI runs: node ${cliNodeArgs().join(' ')}`);
  const byDay = path.join(dir, `post-snapshots-v2-by-day-${ROWS}.csv`);
  if (!fs.existsSync(byDay)) orderByDay(file, byDay);
  const files = [
    ['by post', file],
    ['by day', byDay],
  ] as const;
  const results: [string, ReturnType<typeof runChild>][] = [];
  let copySeconds: number | undefined;
  // Postgres first: the PGlite runs write ~1 GB whose background writeback would slow a run after them.
  if (process.env.DATABASE_URL) {
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      for (const [order, input] of files) {
        const name = `reachboard_bench_${Date.now()}`;
        await admin.unsafe(`create database ${name}`);
        try {
          const url = new URL(process.env.DATABASE_URL);
          url.pathname = `/${name}`;
          // Start from a clean state: flush the WAL of earlier runs so no checkpoint lands mid-run.
          await admin.unsafe('checkpoint').catch(() => console.log('(could not CHECKPOINT: not a superuser; figures may vary more)'));
          results.push([`Postgres server, rows ${order}`, runChild(input, { ...process.env, DATABASE_URL: url.toString() })]);
          if (order === 'by post') copySeconds = await copyYardstick(process.env.DATABASE_URL, name, input);
        } finally {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
        }
      }
    } finally {
      await admin.end();
    }
  }
  const peer = pythonPeer(file);
  for (const [order, input] of files) {
    const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-bench-'));
    results.push([
      `PGlite (embedded), rows ${order}`,
      runChild(input, { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(pgliteDir, 'pglite') }),
    ]);
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  }

  console.log(
    '\n| target | rows | seconds | rows/s | peak RSS (process) | peak RSS during the import |\n| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [name, r] of results)
    console.log(
      `| ${name} | ${r.rows.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${r.peakRssMb.toFixed(0)} MB | ${r.importPeakRssMb.toFixed(0)} MB |`,
    );
  if (copySeconds !== undefined)
    console.log(
      `| Postgres COPY (yardstick: no parsing, no mapping, no upsert) | ${ROWS.toLocaleString('en-US')} | ${copySeconds.toFixed(1)} | ${Math.round(ROWS / copySeconds).toLocaleString('en-US')} | — | — |`,
    );
  if (peer)
    console.log(
      `| Python csv + sqlite3 upsert (peer yardstick) | ${peer.rows.toLocaleString('en-US')} | ${peer.seconds.toFixed(1)} | ${Math.round(peer.rows / peer.seconds).toLocaleString('en-US')} | ${peer.peakRssMb.toFixed(0)} MB | — |`,
    );
  if (copySeconds !== undefined && results.length)
    for (const [name, r] of results)
      if (name.startsWith('Postgres')) console.log(`${name}: ${(r.rowsPerSecond / (ROWS / copySeconds)).toFixed(2)} × COPY`);
}
