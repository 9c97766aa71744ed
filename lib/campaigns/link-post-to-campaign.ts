import { rowsOf } from '@/db/sql';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { campaignOf, linkSchema } from './internal';

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
