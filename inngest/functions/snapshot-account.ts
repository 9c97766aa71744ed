import { z } from 'zod';
import { getDb } from '@/db';
import { platform } from '@/db/schema';
import { fetchAccountData, recordRefreshFailure, refreshTargets, writeAccountData } from '@/lib/connectors/refresh-account';
import { ACCOUNT_REFRESH_EVENT, alertFailingAccount } from '@/lib/connectors/tracked-accounts';
import { ConnectorError } from '@/lib/connectors/types';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';

const eventSchema = z.object({ socialAccountId: z.guid(), platform: z.enum(platform.enumValues), orgId: z.guid().optional() });

/**
 * Refreshes one account for the organization that asked (`orgId`, "refresh now") or for every
 * organization tracking it that is due and within its quota share: step "plan" picks them, step
 * "fetch" reads the account through its connector (charging them), step "write" upserts the capture
 * for them only (natural keys: a retried write duplicates nothing, and a completed fetch is not
 * repeated). Concurrency and throttle are keyed by platform so quotas and rate limits hold across
 * the fleet. Quota, rate-limit, missing-account and configuration failures are recorded on the
 * account (no retry before `nextAttemptAt`); other failures are recorded and retried with back-off;
 * 3 days of failures alert the brands.
 */
export async function snapshotAccount(step: Steps, data: unknown) {
  const { socialAccountId, orgId } = eventSchema.parse(data);
  const plan = await step.run('plan', async () => {
    const { account, orgIds, outOfShare } = await refreshTargets(await getDb(), socialAccountId, orgId ?? null);
    return {
      account: account && { platform: account.platform, handle: account.handle, platformAccountId: account.platformAccountId },
      orgIds,
      outOfShare,
    };
  });
  const account = plan.account;
  if (!account) return { refreshed: false, reason: 'account deleted' };
  if (plan.orgIds.length === 0) return { refreshed: false, reason: 'nobody due within their quota share', outOfShare: plan.outOfShare };
  const fetched = await step.run('fetch', async () => {
    const db = await getDb();
    try {
      return { ok: true as const, data: await fetchAccountData(db, account, plan.orgIds) };
    } catch (error) {
      const { alert } = await recordRefreshFailure(db, socialAccountId, error);
      // A platform outage is worth retrying soon; quota, rate limits and missing accounts wait for nextAttemptAt.
      if (!(error instanceof ConnectorError) || error.kind === 'unavailable') throw error;
      return { ok: false as const, reason: error.message, alert };
    }
  });
  if (!fetched.ok) {
    if (fetched.alert) await step.run('alert brands', () => alertFailingAccount(socialAccountId));
    return { refreshed: false, reason: fetched.reason };
  }
  const written = await step.run('write', async () =>
    (await getDb()).transaction((tx) => writeAccountData(tx, socialAccountId, fetched.data, plan.orgIds)),
  );
  return { refreshed: true, ...written };
}

/** {@link snapshotAccount} for each `account/refresh.requested` event under Inngest, keyed by platform for quotas. */
export const snapshotAccountFunction = inngest.createFunction(
  {
    id: 'snapshot-account',
    retries: 4,
    concurrency: { key: 'event.data.platform', limit: 2 },
    throttle: { key: 'event.data.platform', limit: 60, period: '1m' },
    triggers: [{ event: ACCOUNT_REFRESH_EVENT }],
  },
  ({ event, step }) => snapshotAccount(inngestSteps(step), event.data),
);
