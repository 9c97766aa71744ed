import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { accountClaims } from '@/db/schema';
import { consumeSends } from '../auth/rate-limit';
import { requireUserRole } from '../authz/guards';
import { dailyQuotaGuard } from '../connectors/quota';
import { connectorFor } from '../connectors/registry';
import { ConnectorError, type ConnectorProfileText } from '../connectors/types';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import { withTransaction } from '../transaction';
import { completeClaim, getOwnClaimOrThrow, textHasCode } from './internal';

export type ClaimCheck = { verified: boolean; message: string };

/**
 * The signed-in creator asks Reachboard to read their claim's code back: the platform's connector
 * reads the account's description or bio (YouTube `channels.list` snippet.description, one quota
 * unit; Dailymotion's user description) and, when the code is there, the claim is complete (see
 * completeClaim). Otherwise what was found is recorded on the claim. At most 10 checks an hour.
 * @throws NotFoundError (not their claim); ConflictError (claim not open, account verified by
 *         another creator); ValidationError (no automatic check for the platform: ask for a
 *         review); RateLimitedError.
 */
export async function checkClaim({ ctx, input }: VerbArgs<{ claimId: string }>): Promise<ClaimCheck> {
  const actor = requireUserRole(ctx, 'influencer');
  const db = await getDb();
  const claim = await getOwnClaimOrThrow(ctx.tx ?? db, actor.userId, input.claimId);
  if (claim.status !== 'pending') throw new ConflictError(`This claim is already ${claim.status}`);
  const name = PLATFORM_NAMES[claim.platform];
  const connector = connectorFor(claim.platform);
  const configured = connector?.configuration();
  if (!connector || !configured?.configured || connector.readsProfileText === false)
    throw new ValidationError(
      `Reachboard cannot read ${name} profiles automatically: ${
        connector?.readsProfileText === false && configured?.configured
          ? 'connect the account from your profile, or ask for a review instead'
          : 'ask for a review instead'
      }`,
    );
  await consumeSends(db, 'claimChecksPerUser', actor.userId, 1, 'You have checked your code many times this hour.');
  let profile: ConnectorProfileText | null = null;
  let message: string;
  try {
    const quota =
      connector.quota.kind === 'daily-units' ? dailyQuotaGuard(db, claim.platform, connector.quota.dailyBudget) : { spend: async () => {} };
    profile = await connector.fetchProfileText({ handle: claim.handle }, { quota });
    message = textHasCode(profile.text, claim.code)
      ? `Verified: the code is in the description of @${claim.handle}.`
      : `The code ${claim.code} is not in the description of @${claim.handle} on ${name} yet. Add it, save, and check again (it can take a minute to show).`;
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    message =
      error.kind === 'not_found'
        ? `No ${name} account @${claim.handle} was found. Check the handle, or cancel this claim and name the right one.`
        : `${error.message}. Try again later.`;
  }
  const verified = profile !== null && textHasCode(profile.text, claim.code);
  await withTransaction(ctx, async (tx) => {
    const [locked] = await tx.select().from(accountClaims).where(eq(accountClaims.id, claim.id)).for('update');
    if (locked.status !== 'pending') return;
    await tx
      .update(accountClaims)
      .set({ lastCheckAt: new Date(), lastCheckResult: message })
      .where(and(eq(accountClaims.id, claim.id), eq(accountClaims.status, 'pending')));
    if (verified)
      await completeClaim(tx, ctx, locked, {
        method: 'bio_code',
        profile: { platformAccountId: profile!.platformAccountId, displayName: profile!.displayName, url: profile!.url },
      });
  });
  return { verified, message };
}
