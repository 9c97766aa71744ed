import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { campaigns, collaborations, deliverables, influencers, memberships, organizations, type Deliverable } from '@/db/schema';
import { and } from 'drizzle-orm';
import { hasOrgRole, requireActor } from '../authz/guards';
import type { UserActor, Ctx } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../validation';

export type DeliverableParty = {
  actor: UserActor;
  side: 'brand' | 'influencer';
  deliverable: Deliverable;
  collaboration: { id: string; status: string };
  campaign: { id: string; name: string; status: string };
  org: { id: string; name: string; slug: string };
  influencer: { id: string; displayName: string; userId: string | null };
};

/**
 * A deliverable, locked, for `side`: the collaboration's influencer, or a manager or owner of the
 * campaign's brand.
 * @throws NotFoundError (anyone else); ForbiddenError (a brand viewer).
 */
export async function deliverableFor(tx: Tx, ctx: Ctx, deliverableId: string, side: 'brand' | 'influencer'): Promise<DeliverableParty> {
  const actor = requireActor(ctx);
  if (!isUuid(deliverableId)) throw new NotFoundError('Deliverable');
  const [row] = await tx
    .select({
      deliverable: deliverables,
      collaboration: { id: collaborations.id, status: collaborations.status },
      campaign: { id: campaigns.id, name: campaigns.name, status: campaigns.status },
      org: { id: organizations.id, name: organizations.name, slug: organizations.slug },
      influencer: { id: influencers.id, displayName: influencers.displayName, userId: influencers.userId },
    })
    .from(deliverables)
    .innerJoin(collaborations, eq(collaborations.id, deliverables.collaborationId))
    .innerJoin(campaigns, eq(campaigns.id, collaborations.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .innerJoin(influencers, eq(influencers.id, collaborations.influencerId))
    .where(eq(deliverables.id, deliverableId))
    .for('update', { of: deliverables });
  if (!row) throw new NotFoundError('Deliverable');
  if (side === 'influencer') {
    if (actor.role !== 'influencer' || row.influencer.userId !== actor.userId) throw new NotFoundError('Deliverable');
  } else {
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, row.org.id), eq(memberships.userId, actor.userId)));
    if (!m || actor.role !== 'brand') throw new NotFoundError('Deliverable');
    if (!hasOrgRole(m.role, 'manager')) throw new ForbiddenError('Viewers can read deliverables but not review them');
  }
  return { actor, side, ...row };
}
