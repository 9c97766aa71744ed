import { InngestTestEngine } from '@inngest/test';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import {
  accountMetrics,
  accountSnapshots,
  connectorQuotaOrgUsage,
  connectorQuotaUsage,
  influencers,
  memberships,
  organizations,
  postSnapshots,
  socialAccounts,
  trackedAccounts,
} from '@/db/schema';
import { pacificDay } from '@/lib/connectors/quota';
import { listDueAccounts } from '@/lib/connectors/refresh-account';
import { listTrackedAccounts } from '@/lib/connectors/list-tracked-accounts';
import { refreshTrackedAccount } from '@/lib/connectors/refresh-tracked-account';
import { setRefreshInterval } from '@/lib/connectors/set-refresh-interval';
import { trackAccount } from '@/lib/connectors/track-account';
import { untrackAccount } from '@/lib/connectors/untrack-account';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { getOverview } from '@/lib/analytics/get-overview';
import { snapshotAccountFunction } from '@/inngest/functions/snapshot-account';
import { snapshotScheduleFunction } from '@/inngest/functions/snapshot-schedule';
import { API_KEY, CHANNEL_ID, DM_USER, resetScenario, scenario, startFakePlatforms } from '../connectors/fake-platforms';
import { createOrg, createUser, ctxOf, uniq } from '../factories';

// The connectors read their configuration from the environment once: point it at the fake
// platforms before anything reads it.
const fake = await startFakePlatforms();
process.env.YOUTUBE_API_KEY = API_KEY;
process.env.YOUTUBE_API_BASE_URL = fake.youtubeUrl;
process.env.DAILYMOTION_API_BASE_URL = fake.dailymotionUrl;

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let youtubeId: string;

afterAll(() => fake.close());
beforeEach(() => resetScenario());

async function snapshotCounts(socialAccountId: string, orgId: string) {
  const db = await getDb();
  const [{ accounts }] = await db
    .select({ accounts: count() })
    .from(accountSnapshots)
    .where(and(eq(accountSnapshots.socialAccountId, socialAccountId), eq(accountSnapshots.ownerOrgId, orgId)));
  const [{ posts }] = await db
    .select({ posts: count() })
    .from(postSnapshots)
    .innerJoin(sql`posts p`, sql`p.id = ${postSnapshots.postId}`)
    .where(and(sql`p.social_account_id = ${socialAccountId}::uuid`, eq(postSnapshots.ownerOrgId, orgId)));
  return { accounts, posts };
}

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true })]);
});

