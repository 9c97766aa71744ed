import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import {
  accountDailyInsights,
  accountPeriodInsights,
  audienceDemographics,
  influencers,
  socialAccounts,
  trackedAccounts,
  type SocialAccount,
} from '@/db/schema';
import type { AccountRecord, PostRecord } from '../imports/map-row';
import { preparePostBatch, writeAccountRollups, writeAccountSnapshots, writePostRollups, writePostSnapshots } from '../imports/write-batch';
import { refreshAccountMetrics } from '../rollups/refresh-account-metrics';
import { refreshOrgMetricsFor } from '../rollups/refresh-org-metrics';
import { refreshConnectionToken } from '../connections/refresh-connection-token';
import { systemCtx } from '../context';
import { openSecret } from '../crypto/secret-box';
import { dailyQuotaGuard, organizationsWithinShare } from './quota';
import { readTwitchSubscriptions } from './twitch';
import { readYouTubeAnalytics } from './youtube-analytics';
import { connectorFor } from './registry';
import { ConnectorError, type ConnectorResult, type Platform, type QuotaGuard } from './types';

/** Posts read per refresh: the most recent uploads, whose numbers still move. */
const POSTS_PER_REFRESH = 50;

/** A fetched result in JSON form (dates as ISO strings), as an Inngest step returns it. */
export type SerializedResult = Omit<ConnectorResult, 'capturedAt' | 'posts'> & {
  capturedAt: string;
  posts: (Omit<ConnectorResult['posts'][number], 'publishedAt'> & { publishedAt: string | null })[];
};

function serializeResult(r: ConnectorResult): SerializedResult {
  return {
    ...r,
    capturedAt: r.capturedAt.toISOString(),
    posts: r.posts.map((p) => ({ ...p, publishedAt: p.publishedAt?.toISOString() ?? null })),
  };
}

/**
 * Reads an account through its platform's connector (quota charged to the shared daily budget,
 * and recorded against each organization of `chargeTo`, the organizations it is fetched for).
 * Writes nothing but quota: a retried step fetches again; a completed one is not repeated.
 * @throws ConnectorError (not configured, not found, quota exhausted, rate limited, unavailable).
 */
export async function fetchAccountData(
  db: Db | Tx,
  account: Pick<SocialAccount, 'platform' | 'handle' | 'platformAccountId'>,
  chargeTo: string[] = [],
): Promise<SerializedResult> {
  const connector = connectorFor(account.platform);
  if (!connector) throw new ConnectorError('not_configured', `Reachboard has no ${account.platform} connector: import its exports instead`);
  const config = connector.configuration();
  if (!config.configured) throw new ConnectorError('not_configured', `${account.platform} is not configured: set ${config.variable}`);
  const quota: QuotaGuard =
    connector.quota.kind === 'daily-units'
      ? dailyQuotaGuard(db, account.platform, connector.quota.dailyBudget, undefined, chargeTo)
      : { spend: async () => {} };
  const result = await connector.fetchAccount(
    { platformAccountId: account.platformAccountId, handle: account.handle },
    { quota, maxPosts: POSTS_PER_REFRESH },
  );
  if (account.platform === 'youtube' || account.platform === 'twitch') await addConnectedExtras(db, account.platform, result);
  return serializeResult(result);
}

/**
 * Adds what only the creator's connection gives to a public refresh, when its creator has connected
 * the account: YouTube Analytics (daily views, watch time, subscribers; the audience) or a Twitch
 * broadcaster's paid subscriptions. The token is renewed first when due. A failure here never
 * fails the public refresh; it is kept in `partialFailures`.
 */
