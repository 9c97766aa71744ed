import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';

const linkSchema = z.object({
  orgSlug: z.string().min(1),
  campaignId: z.guid('is not a campaign id'),
  postId: z.guid('is not a post id'),
});

/** The campaign of this organization, locked for the link change. @throws NotFoundError */
async function campaignOf(tx: Tx, orgId: string, campaignId: string) {
  const [c] = rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`select id, name from campaigns where id = ${campaignId}::uuid and org_id = ${orgId}::uuid for update`),
  );
  if (!c) throw new NotFoundError('Campaign');
  return c;
}

/**
 * Links a post to a campaign by hand (managers and owners), or confirms a keyword match: the
 * post's metrics then count in the campaign report. The post must be in the organization's data.
 * Linking an already linked post changes nothing.
 * @throws NotFoundError (org, campaign or post not in this org's data); ForbiddenError; ValidationError.
 */
export async function linkPostToCampaign({ ctx, input }: VerbArgs<z.input<typeof linkSchema>>): Promise<void> {
  const data = parseInput(linkSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'manager');
    const campaign = await campaignOf(tx, org.id, data.campaignId);
    const [post] = rowsOf<{ post_id: string }>(
      await tx.execute(sql`select post_id from post_metrics where post_id = ${data.postId}::uuid and owner_org_id = ${org.id}::uuid`),
    );
    if (!post) throw new NotFoundError('Post');
    const [before] = rowsOf<{ source: string; status: string }>(
      await tx.execute(
        sql`select source::text, status::text from campaign_posts where campaign_id = ${campaign.id}::uuid and post_id = ${data.postId}::uuid`,
      ),
    );
    if (before?.status === 'confirmed') return;
    await tx.execute(sql`
      insert into campaign_posts (campaign_id, post_id, source, status, linked_by)
      values (${campaign.id}::uuid, ${data.postId}::uuid, 'manual', 'confirmed', ${actor.userId}::uuid)
      on conflict (campaign_id, post_id) do update set status = 'confirmed', linked_by = excluded.linked_by, linked_at = now()`);
    await audit(tx, ctx, {
      orgId: org.id,
      action: before ? 'campaign.post_confirmed' : 'campaign.post_linked',
      targetType: 'campaign',
      targetId: campaign.id,
      before: before ?? null,
      after: { postId: data.postId, status: 'confirmed' },
    });
  });
}

/**
 * Removes a post from a campaign (managers and owners). A keyword match is kept as `rejected`
 * so a later scan does not propose it again; a manual link is deleted.
 * @throws NotFoundError; ForbiddenError; ValidationError.
 */
export async function unlinkPostFromCampaign({ ctx, input }: VerbArgs<z.input<typeof linkSchema>>): Promise<void> {
  const data = parseInput(linkSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'manager');
    const campaign = await campaignOf(tx, org.id, data.campaignId);
    const [before] = rowsOf<{ source: string; status: string }>(
      await tx.execute(
        sql`select source::text, status::text from campaign_posts where campaign_id = ${campaign.id}::uuid and post_id = ${data.postId}::uuid`,
      ),
    );
    if (!before || before.status === 'rejected') return;
    if (before.source === 'hashtag')
      await tx.execute(sql`update campaign_posts set status = 'rejected', linked_by = ${actor.userId}::uuid, linked_at = now()
        where campaign_id = ${campaign.id}::uuid and post_id = ${data.postId}::uuid`);
    else await tx.execute(sql`delete from campaign_posts where campaign_id = ${campaign.id}::uuid and post_id = ${data.postId}::uuid`);
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.post_unlinked',
      targetType: 'campaign',
      targetId: campaign.id,
      before: { postId: data.postId, ...before },
      after: before.source === 'hashtag' ? { status: 'rejected' } : null,
    });
  });
}

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

/**
 * Scans the organization's data for keyword matches of one campaign now (managers and owners).
 * @returns the number of new proposals to review.
 * @throws NotFoundError; ForbiddenError.
 */
export async function scanCampaignKeywords({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
    await campaignOf(tx, org.id, input.campaignId);
    return proposeKeywordLinks(tx, org.id, input.campaignId);
  });
}
