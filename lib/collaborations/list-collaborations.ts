import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { campaigns, collaborations, deliverables, influencers, organizations, type Deliverable } from '@/db/schema';
import { requireOrgRole, requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';

export type CollaborationView = {
  id: string;
  status: string;
  agreedFeeMinor: number;
  currency: string;
  offerId: string | null;
  createdAt: Date;
  campaign: { id: string; name: string; status: string; endsOn: string | null };
  brand: { name: string; slug: string };
  influencer: { id: string; displayName: string };
  deliverables: Deliverable[];
};

type Db = Awaited<ReturnType<typeof reader>>;

async function withDeliverables(db: Db, where: ReturnType<typeof and>): Promise<CollaborationView[]> {
  const rows = await db
    .select({
      id: collaborations.id,
      status: collaborations.status,
      agreedFeeMinor: collaborations.agreedFeeMinor,
      currency: collaborations.currency,
      offerId: collaborations.offerId,
      createdAt: collaborations.createdAt,
      campaign: { id: campaigns.id, name: campaigns.name, status: campaigns.status, endsOn: campaigns.endsOn },
      brand: { name: organizations.name, slug: organizations.slug },
      influencer: { id: influencers.id, displayName: influencers.displayName },
    })
    .from(collaborations)
    .innerJoin(campaigns, eq(campaigns.id, collaborations.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .innerJoin(influencers, eq(influencers.id, collaborations.influencerId))
    .where(where)
    .orderBy(desc(collaborations.createdAt));
  const ds = rows.length
    ? await db
        .select()
        .from(deliverables)
        .where(
          inArray(
            deliverables.collaborationId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(deliverables.dueOn), asc(deliverables.title))
    : [];
  return rows.map((r) => ({ ...r, deliverables: ds.filter((d) => d.collaborationId === r.id) }));
}

/**
 * The collaborations of one campaign of the organization with their deliverables (due first).
 * Any member may read.
 * @throws NotFoundError (not a member, another organization's campaign).
 */
export async function listCampaignCollaborations({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<CollaborationView[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  return withDeliverables(db, and(eq(campaigns.orgId, org.id), eq(campaigns.id, input.campaignId)));
}

/** The signed-in influencer's collaborations with their deliverables, newest first. @throws ForbiddenError */
export async function listMyCollaborations({ ctx }: VerbArgs<void>): Promise<CollaborationView[]> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  return withDeliverables(db, and(eq(influencers.userId, actor.userId)));
}
