/**
 * `npm run bench:export [-- --fresh] [--sizes 100000,1000000]` (needs DATABASE_URL, a Postgres
 * server): generates once (kept in the database `reachboard_bench_export`; `--fresh` regenerates)
 * one organization whose influencers have as many posts as each size asks, then for each size
 * measures, each in a process of its own (bundled by scripts/run-bundled.mjs, the runner of `npm run import`):
 * - the foreground export (`influencerPostsCsv`, what the download route streams), its bytes
 *   consumed as a client would read them;
 * - the background export (`requestExport` → `buildExport`), streamed into the file store;
 * - the yardstick: `psql \copy (the same columns, same join and order) to /dev/null with csv`;
 * and prints rows/second, the ratio to `\copy`, and the peak RSS of each process. With a build
 * (`npm run build`), it also downloads each export from `next start` as a signed-in member and
 * samples the server process's RSS meanwhile (the memory a production server spends on it).
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '100000,1000000' },
    child: { type: 'string' },
    size: { type: 'string' },
  },
});
const SIZES = values.sizes!.split(',').map(Number);
const DB_NAME = 'reachboard_bench_export';
const EMAIL = 'bench-export@bench.example';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a Postgres server (e.g. postgres://postgres@127.0.0.1:5432/test).');
  process.exit(1);
}
const benchUrl = new URL(process.env.DATABASE_URL);
benchUrl.pathname = `/${DB_NAME}`;
/** The influencer whose posts make the export of `size` rows. */
const influencerOf = (size: number) => `'b0000000-0000-4000-8000-${String(size).padStart(12, '0')}'::uuid`;

/** One measured export in this process: prints a JSON line with rows, bytes, seconds and peak RSS. */
async function child(kind: string, size: number) {
  process.env.DATABASE_URL = benchUrl.toString();
  process.env.NEXTAUTH_SECRET ??= 'bench-export-secret-0123456789abcdef';
  const { getDb, closeDb } = await import('@/db');
  const { rowsOf } = await import('@/db/sql');
  const db = await getDb();
  const [u] = rowsOf<{ id: string; slug: string; influencer: string }>(
    await db.execute(
      sql`select u.id, o.slug, ${sql.raw(influencerOf(size))}::text as influencer from users u join memberships m on m.user_id = u.id join organizations o on o.id = m.org_id where u.email = ${EMAIL}`,
    ),
  );
  const ctx = { actor: { userId: u.id, kind: 'user' as const, role: 'brand' as const, email: EMAIL, name: 'Bench' } };
  const input = { orgSlug: u.slug, influencerId: u.influencer };
  // Modules are loaded before the clock starts: a server has them loaded already.
  const { influencerPostsCsv } = await import('@/lib/exports/posts-csv');
  const { requestExport } = await import('@/lib/exports/background-export');
  const { exportFiles } = await import('@/db/schema');
  const { eq } = await import('drizzle-orm');
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  if (kind === 'foreground') {
    const csv = await influencerPostsCsv({ ctx, input });
    for await (const chunk of csv.chunks) bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    rows = csv.rows();
  } else {
    // Without Inngest, outside a request, the export is built before requestExport returns.
    const { id } = await requestExport({ ctx, input: { ...input, kind: 'influencer_posts' } });
    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.id, id));
    if (file.status !== 'ready') throw new Error(`export ${file.status}: ${file.error}`);
    rows = file.rowCount!;
    const [{ size: stored }] = rowsOf<{ size: number }>(
      await db.execute(sql`select size::float8 as size from stored_files where key = ${file.storageKey}`),
    );
    bytes = stored;
    await db.execute(sql`delete from stored_files where key = ${file.storageKey}`);
    await db.delete(exportFiles).where(eq(exportFiles.id, id));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ rows, bytes, seconds, rssMb: process.resourceUsage().maxRSS / 1024, baseRssMb }));
  await closeDb();
}

/** The same columns as the posts export, in its order, for `\copy`. */
const yardstickSql = (orgId: string, size: number) => `
  select pm.post_id, p.platform, sa.handle, p.title, p.media_type, array_to_string(p.tags, ' | ') as tags, pm.post_date,
    pm.published_at is not null as post_date_is_publish_time, pm.views, pm.likes, pm.comments, pm.shares, pm.saves, pm.engagements,
    pm.engagements::float8 / nullif(pm.views, 0) as engagement_rate, p.cost_minor / 100.0 as cost, p.cost_currency,
    p.cost_minor / 100.0 / nullif(pm.engagements, 0) as cost_per_engagement, pm.captured_at, pm.provenance
  from social_accounts sa
  join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = '${orgId}'
  join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
  where sa.influencer_id = ${influencerOf(size)}
  order by pm.post_date desc, pm.post_id desc`;

