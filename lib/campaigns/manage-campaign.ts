import { z } from 'zod';
import { and, count, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { campaigns, collaborations, type Campaign } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import { actingUser, type Ctx, type VerbArgs } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { campaignColumns, campaignInputSchema, type CampaignInput } from './campaign-schema';

export { campaignFormValues } from './campaign-schema';

type Status = Campaign['status'];

/** Allowed status changes: draft → active → completed, and cancelling a draft or active campaign. */
const statusSchema = z.object({
  status: z.enum(['draft', 'active', 'completed', 'cancelled'], { error: 'Choose draft, active, completed or cancelled' }),
});

export const CAMPAIGN_TRANSITIONS: Record<Status, Status[]> = {
  draft: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** A manager (or owner) of a brand organization: creator workspaces run no campaigns. */
async function requireCampaignManager(tx: Tx, ctx: Ctx, orgSlug: string): Promise<OrgAccess> {
  const access = await requireOrgRole(tx, ctx, { slug: orgSlug }, 'manager');
  if (access.org.kind !== 'brand') throw new ForbiddenError('Campaigns belong to brand organizations, not creator workspaces');
  return access;
}

/** The campaign `campaignId` of `orgId`, locked for the rest of the transaction. @throws NotFoundError */
async function campaignOf(tx: Tx, orgId: string, campaignId: string): Promise<Campaign> {
  if (!isUuid(campaignId)) throw new NotFoundError('Campaign');
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.orgId, orgId)))
    .for('update');
  if (!row) throw new NotFoundError('Campaign');
  return row;
}

async function activeCollaborations(tx: Tx, campaignId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(collaborations)
    .where(and(eq(collaborations.campaignId, campaignId), ne(collaborations.status, 'cancelled')));
  return n;
}

/**
 * Checks the actor may create campaigns in `orgSlug` (the new-campaign page).
 * @throws NotFoundError; ForbiddenError (viewer, creator workspace).
 */
export async function requireCampaignManagerPage({ ctx, input }: VerbArgs<{ orgSlug: string }>): Promise<OrgAccess> {
  return withTransaction(ctx, (tx) => requireCampaignManager(tx, ctx, input.orgSlug));
}

/**
 * A campaign of a brand organization as stored, for its edit form. Manager or owner.
 * @throws NotFoundError (not a member, another organization's campaign); ForbiddenError.
 */
export async function getCampaignForEdit({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<{ access: OrgAccess; campaign: Campaign }> {
  return withTransaction(ctx, async (tx) => {
    const access = await requireCampaignManager(tx, ctx, input.orgSlug);
    return { access, campaign: await campaignOf(tx, access.org.id, input.campaignId) };
  });
}

/**
 * Creates a campaign (status draft) in a brand organization. Manager or owner.
 * @returns the new campaign's id.
 * @throws NotFoundError (not a member); ForbiddenError (viewer, creator workspace);
 *         ValidationError naming the bad field (nothing written).
 */
export async function createCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaign: CampaignInput }>): Promise<{ id: string }> {
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const fields = campaignColumns(parseInput(campaignInputSchema, input.campaign));
    const [row] = await tx
      .insert(campaigns)
      .values({ ...fields, orgId: org.id, status: 'draft', createdBy: actingUser(ctx)?.userId ?? null })
      .returning({ id: campaigns.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.created',
      targetType: 'campaign',
      targetId: row.id,
      after: fields,
    });
    return row;
  });
}

/**
 * Replaces a campaign's editable fields (not its status). The maximum number of influencers can
 * not go below the collaborations it already has. Manager or owner; completed and cancelled
 * campaigns are read-only.
 * @throws NotFoundError; ForbiddenError; ValidationError; ConflictError (finished campaign, cap below collaborations).
 */
export async function updateCampaign({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; campaign: CampaignInput }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    if (before.status === 'completed' || before.status === 'cancelled')
      throw new ConflictError(`This campaign is ${before.status}; duplicate it to run it again`);
    const fields = campaignColumns(parseInput(campaignInputSchema, input.campaign));
    if (fields.maxInfluencers !== null) {
      const taken = await activeCollaborations(tx, before.id);
      if (fields.maxInfluencers < taken)
        throw new ConflictError(`The campaign already has ${taken} collaborations; the maximum cannot be lower`);
    }
    await tx
      .update(campaigns)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.updated',
      targetType: 'campaign',
      targetId: before.id,
      before: pick(before, Object.keys(fields)),
      after: fields,
    });
  });
}

/**
 * Moves a campaign along its lifecycle ({@link CAMPAIGN_TRANSITIONS}). Going active needs start
 * and end dates. Manager or owner.
 * @throws NotFoundError; ForbiddenError; ValidationError (not a status); ConflictError (transition not allowed, dates missing).
 */
export async function setCampaignStatus({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string; status: string }>): Promise<void> {
  const { status } = parseInput(statusSchema, { status: input.status });
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    if (!CAMPAIGN_TRANSITIONS[before.status].includes(status))
      throw new ConflictError(`A ${before.status} campaign cannot become ${status}`);
    if (status === 'active' && (!before.startsOn || !before.endsOn))
      throw new ConflictError('Set the start and end dates before activating the campaign');
    await tx.update(campaigns).set({ status: status, updatedAt: new Date() }).where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.status_changed',
      targetType: 'campaign',
      targetId: before.id,
      before: { status: before.status },
      after: { status: status },
    });
  });
}

/**
 * Copies a campaign's settings into a new draft named "Copy of …" (no collaborations, posts,
 * offers or conversions). Manager or owner.
 * @returns the new campaign's id.
 * @throws NotFoundError; ForbiddenError.
 */
export async function duplicateCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<{ id: string }> {
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const source = await campaignOf(tx, org.id, input.campaignId);
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: org.id,
        name: `Copy of ${source.name}`.slice(0, 120),
        description: source.description,
        brief: source.brief,
        category: source.category,
        budgetMinor: source.budgetMinor,
        currency: source.currency,
        startsOn: source.startsOn,
        endsOn: source.endsOn,
        visibility: source.visibility,
        maxInfluencers: source.maxInfluencers,
        goals: source.goals,
        trackingKeywords: source.trackingKeywords,
        taskProgressWeight: source.taskProgressWeight,
        status: 'draft',
        createdBy: actingUser(ctx)?.userId ?? null,
      })
      .returning({ id: campaigns.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.duplicated',
      targetType: 'campaign',
      targetId: row.id,
      before: { from: source.id },
    });
    return row;
  });
}

/**
 * Deletes a campaign that has no collaborations (agreed fees are history: cancel such a campaign
 * instead). Its shortlist, post links and offers go with it. Manager or owner.
 * @throws NotFoundError; ForbiddenError; ConflictError (has collaborations).
 */
export async function deleteCampaign({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, input.orgSlug);
    const before = await campaignOf(tx, org.id, input.campaignId);
    const [{ n }] = await tx.select({ n: count() }).from(collaborations).where(eq(collaborations.campaignId, before.id));
    if (n > 0)
      throw new ConflictError(
        `This campaign has ${n} collaboration${n === 1 ? '' : 's'} with agreed fees; cancel it instead of deleting it`,
      );
    await tx.delete(campaigns).where(eq(campaigns.id, before.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.deleted',
      targetType: 'campaign',
      targetId: before.id,
      before: { name: before.name, status: before.status },
    });
  });
}

function pick<T extends object>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]])) as Partial<T>;
}
