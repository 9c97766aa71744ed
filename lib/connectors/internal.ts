import { alertFailingAccount } from './alert-failing-account';
import { getDb } from '@/db';
import type { Tx } from '@/db/connect';
import { influencers, socialAccounts, trackedAccounts, type SocialAccount } from '@/db/schema';
import { accountRefreshRequested } from '@/inngest/events';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireOrgRole } from '../authz/guards';
import { type Ctx } from '../context';
import { NotFoundError } from '../errors';
import { sendEvent } from '../jobs/send-event';
import { PLATFORM_NAMES } from '../platforms';
import { isUuid } from '../validation';
import { fetchAccountData, recordRefreshFailure, refreshTargets, writeAccountData } from './refresh-account';
import { CONNECTED_PLATFORMS } from './registry';

/** What a refresh request came to: done here, handed to Inngest, or failed with a message for the user. */
export type RefreshOutcome =
  | { status: 'refreshed'; organizations: number; posts: number }
  | { status: 'queued' }
  | { status: 'failed'; message: string; alert: boolean };

/**
 * Refreshes one account in this process for `requestedBy` (an organization's "refresh now"), or
 * for every organization tracking it that is due (see refreshTargets): fetch through its connector,
 * then write the capture for those organizations in one transaction; a failure is recorded on the
 * account (and after 3 days of failures its brands are told). Used without a background server,
 * and by tests; the Inngest function runs the same steps durably.
 */
async function refreshAccountNow(socialAccountId: string, requestedBy: string | null): Promise<RefreshOutcome> {
  const db = await getDb();
  const { account, orgIds, outOfShare, connected } = await refreshTargets(db, socialAccountId, requestedBy);
  if (!account) throw new NotFoundError('Account');
  if (orgIds.length === 0 && !connected)
    return outOfShare.length
      ? { status: 'failed', message: quotaShareMessage(account.platform), alert: false }
      : { status: 'refreshed', organizations: 0, posts: 0 };
  let fetched;
  try {
    fetched = await fetchAccountData(db, account, orgIds);
  } catch (error) {
    const { message, alert } = await recordRefreshFailure(db, account.id, error);
    if (alert) await alertFailingAccount(account.id);
    return { status: 'failed', message, alert };
  }
  const written = await db.transaction((tx) => writeAccountData(tx, account.id, fetched, orgIds));
  return { status: 'refreshed', organizations: written.organizations, posts: written.postSnapshots };
}

/** What an organization reads when its share of a platform's daily quota is spent. */
function quotaShareMessage(platform: SocialAccount['platform']): string {
  return `Your organization has used its share of today's ${PLATFORM_NAMES[platform]} quota: refreshes resume after midnight Pacific time`;
}

/** Hands a refresh for organization `requestedBy` to Inngest when it is connected, else runs it here. */
export async function requestRefresh(
  socialAccountId: string,
  platform: SocialAccount['platform'],
  requestedBy: string | null,
): Promise<RefreshOutcome> {
  if (await sendEvent(accountRefreshRequested, { socialAccountId, platform, orgId: requestedBy ?? undefined })) return { status: 'queued' };
  return refreshAccountNow(socialAccountId, requestedBy);
}

/** The "track an account" form: a platform and a channel URL or handle. */
export const trackSchema = z.object({
  platform: z.enum(CONNECTED_PLATFORMS, 'Choose YouTube, Instagram, TikTok, Twitch or Dailymotion'),
  account: z.string().trim().min(1, 'Paste a channel URL or handle').max(300),
});

/** The social account a tracking request names (by platform id, else handle), created when new. In the caller's transaction. */
export async function findOrCreateAccount(
  tx: Tx,
  platform: SocialAccount['platform'],
  ref: { platformAccountId?: string | null; handle?: string | null },
): Promise<SocialAccount> {
  const [existing] = await tx
    .select()
    .from(socialAccounts)
    .where(
      ref.platformAccountId
        ? and(
            eq(socialAccounts.platform, platform),
            sql`(${socialAccounts.platformAccountId} = ${ref.platformAccountId} or ${socialAccounts.handle} = ${ref.platformAccountId.toLowerCase()})`,
          )
        : and(eq(socialAccounts.platform, platform), eq(socialAccounts.handle, ref.handle!)),
    )
    .limit(1);
  if (existing) return existing;
  // A new identity: the handle is provisional (the channel id) until the first refresh names it.
  const handle = ref.handle ?? ref.platformAccountId!.toLowerCase();
  const [profile] = await tx
    .insert(influencers)
    .values({ displayName: ref.handle ?? ref.platformAccountId! })
    .returning();
  const [created] = await tx
    .insert(socialAccounts)
    .values({ influencerId: profile.id, platform, handle, platformAccountId: ref.platformAccountId ?? null })
    .returning();
  return created;
}

/** "Refresh now" of one organization and account runs at most this often. */
export const REFRESH_NOW_MINUTES = 15;

/**
 * One of the organization's tracked accounts, for a manager or owner to act on.
 * @throws NotFoundError (not a member, or not tracked by this organization); ForbiddenError (viewer).
 */
export async function managedTrackedAccount(tx: Tx, ctx: Ctx, orgSlug: string, socialAccountId: string) {
  const { org } = await requireOrgRole(tx, ctx, { slug: orgSlug }, 'manager');
  if (!isUuid(socialAccountId)) throw new NotFoundError('Tracked account');
  const [account] = await tx
    .select({
      platform: socialAccounts.platform,
      refreshIntervalHours: trackedAccounts.refreshIntervalHours,
      lastRefreshedAt: trackedAccounts.lastRefreshedAt,
    })
    .from(trackedAccounts)
    .innerJoin(socialAccounts, eq(socialAccounts.id, trackedAccounts.socialAccountId))
    .where(and(eq(trackedAccounts.orgId, org.id), eq(trackedAccounts.socialAccountId, socialAccountId)));
  if (!account) throw new NotFoundError('Tracked account');
  return { org, account };
}

/** Refresh intervals a brand can choose for a tracked account, in hours (default 24). */
export const REFRESH_INTERVALS = [6, 12, 24, 72, 168] as const;

/** A tracked account as the tracking page lists it. */
export type TrackedAccountRow = Pick<
  SocialAccount,
  'id' | 'platform' | 'handle' | 'displayName' | 'url' | 'lastError' | 'failingSince' | 'nextAttemptAt'
> & {
  /** This organization's schedule, and when its data last received a capture. */
  refreshIntervalHours: number;
  lastRefreshedAt: Date | null;
  influencerId: string;
  followers: number | null;
  addedAt: Date;
};
