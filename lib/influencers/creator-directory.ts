import { and, asc, eq, ilike, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { follows, influencers, socialAccounts, type Influencer } from '@/db/schema';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid, parseInput } from '../validation';

const searchSchema = z.object({
  q: z.string().trim().max(100).optional().default(''),
  niche: z.string().trim().max(60).optional().default(''),
});

export type CreatorCard = {
  id: string;
  displayName: string;
  category: string | null;
  country: string | null;
  bio: string | null;
  /** Fans following the creator on Reachboard. */
  fans: number;
  following: boolean;
  accounts: { platform: string; handle: string; url: string | null }[];
};

// Drizzle leaves columns unqualified in a one-table select: name the outer table explicitly in subqueries.
const influencerId = sql.raw('"influencers"."id"');
const fansOf = sql<number>`(select count(*)::int from ${follows} f where f.influencer_id = ${influencerId})`;
const followingBy = (userId: string) =>
  sql<boolean>`exists (select 1 from ${follows} f where f.influencer_id = ${influencerId} and f.fan_id = ${userId}::uuid)`;
const accountsOf = sql<
  CreatorCard['accounts']
>`coalesce((select json_agg(json_build_object('platform', sa.platform, 'handle', sa.handle, 'url', sa.url) order by sa.platform, sa.handle)
  from ${socialAccounts} sa where sa.influencer_id = ${influencerId}), '[]'::json)`;

function parseAccounts(v: unknown): CreatorCard['accounts'] {
  return (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as CreatorCard['accounts'];
}

/**
 * Creators on Reachboard (profiles with an account), for fans and everyone signed in: search by
 * name, handle or bio, filter by niche; most followed first (at most 60), with the niches on offer.
 * @throws UnauthorizedError; ValidationError.
 */
export async function searchCreators({
  ctx,
  input,
}: VerbArgs<{ q?: string; niche?: string }>): Promise<{ creators: CreatorCard[]; niches: string[]; query: z.output<typeof searchSchema> }> {
  const actor = requireActor(ctx);
  const query = parseInput(searchSchema, input);
  const db = await reader(ctx);
  const text = query.q ? `%${query.q}%` : null;
  const where = and(
    isNotNull(influencers.userId),
    query.niche ? sql`lower(${influencers.category}) = lower(${query.niche})` : undefined,
    text
      ? or(
          ilike(influencers.displayName, text),
          ilike(influencers.bio, text),
          sql`exists (select 1 from ${socialAccounts} sa where sa.influencer_id = ${influencerId} and sa.handle ilike ${text})`,
        )
      : undefined,
  );
  const [rows, niches] = await Promise.all([
    db
      .select({
        id: influencers.id,
        displayName: influencers.displayName,
        category: influencers.category,
        country: influencers.country,
        bio: influencers.bio,
        fans: fansOf,
        following: followingBy(actor.userId),
        accounts: accountsOf,
      })
      .from(influencers)
      .where(where)
      .orderBy(sql`${fansOf} desc`, asc(influencers.displayName))
      .limit(60),
    db
      .selectDistinct({ category: influencers.category })
      .from(influencers)
      .where(and(isNotNull(influencers.userId), isNotNull(influencers.category)))
      .orderBy(asc(influencers.category)),
  ]);
  return {
    creators: rows.map((r) => ({ ...r, fans: Number(r.fans), accounts: parseAccounts(r.accounts) })),
    niches: niches.map((n) => n.category!).filter(Boolean),
    query,
  };
}

export type CreatorProfile = CreatorCard & {
  /** The creator proved control of one of the profile's accounts. */
  verified: boolean;
  /** The rate card, shown to brands only. */
  rate: Pick<Influencer, 'rateMinor' | 'rateCurrency'> | null;
};

/**
 * A creator's public profile: niche, country, bio, social accounts and fans on Reachboard; whether
 * the signed-in fan follows them; the rate card for brand users.
 * @throws UnauthorizedError; NotFoundError (no such creator with an account).
 */
export async function getCreatorProfile({ ctx, input }: VerbArgs<{ influencerId: string }>): Promise<CreatorProfile> {
  const actor = requireActor(ctx);
  if (!isUuid(input.influencerId)) throw new NotFoundError('Creator');
  const db = await reader(ctx);
  const [row] = await db
    .select({
      id: influencers.id,
      displayName: influencers.displayName,
      category: influencers.category,
      country: influencers.country,
      bio: influencers.bio,
      rateMinor: influencers.rateMinor,
      rateCurrency: influencers.rateCurrency,
      verified: sql<boolean>`${influencers.verifiedAt} is not null`,
      fans: fansOf,
      following: followingBy(actor.userId),
      accounts: accountsOf,
    })
    .from(influencers)
    .where(and(eq(influencers.id, input.influencerId), isNotNull(influencers.userId)));
  if (!row) throw new NotFoundError('Creator');
  const { rateMinor, rateCurrency, ...card } = row;
  return {
    ...card,
    verified: Boolean(card.verified),
    fans: Number(card.fans),
    accounts: parseAccounts(card.accounts),
    rate: actor.role === 'brand' || actor.role === 'admin' ? { rateMinor, rateCurrency } : null,
  };
}
