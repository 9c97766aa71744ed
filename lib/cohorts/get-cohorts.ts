import { and, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { contentCohorts, creatorCohorts, type ContentCohorts } from '../metrics/cohorts';
import { reader } from '../transaction';
import { isUuid, parseInput, type Untrusted } from '../validation';

/** Most posts a content cohort table reads (the newest), and the weeks back from the newest post. */
const MAX_POSTS = 5_000;
const WEEKS_BACK = 26;

const cohortQuerySchema = z.object({
  by: z.enum(['week', 'month'], { message: 'Group by week or month' }).optional().default('week'),
  metric: z.enum(['views', 'engagements'], { message: 'Choose views or engagements' }).optional().default('views'),
  days: z.coerce.number('Enter a number of days').int().min(1, 'At least 1 day').max(30, 'At most 30 days').optional().default(14),
  influencer: z.string().trim().optional().default(''),
  campaign: z.string().trim().optional().default(''),
});
export type CohortQuery = z.input<typeof cohortQuerySchema>;

export type Cohorts = {
  query: z.output<typeof cohortQuerySchema>;
  /** What the content cohorts cover: the organization, an influencer or a campaign (named). */
  scope: { kind: 'organization' | 'influencer' | 'campaign'; name: string };
  content: ContentCohorts & { posts: number; from: string | null; to: string | null };
  creators: ReturnType<typeof creatorCohorts>;
};

/**
 * Content cohorts (lib/metrics `contentCohorts`) over the organization's posts — all, one
 * influencer's or one campaign's — dated in the 26 weeks up to the newest of them (at most 5,000,
 * newest first), from the organization's own captures: the latest capture of each day after the
 * post date. And creator cohorts (lib/metrics `creatorCohorts`) over the organization's
 * collaborations (not cancelled), by the month each started. Any member.
 * @throws NotFoundError (not a member; an influencer or campaign not in the organization);
 *         ValidationError naming the bad parameter.
 */
export async function getCohorts({ ctx, input }: VerbArgs<{ orgSlug: string; query: Untrusted<CohortQuery> }>): Promise<Cohorts> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const query = parseInput(cohortQuerySchema, input.query);
  let scope: Cohorts['scope'] = { kind: 'organization', name: org.name };
  let filter: SQL = sql``;
  if (query.campaign) {
    if (!isUuid(query.campaign)) throw new NotFoundError('Campaign');
    const [c] = await db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(and(eq(campaigns.id, query.campaign), eq(campaigns.orgId, org.id)));
    if (!c) throw new NotFoundError('Campaign');
    scope = { kind: 'campaign', name: c.name };
    filter = sql`and pm.post_id in (select post_id from campaign_posts where campaign_id = ${c.id}::uuid)`;
  } else if (query.influencer) {
    if (!isUuid(query.influencer)) throw new NotFoundError('Influencer');
    const [i] = rowsOf<{ name: string }>(
      await db.execute(sql`select coalesce(oi.display_name, i.display_name) as name from org_influencers oi
        join influencers i on i.id = oi.influencer_id where oi.org_id = ${org.id}::uuid and oi.influencer_id = ${query.influencer}::uuid`),
    );
    if (!i) throw new NotFoundError('Influencer');
    scope = { kind: 'influencer', name: i.name };
    filter = sql`and pm.social_account_id in (select id from social_accounts where influencer_id = ${query.influencer}::uuid)`;
  }
  const value =
    query.metric === 'views'
      ? sql`s.views`
      : sql`case when s.likes is null and s.comments is null and s.shares is null and s.saves is null then null
          else coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0) + coalesce(s.saves, 0) end`;
  const [captures, collaborations] = await Promise.all([
    db
      .execute(
        sql`
        with newest as (select max(pm.post_date) as at from post_metrics pm where pm.owner_org_id = ${org.id}::uuid ${filter}),
        p as (
          select pm.post_id, pm.post_date from post_metrics pm, newest
          where pm.owner_org_id = ${org.id}::uuid ${filter} and pm.post_date > newest.at - make_interval(weeks => ${WEEKS_BACK})
          order by pm.post_date desc limit ${MAX_POSTS}
        )
        select p.post_id, p.post_date, d.day, d.value::float8 as value from p
        join lateral (
          select distinct on (1) least(floor(extract(epoch from s.captured_at - p.post_date) / 86400)::int, ${query.days + 1}) as day,
            ${value} as value
          from post_snapshots s
          where s.post_id = p.post_id and s.owner_org_id = ${org.id}::uuid and s.captured_at >= p.post_date
          order by 1, s.captured_at desc) d on true
        order by p.post_id, d.day`,
      )
      .then(rowsOf<{ post_id: string; post_date: Date | string; day: number; value: number | null }>),
    db
      .execute(
        sql`select co.influencer_id, co.created_at from collaborations co join campaigns ca on ca.id = co.campaign_id
          where ca.org_id = ${org.id}::uuid and co.status <> 'cancelled'`,
      )
      .then(rowsOf<{ influencer_id: string; created_at: Date | string }>),
  ]);
  const posts = new Map<string, { postDate: Date; points: { day: number; value: number | null }[] }>();
  for (const r of captures) {
    const p = posts.get(r.post_id) ?? { postDate: new Date(r.post_date), points: [] };
    p.points.push({ day: Number(r.day), value: r.value === null ? null : Number(r.value) });
    posts.set(r.post_id, p);
  }
  const dates = [...posts.values()].map((p) => p.postDate.getTime());
  const content = contentCohorts([...posts.values()], { by: query.by, days: query.days });
  return {
    query,
    scope,
    content: {
      ...content,
      posts: posts.size,
      from: dates.length ? new Date(Math.min(...dates)).toISOString() : null,
      to: dates.length ? new Date(Math.max(...dates)).toISOString() : null,
    },
    creators: creatorCohorts(
      collaborations.map((c) => ({ influencerId: c.influencer_id, startedAt: new Date(c.created_at) })),
      new Date(),
    ),
  };
}