async function addConnectedExtras(db: Db | Tx, platform: 'youtube' | 'twitch', result: ConnectorResult): Promise<void> {
  const [connection] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from platform_connections where platform = ${platform}::platform
      and platform_user_id = ${result.profile.platformAccountId} and status in ('connected', 'expiring') and access_token is not null`),
  );
  if (!connection) return;
  const what = platform === 'youtube' ? 'YouTube Analytics' : 'Twitch subscriptions';
  try {
    const renewed = await refreshConnectionToken({ ctx: systemCtx(`${platform}-first-party`), input: { connectionId: connection.id } });
    if (renewed.status === 'reauth_required')
      throw new Error(`the creator must reconnect ${platform === 'youtube' ? 'YouTube' : 'Twitch'}`);
    const [row] = rowsOf<{ access_token: string | null }>(
      await db.execute(sql`select access_token from platform_connections where id = ${connection.id}::uuid`),
    );
    if (!row?.access_token) return;
    const token = openSecret(row.access_token, { table: 'platform_connections', column: 'access_token', rowId: connection.id });
    if (platform === 'youtube') {
      const analytics = await readYouTubeAnalytics(token, result.capturedAt);
      result.dailyInsights = analytics.daily;
      result.audience = [...(result.audience ?? []), ...analytics.audience];
      result.partialFailures = [...(result.partialFailures ?? []), ...analytics.partialFailures];
    } else {
      const subs = await readTwitchSubscriptions(token, result.profile.platformAccountId);
      result.dailyInsights = [
        {
          day: result.capturedAt.toISOString().slice(0, 10),
          views: null,
          watchMinutes: null,
          subscribersGained: null,
          subscribersLost: null,
          paidSubscribers: subs.total,
          subscriberPoints: subs.points,
        },
      ];
    }
  } catch (error) {
    result.partialFailures = [...(result.partialFailures ?? []), `${what}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * Writes a fetched result, idempotently, for the organizations of `orgIds` that track the account
 * (the ones it was fetched for: a refresh one organization asked for never changes another's
 * data): account and post snapshots owned by the organization with provenance `api` at the
 * capture time (natural keys: a retried write changes nothing), the organization's view of the
 * posts and its rollups; the shared identity the API verified (platform id, a renamed handle,
 * display name, the posts' attributes); and each organization's last refresh. Clears the
 * account's error state.
 * @returns how many organizations received the capture, and snapshots written per organization.
 */
export async function writeAccountData(
  tx: Tx,
  socialAccountId: string,
  r: SerializedResult,
  orgIds: string[],
): Promise<{ organizations: number; postSnapshots: number }> {
  const [account] = await tx.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId)).for('update');
  if (!account) return { organizations: 0, postSnapshots: 0 };
  // Follow a renamed handle unless another account row already holds the new one.
  const [clash] = await tx
    .select({ id: socialAccounts.id })
    .from(socialAccounts)
    .where(
      and(eq(socialAccounts.platform, account.platform), eq(socialAccounts.handle, r.profile.handle), ne(socialAccounts.id, account.id)),
    );
  const handle = clash ? account.handle : r.profile.handle;
  await tx
    .update(socialAccounts)
    .set({
      platformAccountId: r.profile.platformAccountId,
      handle,
      displayName: r.profile.displayName ?? account.displayName,
      url: r.profile.url ?? account.url,
      lastRefreshedAt: new Date(r.capturedAt),
      // A part the platform refused this time (one media's insights, a breakdown, the analytics) is said, bounded; the rest was written.
      lastError: r.partialFailures?.length ? `Partly read: ${r.partialFailures.join('; ')}`.slice(0, 500) : null,
      failingSince: null,
      nextAttemptAt: null,
    })
    .where(eq(socialAccounts.id, account.id));
  // A tracked profile (nobody's own) is named by the platform: the API is its verified source.
  if (r.profile.displayName)
    await tx
      .update(influencers)
      .set({ displayName: r.profile.displayName, updatedAt: new Date() })
      .where(and(eq(influencers.id, account.influencerId), isNull(influencers.userId), ne(influencers.displayName, r.profile.displayName)));
  const capturedAt = new Date(r.capturedAt);
  const orgs = orgIds.length
    ? await tx
        .update(trackedAccounts)
        .set({ lastRefreshedAt: sql`greatest(${trackedAccounts.lastRefreshedAt}, ${capturedAt.toISOString()}::timestamptz)` })
        .where(and(eq(trackedAccounts.socialAccountId, account.id), inArray(trackedAccounts.orgId, orgIds)))
        .returning({ orgId: trackedAccounts.orgId })
    : [];
  const accountRecord: AccountRecord = {
    line: 0,
    platform: account.platform,
    handle,
    displayName: r.profile.displayName,
    capturedAt,
    followers: r.profile.followers,
    following: r.profile.following ?? null,
    postsCount: r.profile.postsCount,
    avgLikes: null,
    engagementRate: null,
    totalLikes: r.profile.totalLikes ?? null,
    totalViews: r.profile.totalViews,
    country: null,
    category: null,
  };
  const postRecords: PostRecord[] = r.posts.map((p, i) => ({
    line: i + 1,
    platform: account.platform,
    platformPostId: p.platformPostId,
    accountHandle: handle,
    accountDisplayName: r.profile.displayName,
    publishedAt: p.publishedAt ? new Date(p.publishedAt) : null,
    title: p.title,
    tags: [],
    mediaType: p.mediaType,
    url: p.url,
    platformCategoryId: null,
    capturedAt,
    views: p.views,
    likes: p.likes,
    dislikes: null,
    comments: p.comments,
    shares: p.shares ?? null,
    saves: p.saves ?? null,
    reach: p.reach ?? null,
    impressions: null,
    clicks: null,
    conversions: null,
    revenueMinor: null,
    revenueCurrency: null,
    costMinor: null,
    costCurrency: null,
  }));
  if (r.audience?.length) await writeAudience(tx, account, capturedAt, r.audience);
  if (r.dailyInsights?.length) await writeDailyInsights(tx, account.id, capturedAt, r.dailyInsights);
  if (r.periodInsights) await writePeriodInsights(tx, account.id, capturedAt, r.periodInsights);
  let postSnapshots = 0;
  for (const { orgId } of orgs) {
    const ctx = {
      orgId,
      jobId: null,
      actorId: null,
      provenance: 'api' as const,
      firstParty: r.firstParty ?? false,
      cache: new Map([[`${account.platform}|${handle}`, { socialAccountId: account.id, influencerId: account.influencerId }]]),
    };
    const postIds = await preparePostBatch(tx, ctx, postRecords);
    const posts = await writePostSnapshots(tx, ctx, postRecords, postIds);
    const postsTouched = await writePostRollups(tx, ctx);
    await writeAccountSnapshots(tx, ctx, [accountRecord]);
    const accountTouched = await writeAccountRollups(tx, ctx);
    postSnapshots = posts.imported + posts.updated + posts.unchanged;
    await refreshAccountMetrics(tx, orgId, [account.id]);
    await refreshOrgMetricsFor(tx, orgId, {
      postDays: postsTouched.postDays,
      captureDays: accountTouched.captureDays,
      accounts: [...new Set([...postsTouched.accounts, ...accountTouched.accounts])],
    });
  }
  return { organizations: orgs.length, postSnapshots };
}