async function generate(db: import('@/db').Db, orgId: string, sizes: number[]) {
  for (const size of sizes) {
    const t = performance.now();
    process.stdout.write(`an influencer with ${size.toLocaleString('en-US')} posts… `);
    const inf = influencerOf(size);
    const account = `'a0000000-0000-4000-8000-${String(size).padStart(12, '0')}'::uuid`;
    await db.execute(sql.raw(`insert into influencers (id, display_name, category) values (${inf}, 'Creator ${size}', 'Tech')`));
    await db.execute(
      sql.raw(
        `insert into social_accounts (id, influencer_id, platform, handle, display_name) values (${account}, ${inf}, 'youtube', 'creator_${size}', 'Creator ${size}')`,
      ),
    );
    await db.execute(sql.raw(`insert into org_influencers (org_id, influencer_id, source) values ('${orgId}', ${inf}, 'import')`));
    await db.execute(
      sql.raw(`
      insert into posts (id, social_account_id, platform, platform_post_id, published_at, title, media_type, tags)
      select md5('p${size}_' || k)::uuid, ${account}, 'youtube', 'v${size}_' || k, timestamptz '2024-01-01' + k * interval '1 minute',
        'Video ' || k || ', "quoted", with a comma', 'video', array['review', 'tips']
      from generate_series(1, ${size}) k`),
    );
    await db.execute(
      sql.raw(`
      insert into org_posts (org_id, post_id, social_account_id, platform, platform_post_id, published_at, title, media_type, tags, cost_minor, cost_currency)
      select '${orgId}', p.id, p.social_account_id, p.platform, p.platform_post_id, p.published_at, p.title, p.media_type, p.tags,
        case when p.published_at::time < '06:00' then 150000 end, case when p.published_at::time < '06:00' then 'USD' end
      from posts p where p.social_account_id = ${account}`),
    );
    await db.execute(
      sql.raw(`
      insert into post_metrics (owner_org_id, post_id, social_account_id, published_at, captured_at, first_captured_at, views, likes, comments, shares, saves, provenance)
      select '${orgId}', p.id, p.social_account_id, p.published_at, p.published_at + interval '7 days', p.published_at + interval '1 day',
        1000 + (hashtext(p.platform_post_id) & 1048575), 50 + (hashtext(p.platform_post_id) & 4095), hashtext(p.platform_post_id) & 255, null, null, 'csv'
      from posts p where p.social_account_id = ${account}`),
    );
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await db.execute(sql`vacuum analyze`);
}

async function main() {
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
  if (values.fresh && exists) await admin.unsafe(`drop database ${DB_NAME} with (force)`);
  if (values.fresh || !exists) await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  process.env.DATABASE_URL = benchUrl.toString();
  process.env.NEXTAUTH_SECRET ??= 'bench-export-secret-0123456789abcdef';
  // Generating 1,000,000 posts runs statements of minutes: no bound for the benchmark's own process.
  process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= '0';
  const { getConnection, closeDb } = await import('@/db');
  const { migrateDatabase } = await import('@/db/connect');
  const { rowsOf } = await import('@/db/sql');
  const connection = await getConnection();
  await migrateDatabase(connection);
  const { db } = connection;
  let [owner] = rowsOf<{ org_id: string }>(
    await db.execute(sql`select m.org_id from users u join memberships m on m.user_id = u.id where u.email = ${EMAIL}`),
  );
  if (!owner) {
    const { confirmedSignUp } = await import('@/db/seed/confirmed-sign-up');
    const created = await confirmedSignUp(db, {
      role: 'brand',
      name: 'Bench Export',
      email: EMAIL,
      password: 'bench-password-123',
      organizationName: 'Bench Export Brand',
    });
    [owner] = rowsOf<{ org_id: string }>(await db.execute(sql`select id as org_id from organizations where slug = ${created.orgSlug!}`));
  }
  const missing = [];
  for (const size of SIZES)
    if (!rowsOf(await db.execute(sql.raw(`select 1 from influencers where id = ${influencerOf(size)}`))).length) missing.push(size);
  if (missing.length) await generate(db, owner.org_id, missing);
  await closeDb();

  const run = (args: string[]) => {
    // As a CLI or job process runs the app's code: bundled, without tsx's module hooks (their
    // thread and the transpiled modules are ~70 MB of RSS that no production process holds).
    const out = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/bench-export.ts', ...args], {
      encoding: 'utf8',
      env: process.env,
    });
    if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as {
      rows: number;
      bytes: number;
      seconds: number;
      rssMb: number;
      baseRssMb: number;
    };
  };
  const copy = (size: number) => {
    const t = performance.now();
    const out = spawnSync(
      'psql',
      [benchUrl.toString(), '-q', '-c', `\\copy (${yardstickSql(owner.org_id, size).replace(/\s+/g, ' ')}) to '/dev/null' with csv header`],
      {
        encoding: 'utf8',
      },
    );
    if (out.status !== 0) throw new Error(`psql failed: ${out.stderr}`);
    return { rows: size, seconds: (performance.now() - t) / 1000 };
  };
  console.log('\n| rows | path | seconds | rows/s | × \\copy | peak RSS MB | RSS before the export MB |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const size of SIZES) {
    // Interleaved, so a noisy neighbour hits each path alike.
    const yard = copy(size);
    const fore = run(['--child', 'foreground', '--size', String(size)]);
    const back = run(['--child', 'background', '--size', String(size)]);
    const yard2 = copy(size);
    const copySeconds = Math.min(yard.seconds, yard2.seconds);
    const line = (path: string, r: { rows: number; seconds: number; rssMb?: number; baseRssMb?: number }) =>
      console.log(
        `| ${r.rows.toLocaleString('en-US')} | ${path} | ${r.seconds.toFixed(2)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${(copySeconds / r.seconds).toFixed(2)} | ${r.rssMb ? Math.round(r.rssMb) : '—'} | ${r.baseRssMb ? Math.round(r.baseRssMb) : '—'} |`,
      );
    if (fore.rows !== size || back.rows !== size) throw new Error(`expected ${size} rows, exported ${fore.rows} and ${back.rows}`);
    line('`\\copy` (psql, yardstick, best of 2)', { rows: size, seconds: copySeconds });
    line('foreground export (streamed download)', fore);
    line('background export (into the file store)', back);
  }
}

