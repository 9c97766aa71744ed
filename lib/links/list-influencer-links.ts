import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { reader } from '../transaction';
import { isUuid } from '../validation';
import { linkRowsSql, toLinkView, type LinkView } from './internal';

/**
 * One influencer's tracking links across the organization's campaigns, with clicks, unique clicks
 * and attributed sales and revenue (each in its campaign's currency). Any member may read; another
 * organization's links never appear (every row is filtered by the organization).
 * @throws NotFoundError (not a member).
 */
export async function listInfluencerLinks({ ctx, input }: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<LinkView[]> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.influencerId)) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(linkRowsSql(sql`l.org_id = ${org.id}::uuid and l.influencer_id = ${input.influencerId}::uuid`, true)),
  );
  return rows.map((r) => toLinkView(r, getEnv()));
}
