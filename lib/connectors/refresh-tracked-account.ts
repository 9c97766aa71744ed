import { type VerbArgs } from '../context';
import { RateLimitedError } from '../errors';
import { withTransaction } from '../transaction';
import { REFRESH_NOW_MINUTES, RefreshOutcome, managedTrackedAccount, requestRefresh } from './internal';

/**
 * Refreshes one of the organization's tracked accounts now, for this organization only (others
 * tracking it keep their own schedule). Manager or owner; at most every
 * {@link REFRESH_NOW_MINUTES} minutes per account, within the organization's quota share.
 * @throws NotFoundError (not tracked by this organization); ForbiddenError (viewer);
 *         RateLimitedError (refreshed moments ago).
 */
export async function refreshTrackedAccount({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; socialAccountId: string }>): Promise<RefreshOutcome> {
  const { org, account } = await withTransaction(ctx, (tx) => managedTrackedAccount(tx, ctx, input.orgSlug, input.socialAccountId));
  if (account.lastRefreshedAt) {
    const wait = account.lastRefreshedAt.getTime() + REFRESH_NOW_MINUTES * 60_000 - Date.now();
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new RateLimitedError(
        `Refreshed less than ${REFRESH_NOW_MINUTES} minutes ago: refresh again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        Math.ceil(wait / 1000),
      );
    }
  }
  return requestRefresh(input.socialAccountId, account.platform, org.id);
}