/**
 * Stores an account's audience as captured on `capturedAt`'s day (UTC), replacing that day's
 * capture of each breakdown read (a bucket the platform no longer lists is not kept from an earlier
 * read of the day; a breakdown that failed this time keeps the day's earlier read).
 * Shared by everyone who sees the account: it comes from the platform through the creator's own
 * connection. Shares are checked to be in [0, 1].
 */
async function writeAudience(tx: Tx, account: SocialAccount, capturedAt: Date, audience: NonNullable<ConnectorResult['audience']>) {
  const day = capturedAt.toISOString().slice(0, 10);
  const rows = audience.filter((a) => a.share >= 0 && a.share <= 1 && (a.count === null || Number.isSafeInteger(a.count)));
  const read = [...new Set(rows.map((a) => a.breakdown))];
  if (read.length)
    await tx
      .delete(audienceDemographics)
      .where(
        and(
          eq(audienceDemographics.socialAccountId, account.id),
          eq(audienceDemographics.capturedOn, day),
          inArray(audienceDemographics.breakdown, read),
        ),
      );
  if (rows.length)
    await tx.insert(audienceDemographics).values(
      rows.map((a) => ({
        socialAccountId: account.id,
        platform: account.platform,
        breakdown: a.breakdown,
        bucket: a.bucket,
        count: a.count,
        share: a.share,
        source: a.source,
        capturedOn: day,
        fetchedAt: capturedAt,
      })),
    );
}

/** Upserts an account's totals over a period (a re-read of the same period end overwrites; values checked to fit). */
async function writePeriodInsights(tx: Tx, socialAccountId: string, fetchedAt: Date, p: NonNullable<ConnectorResult['periodInsights']>) {
  const safe = (v: number | null) => (v !== null && Number.isSafeInteger(v) && v >= 0 ? v : null);
  const row = {
    periodStart: p.start,
    reach: safe(p.reach),
    views: safe(p.views),
    accountsEngaged: safe(p.accountsEngaged),
    totalInteractions: safe(p.totalInteractions),
    fetchedAt,
  };
  await tx
    .insert(accountPeriodInsights)
    .values({ socialAccountId, periodEnd: p.end, ...row })
    .onConflictDoUpdate({ target: [accountPeriodInsights.socialAccountId, accountPeriodInsights.periodEnd], set: row });
}

