import { formatISO } from 'date-fns/formatISO';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { platform } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { audit } from '../audit/write-audit';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError, ValidationError } from '../errors';
import { followerGrowth } from '../metrics/growth';
import type { Metric } from '../metrics/metric';
import { reader, withTransaction } from '../transaction';
import { isUuid, parseInput, type Untrusted } from '../validation';
import { rangeBounds, resolvePeriod, type Period, type PeriodQuery } from './period';
import { latestDataDay, num } from './shared';

type BenchmarkRow = {
  socialAccountId: string;
  kind: 'own' | 'competitor';
  platform: string;
  handle: string;
  name: string;
  /** Last known followers on or before the period's end, and before its start. */
  followersEnd: number | null;
  followersStart: number | null;
  growth: { absolute: Metric; percent: Metric };
  /** Posts dated in the period, and per week. */
  posts: number;
  postsPerWeek: number;
  /** Median over the period's posts of engagements ÷ views. */
  engagementRate: number | null;
  medianViews: number | null;
};

export type Benchmarks = {
  access: OrgAccess;
  period: Period;
  rows: BenchmarkRow[];
  /** Followers per day with a capture in the period, one column per `platform @handle`. */
  followerTrend: Record<string, string | number | null>[];
};

/**
 * The organization's own accounts next to the rival accounts it tracks, over the same period
 * (default: the 30 days up to its latest data): follower growth (lib/metrics followerGrowth from
 * the daily rollup), posts and posts per week, median engagement rate by views and median views of
 * the posts dated in the period. Any member may read it.
 * @throws NotFoundError (not a member); ValidationError (bad period).
 */
export async function getBenchmarks({ ctx, input }: VerbArgs<{ orgSlug: string; period: PeriodQuery }>): Promise<Benchmarks> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  const period = resolvePeriod(input.period, (await latestDataDay(db, orgId)) ?? formatISO(new Date(), { representation: 'date' }));
  const { start, end } = rangeBounds(period);
  const [rows, trend] = await Promise.all([
    db
      .execute(
        sql`
      select b.social_account_id, b.kind::text as kind, sa.platform::text as platform, sa.handle,
        coalesce(sa.display_name, oi.display_name, i.display_name) as name,
        (select d.followers from account_daily_metrics d where d.social_account_id = sa.id and d.owner_org_id = ${orgId}::uuid
          and d.followers is not null and d.day <= ${period.to}::date order by d.day desc limit 1) as followers_end,
        (select d.followers from account_daily_metrics d where d.social_account_id = sa.id and d.owner_org_id = ${orgId}::uuid
          and d.followers is not null and d.day < ${period.from}::date order by d.day desc limit 1) as followers_start,
        p.posts, p.er, p.median_views
      from benchmark_accounts b join social_accounts sa on sa.id = b.social_account_id join influencers i on i.id = sa.influencer_id
      left join org_influencers oi on oi.org_id = b.org_id and oi.influencer_id = i.id
      cross join lateral (
        select count(*)::int as posts, percentile_cont(0.5) within group (order by pm.engagements::float8 / nullif(pm.views, 0)) as er,
          percentile_cont(0.5) within group (order by pm.views) as median_views
        from post_metrics pm where pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
          and pm.post_date >= ${start}::timestamptz and pm.post_date < ${end}::timestamptz) p
      where b.org_id = ${orgId}::uuid
      order by b.kind, sa.platform, sa.handle`,
      )
      .then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`
      select d.day::text as day, sa.platform::text || ' @' || sa.handle as series, d.followers
      from benchmark_accounts b join social_accounts sa on sa.id = b.social_account_id
      join account_daily_metrics d on d.social_account_id = sa.id and d.owner_org_id = ${orgId}::uuid
      where b.org_id = ${orgId}::uuid and d.day between ${period.from}::date and ${period.to}::date and d.followers is not null
      order by d.day`,
      )
      .then(rowsOf<{ day: string; series: string; followers: string }>),
  ]);
  const series = rows.map((r) => `${r.platform} @${r.handle}`);
  const byDay = new Map<string, Record<string, string | number | null>>();
  for (const t of trend) {
    if (!byDay.has(t.day)) byDay.set(t.day, { day: t.day, ...Object.fromEntries(series.map((s) => [s, null])) });
    byDay.get(t.day)![t.series] = Number(t.followers);
  }
  return {
    access,
    period,
    rows: rows.map((r) => {
      const end = num(r.followers_end as string | null);
      const startF = num(r.followers_start as string | null);
      return {
        socialAccountId: String(r.social_account_id),
        kind: r.kind as BenchmarkRow['kind'],
        platform: String(r.platform),
        handle: String(r.handle),
        name: String(r.name),
        followersEnd: end,
        followersStart: startF,
        growth: followerGrowth(startF, end),
        posts: Number(r.posts),
        postsPerWeek: Number(r.posts) / (period.days / 7),
        engagementRate: num(r.er as number | null),
        medianViews: num(r.median_views as number | null),
      };
    }),
    followerTrend: [...byDay.values()],
  };
}

