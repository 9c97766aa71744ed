import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import type { AccountClaim } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type ClaimReview = {
  id: string;
  platform: AccountClaim['platform'];
  handle: string;
  code: string;
  evidence: string | null;
  requestedAt: string;
  creator: { influencerId: string; name: string; email: string; verified: boolean };
  /** Who holds the account on Reachboard now: nobody, a tracked profile (with how many brands track it), or another creator. */
  heldBy: { kind: 'nobody' } | { kind: 'tracked'; rosters: number } | { kind: 'creator'; name: string; verified: boolean };
};

/**
 * The admins' review queue: open claims whose creator asked for a review, oldest request first,
 * with the code to look for, the creator's evidence and who holds the account now.
 * @throws ForbiddenError (not an admin).
 */
export async function listClaimReviews({ ctx }: VerbArgs<void>): Promise<ClaimReview[]> {
  requireUserRole(ctx, 'admin');
  const db = await reader(ctx);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.platform::text as platform, c.handle, c.code, c.evidence, c.review_requested_at,
        i.id as influencer_id, i.display_name, u.email, i.verified_at is not null as verified,
        h.id as held_id, h.user_id as held_user, h.display_name as held_name, h.verified_at is not null as held_verified,
        (select count(*)::int from org_influencers oi where oi.influencer_id = h.id) as rosters
      from account_claims c
      join influencers i on i.id = c.influencer_id
      join users u on u.id = i.user_id
      left join social_accounts sa on sa.platform = c.platform and sa.handle = c.handle
      left join influencers h on h.id = sa.influencer_id
      where c.status = 'pending' and c.review_requested_at is not null
      order by c.review_requested_at, c.id
      limit 200`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    platform: r.platform as AccountClaim['platform'],
    handle: String(r.handle),
    code: String(r.code),
    evidence: (r.evidence as string | null) ?? null,
    requestedAt: new Date(r.review_requested_at as string).toISOString(),
    creator: { influencerId: String(r.influencer_id), name: String(r.display_name), email: String(r.email), verified: Boolean(r.verified) },
    heldBy: !r.held_id
      ? { kind: 'nobody' }
      : r.held_user
        ? { kind: 'creator', name: String(r.held_name), verified: Boolean(r.held_verified) }
        : { kind: 'tracked', rosters: Number(r.rosters) },
  }));
}
