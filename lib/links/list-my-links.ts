import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { reader } from '../transaction';
import { linkRowsSql, toLinkView, type LinkView } from './internal';

/**
 * The signed-in creator's tracking links, of collaborations that are not cancelled, with their
 * clicks and attributed sales. Only the influencer's own links: the influencer row must be theirs.
 * @throws UnauthorizedError; ForbiddenError (not an influencer).
 */
export async function listMyLinks({ ctx }: VerbArgs<void>): Promise<LinkView[]> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      linkRowsSql(
        sql`i.user_id = ${actor.userId}::uuid and exists (
        select 1 from collaborations co where co.campaign_id = l.campaign_id and co.influencer_id = l.influencer_id and co.status <> 'cancelled')`,
        false,
      ),
    ),
  );
  return rows.map((r) => toLinkView(r, getEnv()));
}