const addSchema = z.object({
  orgSlug: z.string().min(1),
  platform: z.enum(platform.enumValues, { message: 'choose a platform' }),
  handle: z
    .string()
    .trim()
    .min(1, 'enter the account handle')
    .max(200)
    .transform((h) => h.replace(/^@/, '').toLowerCase()),
  kind: z.enum(['own', 'competitor']),
});

/**
 * Adds an account to the organization's benchmarks as its own or a competitor's (managers and
 * owners). The account must be in the organization's data (imported or tracked), so its numbers
 * exist; adding it again changes its kind.
 * @throws ValidationError (bad input, or no such account in this organization's data); NotFoundError; ForbiddenError.
 */
export async function addBenchmarkAccount({ ctx, input }: VerbArgs<Untrusted<z.input<typeof addSchema>>>): Promise<void> {
  const data = parseInput(addSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'manager');
    const [account] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select sa.id from social_accounts sa
        where sa.platform = ${data.platform} and sa.handle = ${data.handle}
          and (exists (select 1 from account_metrics am where am.social_account_id = sa.id and am.owner_org_id = ${org.id}::uuid)
            or exists (select 1 from post_metrics pm where pm.social_account_id = sa.id and pm.owner_org_id = ${org.id}::uuid))`),
    );
    if (!account)
      throw new ValidationError(`No ${data.platform} account @${data.handle} is in your data yet: import its metrics first`, {
        handle: 'not in your data',
      });
    await tx.execute(sql`
      insert into benchmark_accounts (org_id, social_account_id, kind, added_by)
      values (${org.id}::uuid, ${account.id}::uuid, ${data.kind}, ${actor.userId}::uuid)
      on conflict (org_id, social_account_id) do update set kind = excluded.kind`);
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'benchmark.account_added',
      targetType: 'social_account',
      targetId: account.id,
      after: { platform: data.platform, handle: data.handle, kind: data.kind },
    });
  });
}

/**
 * Removes an account from the organization's benchmarks (managers and owners); its data stays.
 * @throws NotFoundError; ForbiddenError.
 */
export async function removeBenchmarkAccount({ ctx, input }: VerbArgs<{ orgSlug: string; socialAccountId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (!isUuid(input.socialAccountId)) throw new NotFoundError('Account');
    const removed = rowsOf<{ kind: string }>(
      await tx.execute(
        sql`delete from benchmark_accounts where org_id = ${org.id}::uuid and social_account_id = ${input.socialAccountId}::uuid returning kind::text`,
      ),
    );
    if (removed.length === 0) throw new NotFoundError('Account');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'benchmark.account_removed',
      targetType: 'social_account',
      targetId: input.socialAccountId,
      before: removed[0],
    });
  });
}
