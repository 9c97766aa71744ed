import { rowsOf } from '@/db/sql';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { campaignOf, linkSchema } from './internal';

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