describe('tracking accounts', () => {
  it('a manager tracks a channel by URL: the first refresh writes API snapshots for the organization and its figures show', async () => {
    const { socialAccountId, refresh } = await trackAccount({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, platform: 'youtube', account: `https://www.youtube.com/channel/${CHANNEL_ID}` },
    });
    youtubeId = socialAccountId;
    expect(refresh).toEqual({ status: 'refreshed', organizations: 1, posts: 50 });
    const db = await getDb();
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    expect(account).toMatchObject({ handle: 'traillab', platformAccountId: CHANNEL_ID, displayName: 'Trail Lab', lastError: null });
    // The profile created from the pasted channel id now carries the channel's name.
    const [profile] = await db.select().from(influencers).where(eq(influencers.id, account.influencerId));
    expect(profile.displayName).toBe('Trail Lab');
    expect(await snapshotCounts(socialAccountId, brand.org.id)).toEqual({ accounts: 1, posts: 50 });
    const [snap] = await db.select().from(accountSnapshots).where(eq(accountSnapshots.socialAccountId, socialAccountId));
    expect(snap).toMatchObject({ followers: 123_400, totalViews: 9_876_543, provenance: 'api', importJobId: null });
    const [metrics] = await db
      .select()
      .from(accountMetrics)
      .where(and(eq(accountMetrics.socialAccountId, socialAccountId), eq(accountMetrics.ownerOrgId, brand.org.id)));
    expect(metrics.followers).toBe(123_400);
    const list = await listTrackedAccounts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } });
    expect(list.accounts.map((a) => [a.handle, a.followers, a.lastError])).toEqual([['traillab', 123_400, null]]);
    expect(list.connectors).toEqual([
      { platform: 'youtube', configured: true },
      { platform: 'instagram', configured: false, variable: 'INSTAGRAM_APP_ID' },
      { platform: 'tiktok', configured: false, variable: 'TIKTOK_CLIENT_KEY' },
      { platform: 'twitch', configured: false, variable: 'TWITCH_CLIENT_ID' },
      { platform: 'dailymotion', configured: true },
    ]);
    const overview = await getOverview({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, period: { from: '2026-07-01', to: '2026-11-20' } },
    });
    expect(overview.current.posts).toBe(50);
  });

  it('refuses viewers, other organizations and input that is not an account', async () => {
    const input = { orgSlug: brand.org.slug, platform: 'dailymotion', account: 'traillab' };
    await expect(trackAccount({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(trackAccount({ ctx: ctxOf(other.manager), input })).rejects.toThrow(NotFoundError);
    await expect(trackAccount({ ctx: ctxOf(brand.manager), input: { ...input, platform: 'myspace' } })).rejects.toThrow(/^platform: /);
    await expect(trackAccount({ ctx: ctxOf(brand.manager), input: { ...input, account: 'https://example.com/x' } })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      untrackAccount({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, socialAccountId: youtubeId } }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('refresh interval', () => {
  it('a manager sets how often a tracked account refreshes, and the schedule follows it', async () => {
    const input = { orgSlug: brand.org.slug, socialAccountId: youtubeId, hours: 6 };
    await expect(setRefreshInterval({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(setRefreshInterval({ ctx: ctxOf(other.manager), input: { ...input, orgSlug: other.org.slug } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(setRefreshInterval({ ctx: ctxOf(brand.manager), input: { ...input, hours: 5 } })).rejects.toThrow(
      /6, 12, 24, 72, 168 hours/,
    );
    const db = await getDb();
    const [before] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, youtubeId));
    const last = before.lastRefreshedAt!;
    const due = async (hoursLater: number) =>
      (await listDueAccounts(db, new Date(last.getTime() + hoursLater * 3_600_000), ['youtube'])).some((a) => a.id === youtubeId);
    expect(await due(7)).toBe(false); // daily by default
    await setRefreshInterval({ ctx: ctxOf(brand.manager), input });
    expect(await due(5)).toBe(false);
    expect(await due(7)).toBe(true);
    await setRefreshInterval({ ctx: ctxOf(brand.manager), input: { ...input, hours: 24 } });
    expect(await due(7)).toBe(false);
  });
});

describe('snapshot.schedule', () => {
  it('selects exactly the due accounts', async () => {
    const db = await getDb();
    const make = async (
      handle: string,
      values: { lastRefreshedAt?: Date; refreshIntervalHours?: number; nextAttemptAt?: Date },
      tracked = true,
      platform: 'youtube' | 'instagram' = 'youtube',
    ) => {
      const [p] = await db.insert(influencers).values({ displayName: handle }).returning();
      const [a] = await db
        .insert(socialAccounts)
        .values({ influencerId: p.id, platform, handle, nextAttemptAt: values.nextAttemptAt })
        .returning();
      if (tracked)
        await db.insert(trackedAccounts).values({
          orgId: other.org.id,
          socialAccountId: a.id,
          lastRefreshedAt: values.lastRefreshedAt,
          refreshIntervalHours: values.refreshIntervalHours,
        });
      return a.id;
    };
    const now = Date.now();
    const never = await make(`never${uniq()}`, {});
    const stale = await make(`stale${uniq()}`, { lastRefreshedAt: new Date(now - 25 * 3_600_000) });
    await make(`fresh${uniq()}`, { lastRefreshedAt: new Date(now - 3_600_000) });
    await make(`hourly${uniq()}`, { lastRefreshedAt: new Date(now - 3_600_000), refreshIntervalHours: 2 });
    const hourlyDue = await make(`hourlydue${uniq()}`, { lastRefreshedAt: new Date(now - 3 * 3_600_000), refreshIntervalHours: 2 });
    await make(`waiting${uniq()}`, { nextAttemptAt: new Date(now + 3_600_000) });
    await make(`untracked${uniq()}`, {}, false);
    await make(`insta${uniq()}`, {}, true, 'instagram');
    // Sending is Inngest's job: the step is mocked and the events it was given are checked.
    const { result, ctx } = await new InngestTestEngine({
      function: snapshotScheduleFunction,
      steps: [{ id: 'request refreshes', handler: () => ({ ids: [] }) }],
    }).execute();
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { data: { socialAccountId: string } }[]][] } }).mock
      .calls[0][1];
    const ids = sent.map((e) => e.data.socialAccountId);
    // Other test files share the database on Postgres: look only at this test's accounts.
    for (const id of [never, stale, hourlyDue]) expect(ids).toContain(id);
    const mine = await db
      .select({ id: socialAccounts.id })
      .from(socialAccounts)
      .innerJoin(trackedAccounts, eq(trackedAccounts.socialAccountId, socialAccounts.id))
      .where(eq(trackedAccounts.orgId, other.org.id));
    expect(ids.filter((id) => mine.some((m) => m.id === id)).sort()).toEqual([never, stale, hourlyDue].sort());
    expect((result as { requested: number }).requested).toBe(ids.length);
  });
});

describe('snapshot.account', () => {
  const engine = () => new InngestTestEngine({ function: snapshotAccountFunction });

  it('a retried write step writes no duplicate snapshot', async () => {
    const db = await getDb();
    await db.insert(trackedAccounts).values({ orgId: other.org.id, socialAccountId: youtubeId }).onConflictDoNothing();
    // Both organizations are due.
    await db.update(trackedAccounts).set({ lastRefreshedAt: null }).where(eq(trackedAccounts.socialAccountId, youtubeId));
    scenario.bump = 7;
    const event = { name: 'snapshot/account.requested', data: { socialAccountId: youtubeId, platform: 'youtube' } } as const;
    const first = await engine().execute({ events: [event] });
    expect(first.result).toEqual({ refreshed: true, organizations: 2, postSnapshots: 50 });
    const after = await snapshotCounts(youtubeId, other.org.id);
    expect(after).toEqual({ accounts: 1, posts: 50 });
    // Replay the run with the plan and fetch steps' memoized outputs, as Inngest does when "write" is retried.
    const [plan, fetched] = await Promise.all(first.ctx.step.run.mock.results.slice(0, 2).map((r: { value: unknown }) => r.value));
    const memoized = [
      { id: 'plan', handler: () => plan },
      { id: 'fetch', handler: () => fetched },
    ];
    await engine().execute({ events: [event], steps: memoized });
    await engine().execute({ events: [event], steps: memoized });
    expect(await snapshotCounts(youtubeId, other.org.id)).toEqual(after);
    expect(await snapshotCounts(youtubeId, brand.org.id)).toEqual({ accounts: 2, posts: 100 });
  });

  it('the quota guard stops before the daily budget and the account says when it will try again', async () => {
    const db = await getDb();
    const day = pacificDay(new Date());
    await db
      .insert(connectorQuotaUsage)
      .values({ platform: 'youtube', day, unitsUsed: 9_999 })
      .onConflictDoUpdate({ target: [connectorQuotaUsage.platform, connectorQuotaUsage.day], set: { unitsUsed: 9_999 } });
    await db.update(trackedAccounts).set({ lastRefreshedAt: null }).where(eq(trackedAccounts.socialAccountId, youtubeId));
    const before = await snapshotCounts(youtubeId, brand.org.id);
    const { result } = await engine().execute({
      events: [{ name: 'snapshot/account.requested', data: { socialAccountId: youtubeId, platform: 'youtube' } }],
    });
    expect(result).toMatchObject({ refreshed: false });
    const [usage] = await db
      .select()
      .from(connectorQuotaUsage)
      .where(and(eq(connectorQuotaUsage.platform, 'youtube'), eq(connectorQuotaUsage.day, day)));
    expect(usage.unitsUsed).toBe(10_000);
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, youtubeId));
    expect(account.lastError).toMatch(
      /^youtube quota exhausted for today \(playlistItems\.list refused before the call\); next try \d{4}-\d{2}-\d{2} 0[78]:00 UTC$/,
    );
    expect(account.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await snapshotCounts(youtubeId, brand.org.id)).toEqual(before);
    await db
      .update(connectorQuotaUsage)
      .set({ unitsUsed: 0 })
      .where(and(eq(connectorQuotaUsage.platform, 'youtube'), eq(connectorQuotaUsage.day, day)));
  });

  it('a missing Dailymotion user is recorded; three days of failures alert the brand', async () => {
    const db = await getDb();
    const { socialAccountId, refresh } = await trackAccount({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, platform: 'dailymotion', account: 'gone-user' },
    });
    expect(refresh).toMatchObject({ status: 'failed', message: 'No Dailymotion user gone-user', alert: false });
    await db
      .update(socialAccounts)
      .set({ failingSince: new Date(Date.now() - 3 * 86_400_000 - 1000), nextAttemptAt: null })
      .where(eq(socialAccounts.id, socialAccountId));
    const { result } = await engine().execute({
      events: [{ name: 'snapshot/account.requested', data: { socialAccountId, platform: 'dailymotion' } }],
    });
    expect(result).toEqual({ refreshed: false, reason: 'No Dailymotion user gone-user' });
    const notes = await db.execute(
      sql`select user_id, kind, title from notifications where kind = 'account_failing' and url = ${`/o/${brand.org.slug}/tracking`}`,
    );
    const rows = (Array.isArray(notes) ? notes : (notes as { rows: { user_id: string; title: string }[] }).rows) as {
      user_id: string;
      title: string;
    }[];
    expect(rows.map((r) => r.user_id).sort()).toEqual([brand.owner.id, brand.manager.id].sort());
    expect(rows[0].title).toBe('@gone-user on dailymotion has not refreshed for 3 days');
    const dm = await trackAccount({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, platform: 'dailymotion', account: `https://www.dailymotion.com/${DM_USER.username}` },
    });
    expect(dm.refresh).toEqual({ status: 'refreshed', organizations: 1, posts: 50 });
  });
});

describe('tracked-account settings belong to each organization', () => {
  it('one brand’s interval, "refresh now" and untracking never change another’s', async () => {
    const db = await getDb();
    const third = await createOrg({ approved: true });
    const rival = await trackAccount({
      ctx: ctxOf(third.manager),
      input: { orgSlug: third.org.slug, platform: 'youtube', account: `https://www.youtube.com/channel/${CHANNEL_ID}` },
    });
    expect(rival).toEqual({ socialAccountId: youtubeId, refresh: { status: 'refreshed', organizations: 1, posts: 50 } });
    await setRefreshInterval({ ctx: ctxOf(third.manager), input: { orgSlug: third.org.slug, socialAccountId: youtubeId, hours: 6 } });
    const intervalOf = async (org: Org) =>
      (await listTrackedAccounts({ ctx: ctxOf(org.viewer), input: { orgSlug: org.org.slug } })).accounts.find((a) => a.id === youtubeId)
        ?.refreshIntervalHours;
    expect(await intervalOf(third)).toBe(6);
    expect(await intervalOf(brand)).toBe(24);

    // "Refresh now" of the third brand writes only its data, and can wait 15 minutes.
    const brandBefore = await snapshotCounts(youtubeId, brand.org.id);
    await db
      .update(trackedAccounts)
      .set({ lastRefreshedAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(trackedAccounts.orgId, third.org.id));
    scenario.bump = 11;
    expect(
      await refreshTrackedAccount({ ctx: ctxOf(third.manager), input: { orgSlug: third.org.slug, socialAccountId: youtubeId } }),
    ).toEqual({
      status: 'refreshed',
      organizations: 1,
      posts: 50,
    });
    expect(await snapshotCounts(youtubeId, third.org.id)).toEqual({ accounts: 2, posts: 100 });
    expect(await snapshotCounts(youtubeId, brand.org.id)).toEqual(brandBefore);
    await expect(
      refreshTrackedAccount({ ctx: ctxOf(third.manager), input: { orgSlug: third.org.slug, socialAccountId: youtubeId } }),
    ).rejects.toThrow(/^Refreshed less than 15 minutes ago: refresh again in 15 minutes\.$/);
    await expect(
      refreshTrackedAccount({ ctx: ctxOf(third.viewer), input: { orgSlug: third.org.slug, socialAccountId: youtubeId } }),
    ).rejects.toThrow(ForbiddenError);

    await untrackAccount({ ctx: ctxOf(third.manager), input: { orgSlug: third.org.slug, socialAccountId: youtubeId } });
    expect(await intervalOf(third)).toBeUndefined();
    expect(await intervalOf(brand)).toBe(24);
  });

  it('each organization spends only its share of the daily quota', async () => {
    const db = await getDb();
    const trackers = await db.execute(
      sql`select count(distinct t.org_id)::int as n from tracked_accounts t join social_accounts sa on sa.id = t.social_account_id where sa.platform = 'youtube'`,
    );
    const n = (Array.isArray(trackers) ? trackers : (trackers as { rows: { n: number }[] }).rows)[0] as { n: number };
    const share = Math.floor(10_000 / n.n);
    const day = pacificDay(new Date());
    await db
      .insert(connectorQuotaOrgUsage)
      .values({ platform: 'youtube', day, orgId: brand.org.id, unitsUsed: share - 2 })
      .onConflictDoUpdate({
        target: [connectorQuotaOrgUsage.platform, connectorQuotaOrgUsage.day, connectorQuotaOrgUsage.orgId],
        set: { unitsUsed: share - 2 },
      });
    await db.update(trackedAccounts).set({ lastRefreshedAt: null }).where(eq(trackedAccounts.socialAccountId, youtubeId));
    const before = await snapshotCounts(youtubeId, brand.org.id);
    expect(
      await refreshTrackedAccount({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, socialAccountId: youtubeId } }),
    ).toEqual({
      status: 'failed',
      message: "Your organization has used its share of today's YouTube quota: refreshes resume after midnight Pacific time",
      alert: false,
    });
    expect(await snapshotCounts(youtubeId, brand.org.id)).toEqual(before);
    // The scheduled refresh serves the organizations still within their share.
    const { result } = await new InngestTestEngine({ function: snapshotAccountFunction }).execute({
      events: [{ name: 'snapshot/account.requested', data: { socialAccountId: youtubeId, platform: 'youtube' } }],
    });
    expect(result).toEqual({ refreshed: true, organizations: 1, postSnapshots: 50 });
    expect(await snapshotCounts(youtubeId, brand.org.id)).toEqual(before);
    const [otherUsage] = await db
      .select()
      .from(connectorQuotaOrgUsage)
      .where(and(eq(connectorQuotaOrgUsage.orgId, other.org.id), eq(connectorQuotaOrgUsage.day, day)));
    expect(otherUsage.unitsUsed).toBeGreaterThanOrEqual(3);
  });

  it('a creator workspace tracks only the creator’s own verified accounts', async () => {
    const db = await getDb();
    const owner = await createUser('influencer');
    const [profile] = await db.insert(influencers).values({ userId: owner.id, displayName: 'Somebody Else' }).returning();
    const [workspace] = await db
      .insert(organizations)
      .values({ name: 'Somebody Else', slug: `ws-${uniq()}`, kind: 'creator', influencerId: profile.id })
      .returning();
    await db.insert(memberships).values({ orgId: workspace.id, userId: owner.id, role: 'owner' });
    await expect(
      trackAccount({
        ctx: ctxOf(owner),
        input: { orgSlug: workspace.slug, platform: 'youtube', account: `https://www.youtube.com/channel/${CHANNEL_ID}` },
      }),
    ).rejects.toThrow('A creator workspace tracks only the accounts you verified on your profile');
  });
});
