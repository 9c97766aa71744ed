import { and, asc, count, desc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, collaborations, influencers, offers, organizations, type Campaign } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { fitScore, type FitScore } from '../metrics/fit-score';
import { isUuid, parseInput } from '../validation';

/**
 * Conditions of a campaign influencers can see and apply to: public, active, not flagged, of a
 * brand organization an admin approved and did not flag.
 */
export function publicCampaignConditions(): SQL {
  return and(
    eq(campaigns.visibility, 'public'),
    eq(campaigns.status, 'active'),
    eq(campaigns.flagged, false),
    eq(organizations.kind, 'brand'),
    eq(organizations.approvalStatus, 'approved'),
    isNull(organizations.flaggedAt),
  )!;
}

const PUBLIC_CAMPAIGN_SORTS = ['fit', 'startsOn', 'budget', 'newest'] as const;

const querySchema = z.object({
  q: z.string().trim().max(100).optional().default(''),
  niche: z.string().trim().max(60).optional().default(''),
  /** Default: best fit first for an influencer, soonest start for an admin. */
  sort: z.enum(PUBLIC_CAMPAIGN_SORTS).optional(),
});
export type PublicCampaignQuery = z.input<typeof querySchema>;

export type PublicCampaign = Pick<
  Campaign,
  'id' | 'name' | 'description' | 'brief' | 'category' | 'budgetMinor' | 'currency' | 'startsOn' | 'endsOn' | 'maxInfluencers' | 'goals'
> & {
  brand: { name: string; website: string | null };
  /** Places left (maximum − collaborations); null when the campaign has no maximum. */
  placesLeft: number | null;
  /** The signed-in influencer's offer for this campaign, if any. */
  myOffer: { id: string; status: string } | null;
  /** Why influencers cannot see it, for an admin opening any campaign (empty when they can). */
  hiddenBecause: string[];
  /** How well it fits the signed-in influencer (lib/metrics/fit-score, from their own profile); null for an admin. */
  fit: FitScore | null;
};

function select(influencerId: string | null) {
  return {
    id: campaigns.id,
    name: campaigns.name,
    description: campaigns.description,
    brief: campaigns.brief,
    category: campaigns.category,
    budgetMinor: campaigns.budgetMinor,
    currency: campaigns.currency,
    startsOn: campaigns.startsOn,
    endsOn: campaigns.endsOn,
    maxInfluencers: campaigns.maxInfluencers,
    goals: campaigns.goals,
    status: campaigns.status,
    visibility: campaigns.visibility,
    flagged: campaigns.flagged,
    brandApproval: organizations.approvalStatus,
    brandFlagged: sql<boolean>`${organizations.flaggedAt} is not null`,
    brandName: organizations.name,
    brandWebsite: organizations.website,
    taken: sql<number>`(select count(*)::int from ${collaborations} c where c.campaign_id = ${campaigns.id} and c.status <> 'cancelled')`,
    myOfferId: influencerId
      ? sql<
          string | null
        >`(select o.id from ${offers} o where o.campaign_id = ${campaigns.id} and o.influencer_id = ${influencerId}::uuid order by o.created_at desc limit 1)`
      : sql<null>`null`,
    orgId: campaigns.orgId,
    myOfferStatus: influencerId
      ? sql<
          string | null
        >`(select o.status::text from ${offers} o where o.campaign_id = ${campaigns.id} and o.influencer_id = ${influencerId}::uuid order by o.created_at desc limit 1)`
      : sql<null>`null`,
  };
}

type Row = Awaited<ReturnType<typeof selectRows>>[number];
async function selectRows(db: Awaited<ReturnType<typeof reader>>, influencerId: string | null, where: SQL, order: SQL[]) {
  return db
    .select(select(influencerId))
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(where)
    .orderBy(...order)
    .limit(100);
}

function toPublic(r: Row, fit: FitScore | null = null): PublicCampaign {
  const {
    brandName,
    brandWebsite,
    taken,
    myOfferId,
    myOfferStatus,
    status,
    visibility,
    flagged,
    brandApproval,
    brandFlagged,
    orgId: _orgId,
    ...c
  } = r;
  const hiddenBecause = [
    flagged ? 'flagged by an admin' : null,
    brandFlagged ? 'its brand is flagged' : null,
    brandApproval !== 'approved' ? `its brand is ${brandApproval === 'pending' ? 'awaiting approval' : brandApproval}` : null,
    visibility !== 'public' ? 'private' : null,
    status !== 'active' ? `${status}` : null,
  ].filter((reason): reason is string => reason !== null);
  return {
    ...c,
    hiddenBecause,
    brand: { name: brandName, website: brandWebsite },
    placesLeft: c.maxInfluencers === null ? null : Math.max(0, c.maxInfluencers - Number(taken)),
    myOffer: myOfferId ? { id: myOfferId, status: myOfferStatus! } : null,
    fit,
  };
}

async function myInfluencerId(db: Awaited<ReturnType<typeof reader>>, userId: string): Promise<string | null> {
  const [me] = await db.select({ id: influencers.id }).from(influencers).where(eq(influencers.userId, userId));
  return me?.id ?? null;
}

