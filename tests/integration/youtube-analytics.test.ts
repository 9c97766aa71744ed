import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { accountDailyInsights, audienceDemographics, platformConnections, socialAccounts, type User } from '@/db/schema';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { completeConnection } from '@/lib/connections/complete-connection';
import { refreshConnectionToken } from '@/lib/connections/refresh-connection-token';
import { startConnection } from '@/lib/connections/start-connection';
import { readConnectedAccount } from '@/lib/connectors/read-connected-account';
import { trackAccount } from '@/lib/connectors/track-account';
import { systemCtx } from '@/lib/context';
import { openSecret } from '@/lib/crypto/secret-box';
import { GOOGLE_CLIENT_ID, startFakeGoogle } from '../connectors/fake-google';
import { API_KEY, scenario, startFakePlatforms } from '../connectors/fake-platforms';
import { createInfluencerUser, createOrg, ctxOf } from '../factories';

// The public YouTube Data API (API key) and Google's OAuth + YouTube Analytics, both fakes.
// Its own channel: other test files sharing a Postgres database use the default one.
const platforms = await startFakePlatforms();
const google = await startFakeGoogle();
Object.assign(process.env, google.env, { YOUTUBE_API_KEY: API_KEY, YOUTUBE_API_BASE_URL: platforms.youtubeUrl });
scenario.handle = 'ridgeanalytics';
scenario.channelId = 'UCridgeanalytics00000001';
afterAll(async () => {
  await platforms.close();
  await google.close();
});

let creator: User;
let profileId: string;
let brand: Awaited<ReturnType<typeof createOrg>>;
let socialAccountId: string;
let connectionId: string;

beforeAll(async () => {
  const r = await createInfluencerUser();
  creator = r.user;
  profileId = r.profile.id;
  brand = await createOrg({ approved: true });
});

describe('YouTube Analytics through a connection', () => {
  it('connects with Google OAuth: offline access, consent, PKCE S256 and the two read-only scopes', async () => {
    const { url } = await startConnection({ ctx: ctxOf(creator), input: { platform: 'youtube' } });
    const asked = new URL(url);
    expect(asked.origin + asked.pathname).toBe(`${google.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      access_type: 'offline',
      prompt: 'consent',
      scope: 'https://www.googleapis.com/auth/youtube.readonly https://www.googleapis.com/auth/yt-analytics.readonly',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      response_type: 'code',
      client_id: GOOGLE_CLIENT_ID,
      redirect_uri: 'http://localhost:3000/connect/youtube/callback',
    });
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    // The fake checks the PKCE verifier against the challenge: a wrong one would be refused.
    const done = await completeConnection({
      ctx: ctxOf(creator),
      input: { platform: 'youtube', state: back.searchParams.get('state')!, code: back.searchParams.get('code')! },
    });
    expect(done).toMatchObject({ platform: 'youtube', handle: 'ridgeanalytics' });
    socialAccountId = done.socialAccountId;
    const db = await getDb();
    const [row] = await db.select().from(platformConnections).where(eq(platformConnections.userId, creator.id));
    connectionId = row.id;
    expect(row).toMatchObject({ platformUserId: 'UCridgeanalytics00000001', status: 'connected' });
    expect(openSecret(row.refreshToken!, { table: 'platform_connections', column: 'refresh_token', rowId: row.id })).toMatch(/^1\/\/0g/);
  });

  it('a refresh adds the channel’s daily analytics and its audience to the public numbers', async () => {
    const tracked = await trackAccount({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, platform: 'youtube', account: 'https://www.youtube.com/@ridgeanalytics' },
    });
    expect(tracked.socialAccountId).toBe(socialAccountId);
    expect(tracked.refresh).toMatchObject({ status: 'refreshed', organizations: 1 });
    const db = await getDb();
    const days = await db.select().from(accountDailyInsights).where(eq(accountDailyInsights.socialAccountId, socialAccountId));
    // 28 days back to today: 29 days, each as the fake reported it.
    expect(days).toHaveLength(29);
    expect(days[0]).toMatchObject({ views: 1_500, watchMinutes: 4_200, subscribersGained: 12, subscribersLost: 3 });
    const audience = await db
      .select({
        breakdown: audienceDemographics.breakdown,
        bucket: audienceDemographics.bucket,
        share: audienceDemographics.share,
        source: audienceDemographics.source,
      })
      .from(audienceDemographics)
      .where(eq(audienceDemographics.socialAccountId, socialAccountId));
    const share = (b: string, k: string | null) => audience.find((a) => a.breakdown === b && a.bucket === k)?.share;
    // Age and gender margins of viewerPercentage: 18-24 = 14.2 + 16.0; female = 14.2 + 21.5 + 6.1.
    expect(share('age', '18-24')).toBeCloseTo(0.302, 12);
    expect(share('age', '25-34')).toBeCloseTo(0.543, 12);
    expect(share('gender', 'female')).toBeCloseTo(0.418, 12);
    expect(share('gender', 'unknown')).toBeCloseTo(0.045, 12);
    // Countries as shares of the period's 43,500 views; 18,500 not disclosed.
    expect(share('country', 'US')).toBeCloseTo(15_000 / 43_500, 12);
    expect(share('country', null)).toBeCloseTo(18_500 / 43_500, 12);
    expect(audience.filter((a) => a.breakdown === 'country').map((a) => a.source)).toEqual(['views', 'views', 'views', 'views']);
  });

  it('the brand sees the last 28 days of the channel’s own analytics on the influencer page', async () => {
    const a = await getInfluencerAnalytics({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, influencerId: profileId } });
    const account = a.accounts.find((x) => x.socialAccountId === socialAccountId)!;
    expect(account.channelInsights).toMatchObject({
      views: 42_000,
      watchMinutes: 117_600,
      subscribersGained: 336,
      subscribersLost: 84,
      days: 28,
    });
    expect(a.audience[0].sources.sort()).toEqual(['viewerPercentage', 'views']);
  });

  it('renewing keeps the refresh token Google does not send again', async () => {
    const db = await getDb();
    const before = (await db.select().from(platformConnections).where(eq(platformConnections.id, connectionId)))[0];
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } })).toEqual({
      status: 'connected',
      refreshed: true,
    });
    const after = (await db.select().from(platformConnections).where(eq(platformConnections.id, connectionId)))[0];
    const open = (v: string, column: 'access_token' | 'refresh_token') =>
      openSecret(v, { table: 'platform_connections', column, rowId: connectionId });
    expect(open(after.refreshToken!, 'refresh_token')).toBe(open(before.refreshToken!, 'refresh_token'));
    expect(open(after.accessToken!, 'access_token')).not.toBe(open(before.accessToken!, 'access_token'));
  });

  it('analytics refused never fails the public refresh: the public numbers are written, the analytics kept from before', async () => {
    google.revokeAll();
    const db = await getDb();
    await db
      .update(platformConnections)
      .set({ accessExpiresAt: new Date(Date.now() + 60 * 60_000) })
      .where(eq(platformConnections.id, connectionId));
    const read = await readConnectedAccount({ ctx: ctxOf(creator), input: { socialAccountId } });
    expect(read).toMatchObject({ status: 'refreshed' });
    const days = await db
      .select()
      .from(accountDailyInsights)
      .where(and(eq(accountDailyInsights.socialAccountId, socialAccountId)));
    expect(days).toHaveLength(29);
    // The account says what was not read this time.
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    expect(account.lastError).toBe(
      'Partly read: daily views: Request had invalid authentication credentials.; age and gender: Request had invalid authentication credentials.; countries: Request had invalid authentication credentials.',
    );
    expect(account.failingSince).toBeNull();
  });
});
