import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/connect';
import { campaigns, memberships, organizations, users, type Campaign } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { emailAdminNotices, storeAdminNotices, type AdminNotice } from './admin-notice';
import { asSentence } from '../text/sentence';

const reasonSchema = z.object({ reason: z.string().trim().min(3, 'Give a reason the brand will read').max(500, 'At most 500 characters') });

async function campaignWithOrg(tx: Tx, campaignId: string) {
  if (!isUuid(campaignId)) throw new NotFoundError('Campaign');
  const [row] = await tx
    .select({ campaign: campaigns, org: { id: organizations.id, name: organizations.name, slug: organizations.slug } })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(eq(campaigns.id, campaignId))
    .for('update', { of: campaigns });
  if (!row) throw new NotFoundError('Campaign');
  return row;
}

async function managerNotices(tx: Tx, orgId: string, title: string, body: string, url: string): Promise<AdminNotice[]> {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['owner', 'manager'])));
  return rows.map((u) => ({ userId: u.id, email: u.email, name: u.name, title, body, url }));
}

/**
 * An admin flags a campaign (it leaves every public list and takes no new offers or acceptances)
 * with a reason, or unflags it. Audited; the brand's managers are told by email and in-app.
 * @throws ForbiddenError (not an admin); NotFoundError; ValidationError (no reason when flagging).
 */
export async function setCampaignFlag({ ctx, input }: VerbArgs<{ campaignId: string; flagged: boolean; reason?: string }>): Promise<void> {
  requireUserRole(ctx, 'admin');
  const notices = await withTransaction(ctx, async (tx) => {
    const { campaign, org } = await campaignWithOrg(tx, input.campaignId);
    const reason = input.flagged ? parseInput(reasonSchema, { reason: input.reason ?? '' }).reason : null;
    await tx
      .update(campaigns)
      .set({ flagged: input.flagged, flaggedAt: input.flagged ? new Date() : null, updatedAt: new Date() })
      .where(eq(campaigns.id, campaign.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: input.flagged ? 'admin.campaign_flagged' : 'admin.campaign_unflagged',
      targetType: 'campaign',
      targetId: campaign.id,
      before: { flagged: campaign.flagged },
      after: { flagged: input.flagged, reason },
    });
    const list = await managerNotices(
      tx,
      org.id,
      input.flagged ? `${campaign.name} was flagged by a Reachboard admin` : `${campaign.name} is no longer flagged`,
      input.flagged
        ? `Reason: ${asSentence(reason!)} It is hidden from influencers and takes no new offers until an admin unflags it.`
        : 'It is visible to influencers again if it is public and active.',
      `/o/${org.slug}/campaigns/${campaign.id}`,
    );
    await storeAdminNotices(tx, list);
    return list;
  });
  await emailAdminNotices(notices);
}

/**
 * An admin deletes a campaign with everything attached (offers, collaborations, deliverables,
 * links). Audited with the campaign as it was; the brand's managers are told.
 * @throws ForbiddenError (not an admin); NotFoundError.
 */
export async function adminDeleteCampaign({ ctx, input }: VerbArgs<{ campaignId: string }>): Promise<void> {
  requireUserRole(ctx, 'admin');
  const notices = await withTransaction(ctx, async (tx) => {
    const { campaign, org } = await campaignWithOrg(tx, input.campaignId);
    const list = await managerNotices(
      tx,
      org.id,
      `${campaign.name} was removed by a Reachboard admin`,
      'The campaign and its offers were deleted. Reply to this email if you think this is a mistake.',
      `/o/${org.slug}/campaigns`,
    );
    await tx.delete(campaigns).where(eq(campaigns.id, campaign.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'admin.campaign_deleted',
      targetType: 'campaign',
      targetId: campaign.id,
      before: campaign satisfies Campaign,
    });
    await storeAdminNotices(tx, list);
    return list;
  });
  await emailAdminNotices(notices);
}