/**
 * The fit of each campaign for an influencer, from what the influencer's own profile says (niche,
 * rate card) and their own record with each brand (deliverables approved of all): the brand-side
 * parts Reachboard cannot know for the creator here (engagement against the brand's peers,
 * growth) count as unknown.
 */
async function fitsFor(db: Awaited<ReturnType<typeof reader>>, influencerId: string, rows: Row[]): Promise<Map<string, FitScore>> {
  const [me] = await db
    .select({ category: influencers.category, rateMinor: influencers.rateMinor, rateCurrency: influencers.rateCurrency })
    .from(influencers)
    .where(eq(influencers.id, influencerId));
  const history = new Map(
    rowsOf<{ org_id: string; approved: number; total: number }>(
      await db.execute(sql`
        select ca.org_id, (count(*) filter (where d.status = 'approved'))::int as approved, count(*)::int as total
        from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns ca on ca.id = co.campaign_id
        where co.influencer_id = ${influencerId}::uuid and co.status <> 'cancelled' group by ca.org_id`),
    ).map((h) => [h.org_id, { approved: h.approved, total: h.total }]),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      fitScore({
        campaignCategory: r.category,
        influencerCategory: me?.category ?? null,
        engagementRate: null,
        tierMedianEngagementRate: null,
        growth30d: null,
        followers: null,
        budgetPerInfluencerMinor: r.budgetMinor === null ? null : Math.floor(r.budgetMinor / Math.max(r.maxInfluencers ?? 1, 1)),
        rateMinor: me?.rateMinor != null && me.rateCurrency === r.currency ? Number(me.rateMinor) : null,
        history: history.get(r.orgId) ?? null,
      }),
    ]),
  );
}

/**
 * Public campaigns of approved brands, for influencers to browse: text search over name and
 * description, niche filter (case-insensitive), sorted by fit for the signed-in influencer (the
 * default for them; lib/metrics/fit-score from their profile), start date (soonest first; the
 * default for an admin), budget (largest first) or newest; at most 100 (the soonest-starting,
 * then ordered by fit). Also lists the niches on offer.
 * @throws ForbiddenError for brands and fans; ValidationError for a bad sort.
 */
export async function listPublicCampaigns({
  ctx,
  input,
}: VerbArgs<PublicCampaignQuery>): Promise<{ campaigns: PublicCampaign[]; niches: string[]; query: z.output<typeof querySchema> }> {
  const actor = requireUserRole(ctx, 'influencer', 'admin');
  const query = parseInput(querySchema, input);
  const db = await reader(ctx);
  const influencerId = actor.role === 'influencer' ? await myInfluencerId(db, actor.userId) : null;
  const where = and(
    publicCampaignConditions(),
    query.niche ? sql`lower(${campaigns.category}) = lower(${query.niche})` : undefined,
    query.q ? or(ilike(campaigns.name, `%${query.q}%`), ilike(campaigns.description, `%${query.q}%`)) : undefined,
  )!;
  const sort = query.sort ?? (influencerId ? 'fit' : 'startsOn');
  const order =
    sort === 'budget'
      ? [sql`${campaigns.budgetMinor} desc nulls last`, asc(campaigns.name)]
      : sort === 'newest'
        ? [desc(campaigns.createdAt)]
        : [sql`${campaigns.startsOn} asc nulls last`, asc(campaigns.name)];
  const [rows, niches] = await Promise.all([
    selectRows(db, influencerId, where, order),
    db
      .selectDistinct({ category: campaigns.category })
      .from(campaigns)
      .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
      .where(and(publicCampaignConditions(), ne(campaigns.category, '')))
      .orderBy(asc(campaigns.category)),
  ]);
  const fits = influencerId ? await fitsFor(db, influencerId, rows) : new Map<string, FitScore>();
  const list = rows.map((r) => toPublic(r, fits.get(r.id) ?? null));
  if (sort === 'fit') list.sort((a, b) => (b.fit?.score ?? -1) - (a.fit?.score ?? -1));
  return {
    campaigns: list,
    niches: niches.map((n) => n.category).filter((c): c is string => !!c),
    query: { ...query, sort },
  };
}

/**
 * One public campaign with its brief, for an influencer deciding to apply; an admin opens any
 * campaign (flagged, private or draft included, with `hiddenBecause` saying why influencers cannot
 * see it), to moderate it.
 * @throws NotFoundError when it is not (or no longer) public (any campaign for an admin: when it
 *         does not exist); ForbiddenError for brands and fans.
 */
export async function getPublicCampaign({ ctx, input }: VerbArgs<{ campaignId: string }>): Promise<PublicCampaign> {
  const actor = requireUserRole(ctx, 'influencer', 'admin');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const db = await reader(ctx);
  const influencerId = actor.role === 'influencer' ? await myInfluencerId(db, actor.userId) : null;
  const visible = actor.role === 'admin' ? undefined : publicCampaignConditions();
  const [row] = await selectRows(db, influencerId, and(visible, eq(campaigns.id, input.campaignId))!, [asc(campaigns.id)]);
  if (!row) throw new NotFoundError('Campaign');
  return toPublic(row);
}

/** Count of campaigns influencers can apply to now. */
export async function countPublicCampaigns(db: Awaited<ReturnType<typeof reader>>): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(publicCampaignConditions());
  return n;
}
