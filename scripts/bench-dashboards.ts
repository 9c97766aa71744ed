/**
 * `npm run bench:dashboards [-- --fresh] [--requests 200]` (needs DATABASE_URL, a Postgres server):
 * generates, seeded and once (kept in the database `reachboard_bench_dashboards` for later runs;
 * `--fresh` regenerates), 10,000 influencers, 20,000 accounts, 1,000,000 posts and 10,000,000
 * post snapshots for one organization, fills the rollups the way the importer does, then measures:
 * - the data functions behind each page (the SQL, run in this process) — the yardstick;
 * - the full server render of each page over HTTP against `next start` (signed in),
 * each over `--requests` requests, and prints p50/p95 in milliseconds; the yardstick of a render is
 * all the SQL its request runs (the app shell's reads and the page's);
 * - then under load: 10 and 50 concurrent connections (autocannon, `--load-seconds` each) on the
 *   overview and the roster, beside a static asset of the same server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    requests: { type: 'string', default: '200' },
    'load-seconds': { type: 'string', default: '10' },
  },
});
const REQUESTS = Number(values.requests);
const LOAD_SECONDS = Number(values['load-seconds']);
const DB_NAME = 'reachboard_bench_dashboards';
const PORT = 3200;
const EMAIL = 'bench-owner@bench.example';
const PASSWORD = 'bench-password-123';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a Postgres server (e.g. postgres://postgres@127.0.0.1:5432/test).');
  process.exit(1);
}
const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
const benchUrl = new URL(process.env.DATABASE_URL);
benchUrl.pathname = `/${DB_NAME}`;
const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
if (values.fresh && exists) await admin.unsafe(`drop database ${DB_NAME} with (force)`);
const generate = values.fresh || !exists;
if (generate) await admin.unsafe(`create database ${DB_NAME}`);
await admin.end();

process.env.DATABASE_URL = benchUrl.toString();
process.env.NEXTAUTH_SECRET ??= 'bench-dashboards-secret-0123456789abcdef';
// Generating 10,000,000 snapshots is one statement of several minutes: no bound for the benchmark's
// own process (nor its server's: the timings are what is measured, and no request comes near it).
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= '0';
// Production requires encryption keys (lib/env); the benchmark's server gets a throwaway one.
process.env.ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
process.env.NEXTAUTH_URL = `http://localhost:${PORT}`;
const { getConnection, closeDb } = await import('@/db');
const { migrateDatabase } = await import('@/db/connect');
const { rowsOf } = await import('@/db/sql');
const connection = await getConnection();
const { db } = connection;

const step = async (label: string, fn: () => Promise<unknown>) => {
  const t = performance.now();
  process.stdout.write(`${label}… `);
  await fn();
  console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
};

// Migrations are idempotent: a kept database gets the tables added since it was generated.
await migrateDatabase(connection);
if (generate) {
  const { confirmedSignUp } = await import('@/db/seed/confirmed-sign-up');
  const { refreshAccountMetrics } = await import('@/lib/rollups/refresh-account-metrics');
  const owner = await confirmedSignUp(db, {
    role: 'brand',
    name: 'Bench Owner',
    email: EMAIL,
    password: PASSWORD,
    organizationName: 'Bench Brand',
  });
  const [{ id: orgId }] = rowsOf<{ id: string }>(await db.execute(sql`select id from organizations where slug = ${owner.orgSlug!}`));
  // Deterministic pseudo-random numbers from md5 of a key: the data is the same on every run. A
  // function of the bench database, not pg_temp: the pool runs the steps on several connections.
  await db.execute(sql`create or replace function bench_h(key text) returns float8 language sql immutable as
    $$ select ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
  await step('10,000 influencers, 20,000 accounts', async () => {
    await db.execute(sql`
      insert into influencers (id, display_name, category, country, rate_minor, rate_currency)
      select md5('inf' || n)::uuid, 'Creator ' || n,
        (array['Beauty','Gaming','Fitness','Food','Travel','Tech','Fashion','Outdoors'])[1 + floor(bench_h('cat' || n) * 8)::int],
        (array['United States','United Kingdom','Germany','France','Brazil','India','Canada','Spain','Italy','Japan'])[1 + floor(bench_h('cty' || n) * 10)::int],
        case when bench_h('rate' || n) < 0.3 then (50000 + floor(bench_h('fee' || n) * 500000))::bigint end, 'USD'
      from generate_series(1, 10000) n`);
    await db.execute(sql`
      insert into social_accounts (id, influencer_id, platform, handle, display_name)
      select md5('acc' || n || p)::uuid, md5('inf' || n)::uuid, p::platform, 'creator_' || n || '_' || p, 'Creator ' || n
      from generate_series(1, 10000) n cross join unnest(array['youtube', 'instagram']) p`);
    await db.execute(
      sql`insert into org_influencers (org_id, influencer_id, source) select ${orgId}::uuid, md5('inf' || n)::uuid, 'import' from generate_series(1, 10000) n`,
    );
  });
  await step('1,000,000 posts (50 per account over a year)', () =>
    db.execute(sql`
      insert into posts (id, social_account_id, platform, platform_post_id, published_at, title, media_type, tags)
      select md5('post' || sa.handle || k)::uuid, sa.id, sa.platform, sa.handle || '_' || k,
        timestamptz '2025-11-01' + (bench_h('pub' || sa.handle || k) * 365) * interval '1 day',
        'Post ' || k || ' by ' || sa.display_name,
        (array['video','short','reel','image','carousel'])[1 + floor(bench_h('mt' || sa.handle || k) * 5)::int]::media_type,
        array[(array['review','haul','tutorial','vlog','unboxing','challenge','tips','travel'])[1 + floor(bench_h('t1' || sa.handle || k) * 8)::int]]
      from social_accounts sa cross join generate_series(1, 50) k`),
  );
  await step("the organization's view of its posts and influencers (org_posts, roster labels), as its import writes them", async () => {
    await db.execute(sql`
      insert into org_posts (org_id, post_id, social_account_id, platform, platform_post_id, published_at, title, media_type, tags)
      select ${orgId}::uuid, p.id, p.social_account_id, p.platform, p.platform_post_id, p.published_at, p.title, p.media_type, p.tags from posts p`);
    await db.execute(sql`
      update org_influencers oi set display_name = i.display_name, category = i.category, country = i.country
      from influencers i where i.id = oi.influencer_id and oi.org_id = ${orgId}::uuid`);
  });
  await step('10,000,000 post snapshots (10 daily captures per post)', () =>
    db.execute(sql`
      insert into post_snapshots (post_id, owner_org_id, captured_at, views, likes, comments, shares, saves, provenance)
      select p.id, ${orgId}::uuid, p.published_at + d * interval '1 day',
        round(b.size * (1 - exp(-d / 3.0)))::bigint,
        round(b.size * (1 - exp(-d / 3.0)) * b.er)::bigint,
        round(b.size * (1 - exp(-d / 3.0)) * b.er * 0.05)::bigint,
        round(b.size * (1 - exp(-d / 3.0)) * b.er * 0.02)::bigint,
        round(b.size * (1 - exp(-d / 3.0)) * b.er * 0.03)::bigint, 'csv'
      from posts p
      cross join lateral (select exp(6 + bench_h('size' || p.id) * 9) as size, 0.01 + bench_h('er' || p.id) * 0.07 as er) b
      cross join generate_series(1, 10) d`),
  );
  await step('1,040,000 account snapshots (weekly for a year)', () =>
    db.execute(sql`
      insert into account_snapshots (social_account_id, owner_org_id, captured_at, followers, posts_count, provenance)
      select sa.id, ${orgId}::uuid, timestamptz '2025-11-02' + w * interval '7 days',
        round(exp(7 + bench_h('fol' || sa.id) * 8) * (1 + w * (bench_h('gr' || sa.id) - 0.3) * 0.01))::bigint, w, 'csv'
      from social_accounts sa cross join generate_series(0, 51) w`),
  );
  await step('rollups (post_metrics, account_daily_metrics) as the importer keeps them', async () => {
    await db.execute(sql`
      insert into post_metrics (owner_org_id, post_id, social_account_id, published_at, captured_at, first_captured_at, views, likes, comments, shares, saves, reach, impressions, clicks, conversions, revenue_minor, revenue_currency, provenance)
      select distinct on (s.owner_org_id, s.post_id) s.owner_org_id, s.post_id, p.social_account_id, p.published_at, s.captured_at,
        min(s.captured_at) over (partition by s.owner_org_id, s.post_id), s.views, s.likes, s.comments, s.shares, s.saves, s.reach, s.impressions, s.clicks, s.conversions, s.revenue_minor, s.revenue_currency, s.provenance
      from post_snapshots s join posts p on p.id = s.post_id
      order by s.owner_org_id, s.post_id, s.captured_at desc`);
    await db.execute(sql`
      insert into account_daily_metrics (owner_org_id, social_account_id, day, captured_at, followers, following, posts_count, total_views, reported_engagement_rate, provenance)
      select owner_org_id, social_account_id, (captured_at at time zone 'UTC')::date, captured_at, followers, following, posts_count, total_views, reported_engagement_rate, provenance
      from account_snapshots`);
  });
  await step('early curves of 1,000,000 posts (post_curves, days 0–30), as the importer keeps them', async () => {
    const { recomputePostCurves } = await import('@/lib/rollups/post-curves');
    await db.transaction((tx) => recomputePostCurves(tx, orgId, 'all'));
  });
  await step('account_metrics for 20,000 accounts', () => db.transaction((tx) => refreshAccountMetrics(tx, orgId, 'all')));
  await step('a campaign with 20 collaborations, its posts and 5,000 conversions', async () => {
    await db.execute(sql`
      insert into campaigns (id, org_id, name, currency, budget_minor, starts_on, ends_on, status, goals)
      values (md5('campaign')::uuid, ${orgId}::uuid, 'Bench Campaign', 'USD', 50000000, '2026-08-01', '2026-10-31', 'active',
        '{"views": 500000000, "engagements": 20000000, "conversions": 10000}'::jsonb)`);
    await db.execute(sql`
      insert into collaborations (campaign_id, influencer_id, agreed_fee_minor, currency)
      select md5('campaign')::uuid, md5('inf' || n)::uuid, 100000 + n * 1000, 'USD' from generate_series(1, 20) n`);
    await db.execute(sql`
      insert into campaign_posts (campaign_id, post_id, source, status)
      select md5('campaign')::uuid, pm.post_id, 'manual', 'confirmed' from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
      where sa.influencer_id in (select md5('inf' || n)::uuid from generate_series(1, 20) n) and pm.post_date >= '2026-08-01' and pm.post_date < '2026-11-01'`);
    await db.execute(sql`
      insert into conversions (org_id, campaign_id, influencer_id, external_id, occurred_at, revenue_minor, currency, provenance, attributed_by)
      select ${orgId}::uuid, md5('campaign')::uuid, md5('inf' || (1 + n % 20))::uuid, 'order-' || n,
        timestamptz '2026-08-01' + (n % 90) * interval '1 day', 2000 + (n % 50) * 100, 'USD', 'api', 'click'
      from generate_series(1, 5000) n`);
  });
  // What autovacuum does on a live database: statistics, and the visibility map index-only scans need.
  await step('VACUUM ANALYZE', () => db.execute(sql`vacuum analyze`));
}
// The rollups job completion derives (also fills a database generated before they existed).
{
  const { backfillRollups } = await import('@/lib/rollups/backfill-rollups');
  let filled = 0;
  await step(
    'roster rows and period rollups (influencer_metrics, org_daily_*, influencer_monthly_metrics) as job completion keeps them',
    async () => {
      filled = await backfillRollups(db);
    },
  );
  if (filled) await db.execute(sql`vacuum analyze`);
}

const [{ slug, org_id: orgId }] = rowsOf<{ slug: string; org_id: string }>(
  await db.execute(
    sql`select o.slug, o.id as org_id from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id where u.email = ${EMAIL}`,
  ),
);
const [{ user_id: userId }] = rowsOf<{ user_id: string }>(await db.execute(sql`select id as user_id from users where email = ${EMAIL}`));
const influencerIds = rowsOf<{ id: string }>(
  await db.execute(
    sql`select influencer_id as id from org_influencers where org_id = ${orgId}::uuid order by influencer_id limit ${REQUESTS}`,
  ),
).map((r) => r.id);
const [{ posts, snapshots }] = rowsOf<{ posts: number; snapshots: number }>(
  await db.execute(sql`select (select count(*) from posts)::int as posts, (select count(*) from post_snapshots)::int as snapshots`),
);
console.log(
  `\nData: ${posts.toLocaleString('en-US')} posts, ${snapshots.toLocaleString('en-US')} post snapshots, ${influencerIds.length} influencers sampled.`,
);

const campaignId = rowsOf<{ id: string }>(await db.execute(sql`select id from campaigns where org_id = ${orgId}::uuid limit 1`))[0].id;
// Forecasts with outcomes for the accuracy page (added once; the generation predates them): 2,000
// over the roster's influencers, as a year of offers would leave them.
if (rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from forecasts where org_id = ${orgId}::uuid`))[0].n === 0)
  await db.execute(sql`
    insert into forecasts (org_id, influencer_id, platform, fee_minor, currency, model_version, inputs, views_point, views_p10, views_p90,
      engagements_point, engagements_p10, engagements_p90, completion_probability, created_at, views_7d, engagements_7d, outcome_7d_at,
      views_30d, engagements_30d, outcome_30d_at)
    select ${orgId}::uuid, i.influencer_id, (case when g % 2 = 0 then 'youtube' else 'instagram' end)::platform, 50000, 'USD',
      'lognormal-shrinkage-v1', '{}'::jsonb, 10000 + bench_h('v' || g) * 90000, 3000, 200000, 500 + bench_h('e' || g) * 4000, 100, 9000, 0.8,
      now() - make_interval(days => g % 365), 8000, 400, now(), 9000 + bench_h('a' || g) * 100000, 450 + bench_h('b' || g) * 5000, now()
    from generate_series(1, 2000) g
    join lateral (select influencer_id from org_influencers where org_id = ${orgId}::uuid offset (g % 1000) limit 1) i on true`);
// A shortlist of 20 creators not yet on the campaign (added once), whose forecasts the campaign page shows.
await db.execute(sql`
  insert into campaign_shortlist (campaign_id, influencer_id)
  select ${campaignId}::uuid, oi.influencer_id from org_influencers oi
  where oi.org_id = ${orgId}::uuid and not exists (select 1 from campaign_shortlist s where s.campaign_id = ${campaignId}::uuid)
  order by oi.influencer_id desc limit 20`);
const presets = ['7d', '30d', '90d', '365d'] as const;
type Page = { name: string; data: (i: number) => Promise<unknown>; path: (i: number) => string; marker: string };
const { getOverview } = await import('@/lib/analytics/get-overview');
const { listRoster } = await import('@/lib/analytics/list-roster');
const { getInfluencerAnalytics } = await import('@/lib/analytics/get-influencer-analytics');
const { compareInfluencers } = await import('@/lib/analytics/compare-influencers');
const { getCampaignReport } = await import('@/lib/campaigns/get-campaign-report');
const { getOrgHome } = await import('@/lib/home/get-org-home');
const { recommendCreators } = await import('@/lib/recommendations/recommend-creators');
const { getCohorts } = await import('@/lib/cohorts/get-cohorts');
const { getForecastAccuracy } = await import('@/lib/forecasts/get-forecast-accuracy');
const { forecastCreator } = await import('@/lib/forecasts/forecast-creator');
const { listNotifications } = await import('@/lib/notifications/list-notifications');
const ctx = { actor: { userId, kind: 'user' as const, role: 'brand' as const, email: EMAIL, name: 'Bench Owner' } };
const pages: Page[] = [
  {
    name: 'overview (period presets in turn)',
    data: (i) => getOverview({ ctx, input: { orgSlug: slug, period: { period: presets[i % 4] } } }),
    path: (i) => `/o/${slug}/analytics?period=${presets[i % 4]}`,
    marker: 'data-testid="kpis"',
  },
  {
    name: 'roster sorted by engagement rate (pages 1–10)',
    data: (i) => listRoster({ ctx, input: { orgSlug: slug, query: { sort: 'engagementRate', dir: 'desc', page: String(1 + (i % 10)) } } }),
    path: (i) => `/o/${slug}/influencers?sort=engagementRate&dir=desc&page=${1 + (i % 10)}`,
    marker: 'data-testid="roster-table"',
  },
  {
    name: 'influencer (a different one each time)',
    data: (i) => getInfluencerAnalytics({ ctx, input: { orgSlug: slug, influencerId: influencerIds[i % influencerIds.length] } }),
    path: (i) => `/o/${slug}/influencers/${influencerIds[i % influencerIds.length]}`,
    marker: 'data-testid="posts-table"',
  },
  {
    name: 'compare (3 influencers)',
    data: (i) =>
      compareInfluencers({ ctx, input: { orgSlug: slug, ids: [0, 1, 2].map((k) => influencerIds[(i + k * 7) % influencerIds.length]) } }),
    path: (i) =>
      `/o/${slug}/influencers/compare?${[0, 1, 2].map((k) => `ids=${influencerIds[(i + k * 7) % influencerIds.length]}`).join('&')}`,
    marker: 'data-testid="compare-table"',
  },
  {
    name: 'campaign report (with its recommendations)',
    data: () =>
      Promise.all([
        getCampaignReport({ ctx, input: { orgSlug: slug, campaignId } }),
        recommendCreators({ ctx, input: { orgSlug: slug, campaignId } }),
      ]),
    path: () => `/o/${slug}/campaigns/${campaignId}`,
    marker: 'data-testid="campaign-kpis"',
  },
  {
    name: 'brand home (with recommendations)',
    data: () => Promise.all([getOrgHome({ ctx, input: { slug } }), recommendCreators({ ctx, input: { orgSlug: slug } })]),
    path: () => `/o/${slug}`,
    marker: 'data-testid="recommendations"',
  },
  {
    name: 'cohorts: organization, 14 days by week',
    data: () => getCohorts({ ctx, input: { orgSlug: slug, query: {} } }),
    path: () => `/o/${slug}/analytics/cohorts`,
    marker: 'data-testid="content-cohorts"',
  },
  {
    name: 'cohorts: one influencer (a different one each time)',
    data: (i) => getCohorts({ ctx, input: { orgSlug: slug, query: { influencer: influencerIds[i % influencerIds.length] } } }),
    path: (i) => `/o/${slug}/analytics/cohorts?influencer=${influencerIds[i % influencerIds.length]}`,
    marker: 'data-testid="content-cohorts"',
  },
  {
    name: 'forecast accuracy',
    data: () => getForecastAccuracy({ ctx, input: { orgSlug: slug } }),
    path: () => `/o/${slug}/forecasts`,
    marker: 'Forecast accuracy',
  },
  {
    // The floor: the app shell around a page with nothing in it — what any page costs on this stack.
    name: 'floor: notifications, none (the app shell alone)',
    data: () => listNotifications({ ctx, input: { limit: 50 } }),
    path: () => '/notifications',
    marker: 'All caught up',
  },
];
// Not a page of its own: the forecasts the offer form shows for a creator (each platform).
const forecastTimes: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now();
  await forecastCreator({ ctx, input: { orgSlug: slug, influencerId: influencerIds[i % influencerIds.length] } });
  forecastTimes.push(performance.now() - t);
}
{
  const sorted = [...forecastTimes].sort((a, b) => a - b);
  console.log(
    `\nOffer forecasts (forecastCreator, a different creator each time): p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, p95 ${sorted[Math.ceil(0.95 * sorted.length) - 1].toFixed(0)} ms`,
  );
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
// The SQL every signed-in page of the organization runs besides its own (app/(app)/layout.tsx and
// app/(app)/o/[slug]/layout.tsx, as they run it): the session's user, then the shell's three reads
// at once, then the organization access check.
const { startSession } = await import('@/lib/auth/sessions');
const { loadActor } = await import('@/lib/auth/load-actor');
const { listMyOrganizations } = await import('@/lib/orgs/list-my-organizations');
const { countUnreadNotifications } = await import('@/lib/notifications/list-notifications');
const { emailVerificationPending } = await import('@/lib/accounts/email-verification');
const { getOrgAccess } = await import('@/lib/orgs/get-org-access');
const sessionId = await startSession(db, userId);
const shell = async () => {
  await loadActor(userId, undefined, sessionId);
  await Promise.all([
    listMyOrganizations({ ctx, input: undefined }),
    countUnreadNotifications({ ctx, input: undefined }),
    emailVerificationPending({ ctx, input: undefined }),
  ]);
  await getOrgAccess({ ctx, input: { slug } });
};
const dataTimes = new Map<string, number[]>();
const requestTimes = new Map<string, number[]>();
for (const page of pages) {
  for (let i = 0; i < 5; i++) await page.data(i);
  const times: number[] = [];
  const withShell: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    await page.data(i);
    times.push(performance.now() - t);
    const u = performance.now();
    await shell();
    await page.data(i);
    withShell.push(performance.now() - u);
  }
  dataTimes.set(page.name, times);
  requestTimes.set(page.name, withShell);
}
await closeDb();

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('Building the app (next build)…');
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
const base = `http://localhost:${PORT}`;
try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error('next start did not answer within 60 s');
    if (
      await fetch(`${base}/sign-in`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // Sign in through next-auth's credentials flow, keeping its cookies.
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: 'true' }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (${login.status})`);

  const rows: string[] = [];
  for (const page of pages) {
    let bytes = 0;
    const get = async (i: number) => {
      const res = await fetch(base + page.path(i), { headers: { cookie: cookie() }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200 || !body.includes(page.marker))
        throw new Error(`${page.path(i)} answered ${res.status} without ${page.marker}`);
      bytes = Math.max(bytes, Buffer.byteLength(body));
    };
    for (let i = 0; i < 5; i++) await get(i);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await get(i);
      times.push(performance.now() - t);
    }
    const data = dataTimes.get(page.name)!;
    const request = requestTimes.get(page.name)!;
    const ratio = percentile(times, 95) / percentile(request, 95);
    rows.push(
      `| ${page.name} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${percentile(data, 50).toFixed(0)} | ${percentile(data, 95).toFixed(0)} | ${percentile(request, 95).toFixed(0)} | ${ratio.toFixed(1)}× | ${Math.round(bytes / 1024)} |`,
    );
  }
  console.log(`\n${REQUESTS} requests per page, one at a time, signed in as an owner; milliseconds.\n`);
  console.log(
    '| page | render p50 | render p95 | page data p50 | page data p95 | all its SQL p95 (shell + page) | render ÷ SQL (p95) | HTML KB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const row of rows) console.log(row);

  // Under load: concurrent connections for 10 s each on the two busiest pages, beside a static
  // asset of the same server (what the server itself can do, without rendering or SQL).
  const html = await (await fetch(`${base}/sign-in`)).text();
  const asset = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  if (!asset) throw new Error('no static asset found on /sign-in');
  const targets = [
    { name: 'static asset (yardstick)', path: asset, cookie: false },
    { name: pages[0].name, path: pages[0].path(1), cookie: true },
    { name: pages[1].name, path: pages[1].path(2), cookie: true },
  ];
  const load: string[] = [];
  for (const target of targets)
    for (const connections of [10, 50]) {
      const result = await autocannon({
        url: base + target.path,
        connections,
        duration: LOAD_SECONDS,
        headers: target.cookie ? { cookie: cookie() } : {},
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${target.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      load.push(
        `| ${target.name} | ${connections} | ${result.requests.average.toFixed(1)} | ${result.latency.p50} | ${result.latency.p99} |`,
      );
    }
  console.log(`\nUnder load (autocannon, ${LOAD_SECONDS} s per row, signed in where the page needs it); milliseconds.\n`);
  console.log('| page | connections | requests/s | latency p50 | latency p99 |\n| --- | ---: | ---: | ---: | ---: |');
  for (const row of load) console.log(row);
} finally {
  server.kill('SIGTERM');
}
