import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Tx } from '@/db/connect';
import { influencers, orgInfluencers, organizations, socialAccounts, trackedAccounts, type SocialAccount } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import { actingUser, type Ctx, type VerbArgs } from '../context';
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import { sendEvent } from '../jobs/send-event';
import { deliverNoticeEmails, orgManagerIds, queueNotices } from '../notifications/notify';
import { withTransaction, reader } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { parseAccountInput } from './account-input';
import { fetchAccountData, recordRefreshFailure, refreshTargets, writeAccountData } from './refresh-account';
import { CONNECTED_PLATFORMS, connectorStatuses } from './registry';
import { accountRefreshRequested } from '@/inngest/events';

/** Event asking for one account's refresh (handled by inngest/functions/snapshot-account). */

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
  const { account, orgIds, outOfShare } = await refreshTargets(db, socialAccountId, requestedBy);
  if (!account) throw new NotFoundError('Account');
  if (orgIds.length === 0)
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

/** Tells the managers of every brand tracking the account that it has been failing for 3 days (in-app and email). */
export async function alertFailingAccount(socialAccountId: string): Promise<void> {
  const db = await getDb();
  const stored = await db.transaction(async (tx) => {
    const [account] = await tx.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    if (!account) return [];
    const orgs = await tx
      .select({ orgId: trackedAccounts.orgId })
      .from(trackedAccounts)
      .where(eq(trackedAccounts.socialAccountId, account.id));
    const notices = [];
    for (const { orgId } of orgs) {
      const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
      for (const userId of await orgManagerIds(tx, orgId))
        notices.push({
          userId,
          kind: 'account_failing' as const,
          title: `@${account.handle} on ${account.platform} has not refreshed for 3 days`,
          body: account.lastError ?? undefined,
          url: `/o/${org.slug}/tracking`,
        });
    }
    return queueNotices(tx, notices);
  });
  await deliverNoticeEmails(stored);
}

/** Hands a refresh for organization `requestedBy` to Inngest when it is connected, else runs it here. */
async function requestRefresh(socialAccountId: string, platform: SocialAccount['platform'], requestedBy: string): Promise<RefreshOutcome> {
  if (await sendEvent(accountRefreshRequested, { socialAccountId, platform, orgId: requestedBy ?? undefined })) return { status: 'queued' };
  return refreshAccountNow(socialAccountId, requestedBy);
}

const trackSchema = z.object({
  platform: z.enum(CONNECTED_PLATFORMS, 'Choose YouTube or Dailymotion'),
  account: z.string().trim().min(1, 'Paste a channel URL or handle').max(300),
});

async function findOrCreateAccount(
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

/**
 * A brand member (manager or owner) starts tracking an account by channel URL, channel id or
 * handle: it joins the organization's roster, and its first refresh for the organization runs now
 * (or is queued when background jobs are connected); afterwards the hourly schedule keeps it
 * current at the organization's interval. Only brands spend the platforms' quota on accounts; a
 * creator workspace may track the creator's own verified accounts.
 * @returns the account id and how its first refresh went.
 * @throws NotFoundError; ForbiddenError (viewer, a creator workspace and an account not the
 *         creator's); ValidationError (platform without a connector, input that is not an
 *         account of the platform).
 */
export async function trackAccount({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; platform: string; account: string }>): Promise<{ socialAccountId: string; refresh: RefreshOutcome }> {
  const t = parseInput(trackSchema, input);
  const ref = parseAccountInput(t.platform, t.account);
  if (!ref)
    throw new ValidationError(
      `account: Not a ${t.platform === 'youtube' ? 'YouTube channel URL, channel id' : 'Dailymotion profile URL'} or handle`,
      { account: 'Paste a channel URL, channel id or handle' },
    );
  const account = await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    const account = await findOrCreateAccount(tx, t.platform, ref);
    if (org.kind === 'creator' && account.influencerId !== org.influencerId)
      throw new ForbiddenError('A creator workspace tracks only the accounts you verified on your profile');
    await tx
      .insert(trackedAccounts)
      .values({ orgId: org.id, socialAccountId: account.id, addedBy: actingUser(ctx)?.userId ?? null })
      .onConflictDoNothing();
    await tx
      .insert(orgInfluencers)
      .values({ orgId: org.id, influencerId: account.influencerId, source: 'tracked', addedBy: actingUser(ctx)?.userId ?? null })
      .onConflictDoNothing();
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'account.tracked',
      targetType: 'social_account',
      targetId: account.id,
      after: { platform: t.platform, input: t.account },
    });
    return { account, orgId: org.id };
  });
  return {
    socialAccountId: account.account.id,
    refresh: await requestRefresh(account.account.id, account.account.platform, account.orgId),
  };
}

/** Stops tracking an account (its snapshots stay). Manager or owner. @throws NotFoundError; ForbiddenError */
export async function untrackAccount({ ctx, input }: VerbArgs<{ orgSlug: string; socialAccountId: string }>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    if (!isUuid(input.socialAccountId)) throw new NotFoundError('Tracked account');
    const removed = await tx
      .delete(trackedAccounts)
      .where(and(eq(trackedAccounts.orgId, org.id), eq(trackedAccounts.socialAccountId, input.socialAccountId)))
      .returning();
    if (!removed.length) throw new NotFoundError('Tracked account');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'account.untracked',
      targetType: 'social_account',
      targetId: input.socialAccountId,
    });
  });
}

/** "Refresh now" of one organization and account runs at most this often. */
const REFRESH_NOW_MINUTES = 15;

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

/**
 * One of the organization's tracked accounts, for a manager or owner to act on.
 * @throws NotFoundError (not a member, or not tracked by this organization); ForbiddenError (viewer).
 */
async function managedTrackedAccount(tx: Tx, ctx: Ctx, orgSlug: string, socialAccountId: string) {
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

/**
 * The organization's tracked accounts with when each was last refreshed, its error if any, and
 * its latest followers from the organization's data; plus each connector's configuration. Any member.
 * @throws NotFoundError (not a member).
 */
export async function listTrackedAccounts({ ctx, input }: VerbArgs<{ orgSlug: string }>): Promise<{
  access: OrgAccess;
  accounts: TrackedAccountRow[];
  connectors: ReturnType<typeof connectorStatuses>;
}> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const { org } = access;
  const rows = await db
    .select({
      id: socialAccounts.id,
      platform: socialAccounts.platform,
      handle: socialAccounts.handle,
      displayName: socialAccounts.displayName,
      url: socialAccounts.url,
      refreshIntervalHours: trackedAccounts.refreshIntervalHours,
      lastRefreshedAt: trackedAccounts.lastRefreshedAt,
      lastError: socialAccounts.lastError,
      failingSince: socialAccounts.failingSince,
      nextAttemptAt: socialAccounts.nextAttemptAt,
      influencerId: socialAccounts.influencerId,
      addedAt: trackedAccounts.createdAt,
      followers: sql<
        number | null
      >`(select am.followers from account_metrics am where am.social_account_id = ${socialAccounts.id} and am.owner_org_id = ${org.id}::uuid)`,
    })
    .from(trackedAccounts)
    .innerJoin(socialAccounts, eq(socialAccounts.id, trackedAccounts.socialAccountId))
    .where(eq(trackedAccounts.orgId, org.id))
    .orderBy(asc(socialAccounts.platform), asc(socialAccounts.handle));
  return {
    access,
    accounts: rows.map((r) => ({ ...r, followers: r.followers === null ? null : Number(r.followers) })),
    connectors: connectorStatuses(),
  };
}
