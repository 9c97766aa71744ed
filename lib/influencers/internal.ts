import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { influencers, orgInfluencers } from '@/db/schema';
import { NotFoundError } from '../errors';
import { isUuid } from '../validation';

/**
 * An influencer organization `orgId` may see: one on its roster, or a creator on Reachboard (a
 * profile with an account, as the creators directory lists). Anything else is "not found", so an
 * id never reveals a name.
 * @throws NotFoundError.
 */
export async function getVisibleInfluencerOrThrow(db: Db | Tx, orgId: string, influencerId: string) {
  if (!isUuid(influencerId)) throw new NotFoundError('Influencer');
  const [row] = await db
    .select({ id: influencers.id, displayName: influencers.displayName, userId: influencers.userId })
    .from(influencers)
    .where(
      and(
        eq(influencers.id, influencerId),
        or(
          isNotNull(influencers.userId),
          sql`exists (select 1 from ${orgInfluencers} oi where oi.influencer_id = ${influencers.id} and oi.org_id = ${orgId}::uuid)`,
        ),
      ),
    )
    .limit(1);
  if (!row) throw new NotFoundError('Influencer');
  return row;
}
