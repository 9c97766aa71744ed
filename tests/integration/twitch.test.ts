import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { accountSnapshots, postSnapshots, posts, socialAccounts, trackedAccounts, users } from '@/db/schema';
import { checkClaim } from '@/lib/claims/check-claim';
import { listMyClaims } from '@/lib/claims/list-my-claims';
import { listTrackedAccounts } from '@/lib/connectors/list-tracked-accounts';
import { refreshTrackedAccount } from '@/lib/connectors/refresh-tracked-account';
import { trackAccount } from '@/lib/connectors/track-account';
import { ValidationError } from '@/lib/errors';
import {
  resetTwitchScenario,
  startFakeTwitch,
  TWITCH_CLIENT_ID,
  TWITCH_CLIENT_SECRET,
  TWITCH_FOLLOWERS,
  TWITCH_USER,
  TWITCH_VIDEOS,
  twitchRequests,
  twitchScenario,
} from '../connectors/fake-twitch';
import { createOrg, ctxOf, signUpConfirmed, uniq } from '../factories';

// Twitch is configured from the environment, read once; @twurple calls the fake through its mock-server port.
const fake = await startFakeTwitch();
process.env.TWITCH_CLIENT_ID = TWITCH_CLIENT_ID;
process.env.TWITCH_CLIENT_SECRET = TWITCH_CLIENT_SECRET;
process.env.TWURPLE_MOCK_API_PORT = String(fake.port);
afterAll(() => fake.close());
beforeEach(() => resetTwitchScenario());

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let socialAccountId: string;

beforeAll(async () => {
  brand = await createOrg({ approved: true });
});

describe('Twitch without a creator connection (app access token)', () => {
  it('a manager tracks a channel by its URL: followers and the newest 50 videos with their views land as API snapshots', async () => {
    const result = await trackAccount({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, platform: 'twitch', account: 'https://www.twitch.tv/TrailTwitch' },
    });
    socialAccountId = result.socialAccountId;
    expect(result.refresh).toEqual({ status: 'refreshed', organizations: 1, posts: 50 });
    const db = await getDb();
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    expect(account).toMatchObject({
      platform: 'twitch',
      handle: 'trailtwitch',
      platformAccountId: TWITCH_USER.id,
      displayName: 'TrailTwitch',
    });
    const [snap] = await db.select().from(accountSnapshots).where(eq(accountSnapshots.socialAccountId, socialAccountId));
    // Helix no longer serves a channel's total views: unknown, not 0.
    expect(snap).toMatchObject({ followers: TWITCH_FOLLOWERS, totalViews: null, provenance: 'api' });
    const stored = await db
      .select({ id: posts.platformPostId, views: postSnapshots.views, mediaType: posts.mediaType })
      .from(postSnapshots)
      .innerJoin(posts, eq(posts.id, postSnapshots.postId))
      .where(and(eq(posts.socialAccountId, socialAccountId), eq(postSnapshots.ownerOrgId, brand.org.id)))
      .orderBy(desc(posts.platformPostId));
    expect(stored).toHaveLength(50);
    // The newest video: past broadcasts are lives, uploads and highlights videos.
    const newest = TWITCH_VIDEOS[0];
    expect(stored[0]).toEqual({ id: newest.id, views: newest.view_count, mediaType: newest.type === 'archive' ? 'live' : 'video' });
    expect(stored.at(-1)).toMatchObject({ id: TWITCH_VIDEOS[49].id, views: TWITCH_VIDEOS[49].view_count });
    // One app token for every call; the follower total asked with first=1 (an app token gets the total only).
    expect(twitchRequests.map((r) => r.path)).toEqual(['users', 'channels/followers', 'videos']);
    expect(twitchRequests[1].query).toMatchObject({ broadcaster_id: TWITCH_USER.id });
    const list = await listTrackedAccounts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug } });
    expect(list.accounts.map((a) => [a.platform, a.handle, a.followers])).toEqual([['twitch', 'trailtwitch', TWITCH_FOLLOWERS]]);
    expect(list.connectors).toContainEqual({ platform: 'twitch', configured: true });
  });

  it('a later refresh writes the new follower total; a rate limit is waited out', async () => {
    twitchScenario.followers = TWITCH_FOLLOWERS + 321;
    twitchScenario.tooManyRequests = 1;
    const db = await getDb();
    // "Refresh now" waits 15 minutes between refreshes: as if the last one were an hour ago.
    await db
      .update(trackedAccounts)
      .set({ lastRefreshedAt: new Date(Date.now() - 3_600_000) })
      .where(and(eq(trackedAccounts.socialAccountId, socialAccountId), eq(trackedAccounts.orgId, brand.org.id)));
    const outcome = await refreshTrackedAccount({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, socialAccountId } });
    expect(outcome).toEqual({ status: 'refreshed', organizations: 1, posts: 50 });
    const snaps = await db
      .select({ followers: accountSnapshots.followers })
      .from(accountSnapshots)
      .where(eq(accountSnapshots.socialAccountId, socialAccountId))
      .orderBy(desc(accountSnapshots.capturedAt));
    expect(snaps[0].followers).toBe(TWITCH_FOLLOWERS + 321);
  });

  it('takes a login or a twitch.tv URL, nothing else', async () => {
    const track = (account: string) =>
      trackAccount({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, platform: 'twitch', account } });
    await expect(track('https://www.twitch.tv/videos/335921230')).rejects.toThrow('account: Not a Twitch channel URL or handle');
    await expect(track('no spaces allowed')).rejects.toThrow(ValidationError);
    const missing = await track('nobodyhere');
    expect(missing.refresh).toMatchObject({ status: 'failed', message: 'No Twitch channel nobodyhere' });
  });

  it('the streamer proves the channel with the code in their Twitch bio: checked by Reachboard, no admin needed', async () => {
    const r = await signUpConfirmed({
      role: 'influencer',
      name: 'Trail Twitch',
      email: `trailtwitch-${uniq()}@creators.example`,
      password: 'a long enough password',
      platform: 'twitch',
      handle: 'TrailTwitch',
    });
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.id, r.userId));
    const [claim] = await listMyClaims({ ctx: ctxOf(user), input: undefined });
    expect(claim).toMatchObject({ platform: 'twitch', handle: 'trailtwitch', automatic: true });
    expect(await checkClaim({ ctx: ctxOf(user), input: { claimId: claim.id } })).toMatchObject({ verified: false });
    twitchScenario.description = `Live from the trail every Sunday. Reachboard verification: ${claim.code}`;
    expect(await checkClaim({ ctx: ctxOf(user), input: { claimId: claim.id } })).toEqual({
      verified: true,
      message: 'Verified: the code is in the description of @trailtwitch.',
    });
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    expect(account.influencerId).toBe(r.influencerId);
  });
});
