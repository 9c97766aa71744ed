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
const DAY_MS = 86_400_000;

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
 * post date (the `post_curves` rollup of days 0–30, lib/rollups), and past the window the latest
 * capture. And creator cohorts (lib/metrics `creatorCohorts`) over the organization's
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
  const metric = query.metric === 'views' ? sql`views` : sql`engagements`;
  const [captures, collaborations] = await Promise.all([
    db
      .execute(
        // One row per post: its early curve (days 0–30, the rollup the importer keeps) and its latest capture.
        sql`
        with newest as (select max(pm.post_date) as at from post_metrics pm where pm.owner_org_id = ${org.id}::uuid ${filter}),
        p as (
          select pm.post_id, pm.post_date, pm.captured_at, pm.${metric} as value from post_metrics pm, newest
          where pm.owner_org_id = ${org.id}::uuid ${filter} and pm.post_date > newest.at - make_interval(weeks => ${WEEKS_BACK})
          order by pm.post_date desc limit ${MAX_POSTS}
        )
        select p.post_id, p.post_date, p.captured_at, p.value::float8 as value, c.days, c.${metric}::float8[] as curve
        from p left join post_curves c on c.owner_org_id = ${org.id}::uuid and c.post_id = p.post_id`,
      )
      .then(
        rowsOf<{
          post_id: string;
          post_date: Date | string;
          captured_at: Date | string;
          value: number | null;
          days: number[] | null;
          curve: (number | null)[] | null;
        }>,
      ),
    db
      .execute(
        sql`select co.influencer_id, co.created_at from collaborations co join campaigns ca on ca.id = co.campaign_id
          where ca.org_id = ${org.id}::uuid and co.status <> 'cancelled'`,
      )
      .then(rowsOf<{ influencer_id: string; created_at: Date | string }>),
  ]);
  const posts = new Map<string, { postDate: Date; points: { day: number; value: number | null }[] }>();
  for (const r of captures) {
    const postDate = new Date(r.post_date);
    // Each day of the window: that day's latest capture; past the window, one point at day days + 1
    // holding the latest capture (what post_metrics keeps), which says the post was seen that far.
    const points = (r.days ?? []).flatMap((day, i) => (day <= query.days ? [{ day, value: r.curve![i] ?? null }] : []));
    const latestDay = Math.floor((new Date(r.captured_at).getTime() - postDate.getTime()) / DAY_MS);
    if (latestDay > query.days) points.push({ day: query.days + 1, value: r.value === null ? null : Number(r.value) });
    if (points.length) posts.set(r.post_id, { postDate, points });
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
