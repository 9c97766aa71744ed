import { and, desc, eq, ne } from 'drizzle-orm';
import { accountClaims, influencers } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import { connectorFor } from '../connectors/registry';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type MyClaim = {
  id: string;
  platform: (typeof accountClaims.$inferSelect)['platform'];
  handle: string;
  code: string;
  status: 'pending' | 'rejected';
  /** Reachboard can read the code back itself (a configured connector); else an admin reviews it. */
  automatic: boolean;
  reviewRequested: boolean;
  lastCheckAt: string | null;
  lastCheckResult: string | null;
  rejectionReason: string | null;
};

/**
 * The signed-in creator's claims still to act on: open ones (with their code, and whether
 * Reachboard checks it automatically) and rejected ones with the reason, newest first.
 * @throws ForbiddenError (not an influencer).
 */
export async function listMyClaims({ ctx }: VerbArgs<void>): Promise<MyClaim[]> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await reader(ctx);
  const rows = await db
    .select({ claim: accountClaims })
    .from(accountClaims)
    .innerJoin(influencers, eq(influencers.id, accountClaims.influencerId))
    .where(and(eq(influencers.userId, actor.userId), ne(accountClaims.status, 'verified')))
    .orderBy(desc(accountClaims.createdAt))
    .limit(50);
  return rows.map(({ claim: c }) => ({
    id: c.id,
    platform: c.platform,
    handle: c.handle,
    code: c.code,
    status: c.status as 'pending' | 'rejected',
    automatic: (connectorFor(c.platform)?.configuration().configured ?? false) && connectorFor(c.platform)?.readsProfileText !== false,
    reviewRequested: c.reviewRequestedAt !== null,
    lastCheckAt: c.lastCheckAt?.toISOString() ?? null,
    lastCheckResult: c.lastCheckResult,
    rejectionReason: c.rejectionReason,
  }));
}
