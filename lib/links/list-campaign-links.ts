import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';
import { linkRowsSql, toLinkView, type LinkView } from './internal';

/**
 * A campaign's tracking links with clicks, unique clicks, bot visits and attributed sales, by
 * influencer. Any member may read.
 * @throws NotFoundError (not a member; another organization's campaign).
 */
export async function listCampaignLinks({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<LinkView[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.campaignId)) throw new NotFoundError('Campaign');
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(linkRowsSql(sql`l.org_id = ${org.id}::uuid and l.campaign_id = ${input.campaignId}::uuid`, true)),
  );
  return rows.map((r) => toLinkView(r, getEnv()));
}
