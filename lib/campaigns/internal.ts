import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireOrgRole } from '../authz/guards';
import { NotFoundError } from '../errors';
import { isUuid } from '../validation';

import { campaigns } from '@/db/schema';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { ForbiddenError } from '../errors';
import { getVisibleInfluencerOrThrow } from '../influencers/internal';

import { collaborations, type Campaign } from '@/db/schema';
import { count, ne } from 'drizzle-orm';
import { type MemberAccess } from '../authz/guards';

/** A campaign's status. */
export type Status = Campaign['status'];

/** Allowed status changes: draft → active → completed, and cancelling a draft or active campaign. */
export const statusSchema = z.object({
  status: z.enum(['draft', 'active', 'completed', 'cancelled'], { error: 'Choose draft, active, completed or cancelled' }),
});

/** The statuses each status may change to. */
export const CAMPAIGN_TRANSITIONS: Record<Status, Status[]> = {
  draft: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** A manager (or owner) of a brand organization: creator workspaces run no campaigns. */
export async function requireCampaignManager(tx: Tx, ctx: Ctx, orgSlug: string): Promise<MemberAccess> {
  const access = await requireOrgRole(tx, ctx, { slug: orgSlug }, 'manager');
  if (access.org.kind !== 'brand') throw new ForbiddenError('Campaigns belong to brand organizations, not creator workspaces');
  return access;
}

/** The campaign `campaignId` of `orgId`, locked for the rest of the transaction. @throws NotFoundError */
export async function campaignOf(tx: Tx, orgId: string, campaignId: string): Promise<Campaign> {
  if (!isUuid(campaignId)) throw new NotFoundError('Campaign');
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.orgId, orgId)))
    .for('update');
  if (!row) throw new NotFoundError('Campaign');
  return row;
}

/** How many of the campaign's collaborations are not cancelled. */
export async function activeCollaborations(tx: Tx, campaignId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(collaborations)
    .where(and(eq(collaborations.campaignId, campaignId), ne(collaborations.status, 'cancelled')));
  return n;
}

/** The `keys` of `o` (a campaign's copyable fields). */
export function pick<T extends object>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]])) as Partial<T>;
}

/** The campaign (locked) and the influencer a shortlist change names, for a manager of the campaign's brand. */
export async function campaignAndInfluencer(tx: Tx, ctx: Ctx, input: { orgSlug: string; campaignId: string; influencerId: string }) {
  const { org, actor } = await requireCampaignManager(tx, ctx, input.orgSlug);
  const campaign = await campaignOf(tx, org.id, input.campaignId);
  const influencer = await getVisibleInfluencerOrThrow(tx, org.id, input.influencerId);
  return { org, actor, campaign, influencer };
}

/** What linking and unlinking a post name: the organization, the campaign and the post. */
export const linkSchema = z.object({
  orgSlug: z.string().min(1),
  campaignId: z.guid('is not a campaign id'),
  postId: z.guid('is not a post id'),
});

/**
 * Proposes keyword links for an organization's campaigns that have tracking keywords: posts in
 * its data dated within the campaign's dates (open ends allowed) whose title or a tag contains a
 * keyword (case-insensitive; "#tag" also matches the tag without "#"). Proposals wait for review
 * (`proposed`); confirmed or rejected links are never touched, so re-running adds only new matches.
 * Runs in the caller's transaction (an import's last step, or a manual scan).
 * @returns the number of new proposals.
 */
export async function proposeKeywordLinks(tx: Tx | Db, orgId: string, campaignId?: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with kw as (
        select c.id as campaign_id, c.starts_on, c.ends_on, lower(k) as keyword, lower(ltrim(k, '#')) as bare
        from campaigns c cross join lateral unnest(c.tracking_keywords) as k
        where c.org_id = ${orgId}::uuid and c.status <> 'cancelled' ${campaignId ? sql`and c.id = ${campaignId}::uuid` : sql``}
          and length(ltrim(k, '#')) > 0
      ),
      matches as (
        select distinct kw.campaign_id, pm.post_id
        from kw join post_metrics pm on pm.owner_org_id = ${orgId}::uuid
          and (kw.starts_on is null or pm.post_date >= kw.starts_on::timestamptz)
          and (kw.ends_on is null or pm.post_date < (kw.ends_on + 1)::timestamptz)
        join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
        where strpos(lower(coalesce(p.title, '')), kw.keyword) > 0
          or exists (select 1 from unnest(p.tags) t where lower(ltrim(t, '#')) = kw.bare)
      ),
      inserted as (
        insert into campaign_posts (campaign_id, post_id, source, status)
        select campaign_id, post_id, 'hashtag', 'proposed' from matches
        on conflict (campaign_id, post_id) do nothing
        returning 1
      )
      select count(*)::int as n from inserted`),
  );
  return rows[0]?.n ?? 0;
}
