import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { platform, socialAccounts } from '@/db/schema';
import { fetchAccountData, recordRefreshFailure, writeAccountData } from '@/lib/connectors/refresh-account';
import { ACCOUNT_REFRESH_EVENT, alertFailingAccount } from '@/lib/connectors/tracked-accounts';
import { ConnectorError } from '@/lib/connectors/types';
import { inngest } from '../client';

const eventSchema = z.object({ socialAccountId: z.guid(), platform: z.enum(platform.enumValues) });

/**
 * Refreshes one account: step "fetch" reads it through its connector, step "write" upserts the
 * capture for every organization tracking it (natural keys: a retried write duplicates nothing,
 * and a completed fetch is not repeated). Concurrency and throttle are keyed by platform so
 * quotas and rate limits hold across the fleet. Quota, rate-limit, missing-account and
 * configuration failures are recorded on the account (no retry before `nextAttemptAt`); other
 * failures are recorded and retried with back-off; 3 days of failures alert the brands.
 */
export const snapshotAccountFunction = inngest.createFunction(
  {
    id: 'snapshot-account',
    retries: 4,
    concurrency: { key: 'event.data.platform', limit: 2 },
    throttle: { key: 'event.data.platform', limit: 60, period: '1m' },
    triggers: [{ event: ACCOUNT_REFRESH_EVENT }],
  },
  async ({ event, step }) => {
    const { socialAccountId } = eventSchema.parse(event.data);
    const fetched = await step.run('fetch', async () => {
      const db = await getDb();
      const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
      if (!account) return { ok: false as const, reason: 'account deleted', alert: false };
      try {
        return { ok: true as const, data: await fetchAccountData(db, account) };
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
      (await getDb()).transaction((tx) => writeAccountData(tx, socialAccountId, fetched.data)),
    );
    return { refreshed: true, ...written };
  },
);