const PORT = 3500;

/** `next start` on the bench database: the server process, and how to stop it. */
async function startServer() {
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: benchUrl.toString(),
      NODE_ENV: 'production',
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-export-secret-0123456789abcdef',
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString('base64')}`,
      EMBEDDED_SCHEDULER: 'false',
    },
    stdio: 'ignore',
  });
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(`http://localhost:${PORT}/sign-in`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
  return server;
}

/** Signs in through next-auth's credentials flow: the session cookie header. */
async function signIn(): Promise<string> {
  const base = `http://localhost:${PORT}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; '), origin: base },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: 'bench-password-123', json: 'true' }),
  });
  const cookies = [...jar, ...res.headers.getSetCookie().map((c) => c.split(';')[0])];
  if (!cookies.some((c) => c.includes('session-token'))) throw new Error(`sign-in failed: ${res.status}`);
  return cookies.join('; ');
}

/** Downloads the posts export of `size` rows from the server, sampling its RSS every 10 ms. */
async function download(server: { pid?: number }, cookie: string, slug: string, size: number) {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
  const before = rss();
  let max = before;
  const sampler = setInterval(() => (max = Math.max(max, rss())), 10);
  const started = performance.now();
  const id = `b0000000-0000-4000-8000-${String(size).padStart(12, '0')}`;
  const res = await fetch(`http://localhost:${PORT}/api/orgs/${slug}/exports/influencers/${id}/posts.csv`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`download answered ${res.status}`);
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) lines++;
  clearInterval(sampler);
  return { seconds: (performance.now() - started) / 1000, lines, before, max };
}

if (values.child) await child(values.child, Number(values.size));
else {
  await main();
  if (!fs.existsSync('.next/BUILD_ID')) console.log('\n(No build: run `npm run build` to also measure the download from `next start`.)');
  else {
    const admin = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
    const [{ slug }] =
      await admin`select o.slug from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id where u.email = ${EMAIL}`;
    await admin.end();
    const server = await startServer();
    try {
      const cookie = await signIn();
      console.log('\nDownloaded from `next start` (the server process, RSS sampled every 10 ms):\n');
      console.log('| rows | seconds | rows/s | server RSS before, MB | server RSS max during, MB |');
      console.log('|---:|---:|---:|---:|---:|');
      for (const size of [...SIZES, ...SIZES]) {
        const r = await download(server, cookie, slug, size);
        console.log(
          `| ${size.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${Math.round(size / r.seconds).toLocaleString('en-US')} | ${Math.round(r.before)} | ${Math.round(r.max)} |`,
        );
      }
    } finally {
      server.kill('SIGTERM');
    }
  }
}
