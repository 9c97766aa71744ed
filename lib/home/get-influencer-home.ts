import { and, count, desc, eq, inArray, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import {
  accountMetrics,
  collaborations,
  deliverables,
  follows,
  influencers,
  offers,
  organizations,
  socialAccounts,
  type Influencer,
  type SocialAccount,
} from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { countPublicCampaigns } from '../campaigns/list-public-campaigns';
import { reader } from '../transaction';

export type InfluencerHome = {
  profile: Influencer;
  /** The creator workspace (analytics over the creator's own imports); null only before it exists. */
  workspaceSlug: string | null;
  /** `source`: "import" (the creator's own workspace data) or "api" (public API data); null = never measured. */
  accounts: (Pick<SocialAccount, 'id' | 'platform' | 'handle' | 'url'> & {
    followers: number | null;
    capturedAt: Date | null;
    source: 'import' | 'api' | null;
  })[];
  counts: { fans: number; openOffers: number; activeCollaborations: number; deliverablesDueThisWeek: number; publicCampaigns: number };
};

/**
 * The signed-in influencer's home: profile, creator workspace, social accounts with their latest
 * follower count from the creator's own imports or public API data (null = never measured), fans on Reachboard, open offers, collaborations and open public campaigns.
 * @throws ForbiddenError for another role; NotFoundError when the profile is missing.
 */
export async function getInfluencerHome({ ctx }: VerbArgs<void>): Promise<InfluencerHome> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  const [profile] = await db.select().from(influencers).where(eq(influencers.userId, actor.userId)).limit(1);
  if (!profile) throw new NotFoundError('Influencer profile');
  const accounts = await db
    .select({ id: socialAccounts.id, platform: socialAccounts.platform, handle: socialAccounts.handle, url: socialAccounts.url })
    .from(socialAccounts)
    .where(eq(socialAccounts.influencerId, profile.id));
  const [workspace] = await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.influencerId, profile.id))
    .limit(1);
  // Latest follower count per account: from the creator's own workspace data or public API data
  // (never a brand's private data), whichever was captured last.
  const latest = accounts.length
    ? await db
        .selectDistinctOn([accountMetrics.socialAccountId], {
          id: accountMetrics.socialAccountId,
          followers: accountMetrics.followers,
          capturedAt: accountMetrics.followersCapturedAt,
          ownerOrgId: accountMetrics.ownerOrgId,
        })
        .from(accountMetrics)
        .where(
          and(
            inArray(
              accountMetrics.socialAccountId,
              accounts.map((a) => a.id),
            ),
            isNotNull(accountMetrics.followers),
            workspace
              ? or(isNull(accountMetrics.ownerOrgId), eq(accountMetrics.ownerOrgId, workspace.id))
              : isNull(accountMetrics.ownerOrgId),
          ),
        )
        .orderBy(accountMetrics.socialAccountId, desc(accountMetrics.followersCapturedAt))
    : [];
  const weekAhead = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const [[fans], [open], [collabs], [due], [pub]] = await Promise.all([
    db.select({ n: count() }).from(follows).where(eq(follows.influencerId, profile.id)),
    db
      .select({ n: count() })
      .from(offers)
      .where(and(eq(offers.influencerId, profile.id), inArray(offers.status, ['pending', 'countered']))),
    db
      .select({ n: count() })
      .from(collaborations)
      .where(and(eq(collaborations.influencerId, profile.id), eq(collaborations.status, 'active'))),
    db
      .select({ n: count() })
      .from(deliverables)
      .innerJoin(collaborations, eq(collaborations.id, deliverables.collaborationId))
      .where(and(eq(collaborations.influencerId, profile.id), ne(deliverables.status, 'approved'), lte(deliverables.dueOn, weekAhead))),
    countPublicCampaigns(db).then((n) => [{ n }]),
  ]);
  const byId = new Map(latest.map((l) => [l.id, l]));
  return {
    profile,
    workspaceSlug: workspace?.slug ?? null,
    accounts: accounts.map((a) => {
      const m = byId.get(a.id);
      return {
        ...a,
        followers: m?.followers ?? null,
        capturedAt: m?.capturedAt ?? null,
        source: m ? (m.ownerOrgId ? 'import' : 'api') : null,
      };
    }),
    counts: { fans: fans.n, openOffers: open.n, activeCollaborations: collabs.n, deliverablesDueThisWeek: due.n, publicCampaigns: pub.n },
  };
}