/** Upserts a connected channel's daily analytics (a re-read overwrites a day; values checked to fit). */
async function writeDailyInsights(tx: Tx, socialAccountId: string, fetchedAt: Date, days: NonNullable<ConnectorResult['dailyInsights']>) {
  const safe = (v: number | null) => (v !== null && Number.isSafeInteger(v) && v >= 0 ? v : null);
  const rows = days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day));
  if (!rows.length) return;
  await tx
    .insert(accountDailyInsights)
    .values(
      rows.map((d) => ({
        socialAccountId,
        day: d.day,
        views: safe(d.views),
        watchMinutes: safe(d.watchMinutes),
        subscribersGained: safe(d.subscribersGained),
        subscribersLost: safe(d.subscribersLost),
        paidSubscribers: safe(d.paidSubscribers ?? null),
        subscriberPoints: safe(d.subscriberPoints ?? null),
        fetchedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [accountDailyInsights.socialAccountId, accountDailyInsights.day],
      set: {
        views: sql`excluded.views`,
        watchMinutes: sql`excluded.watch_minutes`,
        subscribersGained: sql`excluded.subscribers_gained`,
        subscribersLost: sql`excluded.subscribers_lost`,
        paidSubscribers: sql`excluded.paid_subscribers`,
        subscriberPoints: sql`excluded.subscriber_points`,
        fetchedAt: sql`excluded.fetched_at`,
      },
    });
}

/** An account failing this long is flagged to the brands tracking it. */
const FAILING_ALERT_DAYS = 3;

/**
 * Records a failed refresh on the account: the error as a user reads it (with the next try when
 * the platform says), since when it has been failing, and no attempt before `retryAt`.
 * @returns the message recorded, and `alert`: whether the account has now been failing for
 *          {@link FAILING_ALERT_DAYS} days or more.
 */
export async function recordRefreshFailure(
  db: Db | Tx,
  socialAccountId: string,
  error: unknown,
  now = new Date(),
): Promise<{ message: string; alert: boolean }> {
  const e =
    error instanceof ConnectorError ? error : new ConnectorError('unavailable', error instanceof Error ? error.message : String(error));
  const next = e.retryAt ?? null;
  const message = next ? `${e.message}; next try ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC` : e.message;
  const [row] = await db
    .update(socialAccounts)
    .set({
      lastError: message,
      failingSince: sql`coalesce(${socialAccounts.failingSince}, ${now.toISOString()}::timestamptz)`,
      nextAttemptAt: next,
    })
    .where(eq(socialAccounts.id, socialAccountId))
    .returning({ failingSince: socialAccounts.failingSince });
  return { message, alert: !!row?.failingSince && now.getTime() - row.failingSince.getTime() >= FAILING_ALERT_DAYS * 86_400_000 };
}

/**
 * Accounts due for a scheduled refresh at `now`: on a platform whose connector is configured, not
 * waiting out a quota or a back-off (`nextAttemptAt`), and due for at least one organization
 * tracking it (never refreshed for it, or last refreshed for it at least that organization's
 * interval ago; default 24 hours), or connected by its creator and not read for 24 hours (its
 * audience is kept current for everyone). Instagram and TikTok accounts only with a live connection.
 */
export async function listDueAccounts(db: Db | Tx, now: Date, platforms: Platform[]): Promise<{ id: string; platform: Platform }[]> {
  if (platforms.length === 0) return [];
  const rows = rowsOf<{ id: string; platform: Platform }>(
    await db.execute(sql`
      select sa.id, sa.platform::text as platform from social_accounts sa
      where sa.platform::text = any(${pgArray(platforms)}::text[])
        and (sa.next_attempt_at is null or sa.next_attempt_at <= ${now.toISOString()}::timestamptz)
        and (exists (select 1 from tracked_accounts t where t.social_account_id = sa.id and ${isDue(now)})
          or (${liveConnection} and (sa.last_refreshed_at is null or sa.last_refreshed_at <= ${now.toISOString()}::timestamptz - interval '24 hours')))
        -- Instagram and TikTok are read only through the creator's connection.
        and (sa.platform not in ('instagram', 'tiktok') or ${liveConnection})
      order by sa.last_refreshed_at nulls first, sa.id`),
  );
  return rows;
}

/** Whether account `sa` has a live creator connection. */
const liveConnection = sql`exists (select 1 from platform_connections pc where pc.social_account_id = sa.id
  and pc.status in ('connected', 'expiring') and pc.access_token is not null)`;

/** Whether tracking row `t` is due at `now`: never refreshed for its organization, or its interval has passed. */
function isDue(now: Date) {
  return sql`(t.last_refreshed_at is null or t.last_refreshed_at <= ${now.toISOString()}::timestamptz - make_interval(hours => t.refresh_interval_hours))`;
}

/** Estimated units one refresh spends on a platform with a daily budget (one call of each kind). */
function refreshCost(platform: Platform): number {
  const quota = connectorFor(platform)?.quota;
  return quota?.kind === 'daily-units' ? Object.values(quota.costs).reduce((a, b) => a + b, 0) : 0;
}

/**
 * Whom a refresh of an account is for: `requestedBy` (an organization's "refresh now"), or every
 * organization tracking it that is due at `now`; on a platform with a daily budget, only those
 * still within their share of it ({@link organizationsWithinShare}); `outOfShare` are the others.
 * `connected`: the creator has a live connection of the account, so a refresh reads its audience
 * (shared) even when no organization is due.
 */
export async function refreshTargets(
  db: Db | Tx,
  socialAccountId: string,
  requestedBy: string | null,
  now = new Date(),
): Promise<{ account: SocialAccount | null; orgIds: string[]; outOfShare: string[]; connected: boolean }> {
  const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
  if (!account) return { account: null, orgIds: [], outOfShare: [], connected: false };
  const [live] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from platform_connections
      where social_account_id = ${account.id}::uuid and status in ('connected', 'expiring') and access_token is not null`),
  );
  const due = rowsOf<{ org_id: string }>(
    await db.execute(
      requestedBy
        ? sql`select org_id from tracked_accounts where social_account_id = ${account.id}::uuid and org_id = ${requestedBy}::uuid`
        : sql`select t.org_id from tracked_accounts t where t.social_account_id = ${account.id}::uuid and ${isDue(now)}`,
    ),
  ).map((r) => r.org_id);
  const connector = connectorFor(account.platform);
  const within =
    connector?.quota.kind === 'daily-units'
      ? await organizationsWithinShare(db, account.platform, connector.quota.dailyBudget, due, refreshCost(account.platform), now)
      : due;
  return { account, orgIds: within, outOfShare: due.filter((id) => !within.includes(id)), connected: live.n > 0 };
}

/**
 * The steps of one account's background refresh, each on the process's database (a background
 * function runs them as retryable steps and holds no database handle itself).
 */
export const accountRefreshSteps = {
  /** {@link refreshTargets}: the account and the organizations the refresh is for. */
  plan: async (socialAccountId: string, requestedBy: string | null) => refreshTargets(await getDb(), socialAccountId, requestedBy),
  /**
   * {@link fetchAccountData}; a failure is recorded on the account ({@link recordRefreshFailure})
   * and returned, except a platform outage, which is thrown to be retried soon.
   */
  fetch: async (
    socialAccountId: string,
    account: Pick<SocialAccount, 'platform' | 'handle' | 'platformAccountId'>,
    chargeTo: string[],
  ): Promise<{ ok: true; data: SerializedResult } | { ok: false; reason: string; alert: boolean }> => {
    const db = await getDb();
    try {
      return { ok: true, data: await fetchAccountData(db, account, chargeTo) };
    } catch (error) {
      const { alert } = await recordRefreshFailure(db, socialAccountId, error);
      if (!(error instanceof ConnectorError) || error.kind === 'unavailable') throw error;
      return { ok: false, reason: error.message, alert };
    }
  },
  /** {@link writeAccountData} in one transaction. */
  write: async (socialAccountId: string, data: SerializedResult, orgIds: string[]) =>
    (await getDb()).transaction((tx) => writeAccountData(tx, socialAccountId, data, orgIds)),
};
