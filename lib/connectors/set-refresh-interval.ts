import { trackedAccounts } from '@/db/schema';
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/write-audit';
import { type VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { REFRESH_INTERVALS, managedTrackedAccount } from './internal';

/**
 * Sets how often the scheduled job refreshes a tracked account for this organization
 * ({@link REFRESH_INTERVALS}, hours); other organizations tracking it keep theirs. Manager or
 * owner. Audited.
 * @throws NotFoundError (not tracked by this organization); ForbiddenError (viewer);
 *         ValidationError (an interval not offered).
 */
export async function setRefreshInterval({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; socialAccountId: string; hours: number | string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org, account } = await managedTrackedAccount(tx, ctx, input.orgSlug, input.socialAccountId);
    const hours = Number(input.hours);
    if (!(REFRESH_INTERVALS as readonly number[]).includes(hours))
      throw new ValidationError(`Choose a refresh interval of ${REFRESH_INTERVALS.join(', ')} hours`);
    await tx
      .update(trackedAccounts)
      .set({ refreshIntervalHours: hours })
      .where(and(eq(trackedAccounts.orgId, org.id), eq(trackedAccounts.socialAccountId, input.socialAccountId)));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'account.refresh_interval_set',
      targetType: 'social_account',
      targetId: input.socialAccountId,
      before: { refreshIntervalHours: account.refreshIntervalHours },
      after: { refreshIntervalHours: hours },
    });
  });
}
