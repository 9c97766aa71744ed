import { accountRefreshSteps } from '@/lib/connectors/refresh-account';
import { alertFailingAccount } from '@/lib/connectors/alert-failing-account';
import { inngest } from '../client';
import { accountRefreshRequested } from '../events';
import { inngestSteps, type Steps } from '../steps';

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
  const { socialAccountId, orgId } = accountRefreshRequested.schema.parse(data);
  const plan = await step.run('plan', async () => {
    const { account, orgIds, outOfShare, connected } = await accountRefreshSteps.plan(socialAccountId, orgId ?? null);
    return {
      account: account && { platform: account.platform, handle: account.handle, platformAccountId: account.platformAccountId },
      orgIds,
      outOfShare,
      connected,
    };
  });
  const account = plan.account;
  if (!account) return { refreshed: false, reason: 'account deleted' };
  // A connected account is read for its (shared) audience even when no organization is due.
  if (plan.orgIds.length === 0 && !plan.connected)
    return { refreshed: false, reason: 'nobody due within their quota share', outOfShare: plan.outOfShare };
  // A platform outage is thrown (retried soon); quota, rate limits and missing accounts wait for nextAttemptAt.
  const fetched = await step.run('fetch', () => accountRefreshSteps.fetch(socialAccountId, account, plan.orgIds));
  if (!fetched.ok) {
    if (fetched.alert) await step.run('alert brands', () => alertFailingAccount(socialAccountId));
    return { refreshed: false, reason: fetched.reason };
  }
  const written = await step.run('write', () => accountRefreshSteps.write(socialAccountId, fetched.data, plan.orgIds));
  return { refreshed: true, ...written };
}

/** {@link snapshotAccount} for each `account/refresh.requested` event under Inngest, keyed by platform for quotas. */
export const snapshotAccountFunction = inngest.createFunction(
  {
    id: 'snapshot-account',
    retries: 4,
    concurrency: { key: 'event.data.platform', limit: 2 },
    throttle: { key: 'event.data.platform', limit: 60, period: '1m' },
    triggers: [accountRefreshRequested],
  },
  ({ event, step }) => snapshotAccount(inngestSteps(step), event.data),
);
