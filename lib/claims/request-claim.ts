import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { accountClaims, influencers, socialAccounts, type AccountClaim } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { Ctx, VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { newClaimCode } from './internal';
import { claimAccountSchema } from './schemas';

/** Open claims a creator may have at once. */
const MAX_OPEN_CLAIMS = 10;

/**
 * Opens a claim of `platform` + `handle` for the profile of `userId`, or returns the open one (a
 * creator asking twice gets the same code). Runs in the caller's transaction (sign-up uses it).
 * @throws ConflictError (already on the profile, verified by another creator, too many open claims).
 */
export async function openClaim(
  tx: Tx,
  ctx: Ctx,
  userId: string,
  profileId: string,
  a: { platform: AccountClaim['platform']; handle: string },
): Promise<AccountClaim> {
  const [held] = await tx
    .select({ influencerId: socialAccounts.influencerId, verifiedAt: influencers.verifiedAt, userId: influencers.userId })
    .from(socialAccounts)
    .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
    .where(and(eq(socialAccounts.platform, a.platform), eq(socialAccounts.handle, a.handle)));
  if (held?.influencerId === profileId) throw new ConflictError(`@${a.handle} is already on your profile`);
  if (held?.userId && held.verifiedAt)
    throw new ConflictError(`@${a.handle} on ${a.platform} is verified by another Reachboard creator. Contact support if it is yours.`);
  const [open] = await tx
    .select()
    .from(accountClaims)
    .where(
      and(
        eq(accountClaims.influencerId, profileId),
        eq(accountClaims.platform, a.platform),
        eq(accountClaims.handle, a.handle),
        eq(accountClaims.status, 'pending'),
      ),
    );
  if (open) return open;
  const [{ n }] = await tx
    .select({ n: count() })
    .from(accountClaims)
    .where(and(eq(accountClaims.influencerId, profileId), eq(accountClaims.status, 'pending')));
  if (n >= MAX_OPEN_CLAIMS)
    throw new ConflictError(`You have ${MAX_OPEN_CLAIMS} accounts waiting for verification: finish or cancel one first`);
  const [claim] = await tx
    .insert(accountClaims)
    .values({ influencerId: profileId, platform: a.platform, handle: a.handle, code: newClaimCode() })
    .returning();
  await audit(tx, ctx, {
    actorId: userId,
    action: 'influencer.claim_opened',
    targetType: 'account_claim',
    targetId: claim.id,
    after: { platform: a.platform, handle: a.handle },
  });
  return claim;
}

/**
 * The signed-in influencer names a social account of theirs. It joins their profile only once
 * proven (checkClaim reads the returned code back from the channel description or bio; platforms
 * without a connector go to an admin's review). Asking again returns the same open claim.
 * @throws ForbiddenError (not an influencer); ValidationError; ConflictError (already theirs,
 *         verified by another creator, too many open claims).
 */
export async function requestClaim({ ctx, input }: VerbArgs<{ platform: string; handle: string }>): Promise<AccountClaim> {
  const actor = requireUserRole(ctx, 'influencer');
  const a = parseInput(claimAccountSchema, input);
  return withTransaction(ctx, async (tx) => {
    const [me] = await tx.select({ id: influencers.id }).from(influencers).where(eq(influencers.userId, actor.userId)).for('update');
    if (!me) throw new NotFoundError('Influencer profile');
    return openClaim(tx, ctx, actor.userId, me.id, a);
  });
}
