import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { campaignShortlist, campaigns, influencers, offers, orgInfluencers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import { actingUser, type Ctx, type VerbArgs } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { reader, withTransaction } from '../transaction';
import { isUuid } from '../validation';
import { getVisibleInfluencerOrThrow } from '../influencers/internal';

async function campaignAndInfluencer(tx: Tx, ctx: Ctx, input: { orgSlug: string; campaignId: string; influencerId: string }) {
  const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
  if (org.kind !== 'brand') throw new ForbiddenError('Campaigns belong to brand organizations, not creator workspaces');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const [campaign] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.orgId, org.id)));
  if (!campaign) throw new NotFoundError('Campaign');
  const influencer = await getVisibleInfluencerOrThrow(tx, org.id, input.influencerId);
  return { org, campaign, influencer };
}

/**
 * Adds an influencer to a campaign's shortlist (adding twice changes nothing). Manager or owner.
 * @throws NotFoundError (not a member, campaign of another organization, unknown influencer); ForbiddenError.
 */
export async function addToShortlist({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; influencerId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org, campaign, influencer } = await campaignAndInfluencer(tx, ctx, input);
    const added = await tx
      .insert(campaignShortlist)
      .values({ campaignId: campaign.id, influencerId: influencer.id, addedBy: actingUser(ctx)?.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (added.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'campaign.shortlisted',
        targetType: 'campaign',
        targetId: campaign.id,
        after: { influencerId: influencer.id },
      });
  });
}

/** Removes an influencer from a campaign's shortlist. Manager or owner. @throws NotFoundError; ForbiddenError */
export async function removeFromShortlist({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; influencerId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org, campaign, influencer } = await campaignAndInfluencer(tx, ctx, input);
    const removed = await tx
      .delete(campaignShortlist)
      .where(and(eq(campaignShortlist.campaignId, campaign.id), eq(campaignShortlist.influencerId, influencer.id)))
      .returning();
    if (removed.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'campaign.unshortlisted',
        targetType: 'campaign',
        targetId: campaign.id,
        before: { influencerId: influencer.id },
      });
  });
}

export type ShortlistRow = {
  influencerId: string;
  displayName: string;
  category: string | null;
  hasAccount: boolean;
  /** The creator proved control of one of the profile's accounts. */
  verified: boolean;
  offerId: string | null;
  offerStatus: string | null;
  addedAt: Date;
};

/** A campaign's shortlist with each influencer's latest offer on the campaign. Any member. @throws NotFoundError */
export async function listShortlist({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<ShortlistRow[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const latestOffer = (col: 'id' | 'status') =>
    sql<
      string | null
    >`(select o.${sql.raw(col === 'id' ? 'id' : 'status::text')} from ${offers} o where o.campaign_id = ${campaignShortlist.campaignId} and o.influencer_id = ${influencers.id} order by o.created_at desc limit 1)`;
  const rows = await db
    .select({
      influencerId: influencers.id,
      displayName: sql<string>`coalesce(${orgInfluencers.displayName}, ${influencers.displayName})`,
      category: sql<string | null>`coalesce(${orgInfluencers.category}, ${influencers.category})`,
      hasAccount: sql<boolean>`${influencers.userId} is not null`,
      verified: sql<boolean>`${influencers.verifiedAt} is not null`,
      offerId: latestOffer('id'),
      offerStatus: latestOffer('status'),
      addedAt: campaignShortlist.addedAt,
    })
    .from(campaignShortlist)
    .innerJoin(campaigns, eq(campaigns.id, campaignShortlist.campaignId))
    .innerJoin(influencers, eq(influencers.id, campaignShortlist.influencerId))
    .leftJoin(orgInfluencers, and(eq(orgInfluencers.orgId, org.id), eq(orgInfluencers.influencerId, influencers.id)))
    .where(and(eq(campaigns.orgId, org.id), eq(campaigns.id, input.campaignId)))
    .orderBy(asc(campaignShortlist.addedAt));
  return rows;
}
