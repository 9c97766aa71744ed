import { and, asc, count, desc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, collaborations, influencers, offers, organizations, type Campaign } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
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

const PUBLIC_CAMPAIGN_SORTS = ['startsOn', 'budget', 'newest'] as const;

const querySchema = z.object({
  q: z.string().trim().max(100).optional().default(''),
  niche: z.string().trim().max(60).optional().default(''),
  sort: z.enum(PUBLIC_CAMPAIGN_SORTS).optional().default('startsOn'),
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

function toPublic(r: Row): PublicCampaign {
  const { brandName, brandWebsite, taken, myOfferId, myOfferStatus, status, visibility, flagged, brandApproval, brandFlagged, ...c } = r;
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
  };
}

async function myInfluencerId(db: Awaited<ReturnType<typeof reader>>, userId: string): Promise<string | null> {
  const [me] = await db.select({ id: influencers.id }).from(influencers).where(eq(influencers.userId, userId));
  return me?.id ?? null;
}

/**
 * Public campaigns of approved brands, for influencers to browse: text search over name and
 * description, niche filter (case-insensitive), sorted by start date (soonest first), budget
 * (largest first) or newest; at most 100. Also lists the niches on offer.
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
  const order =
    query.sort === 'budget'
      ? [sql`${campaigns.budgetMinor} desc nulls last`, asc(campaigns.name)]
      : query.sort === 'newest'
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
  return { campaigns: rows.map(toPublic), niches: niches.map((n) => n.category).filter((c): c is string => !!c), query };
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
