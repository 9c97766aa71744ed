import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import {
  accountClaims,
  accountDailyInsights,
  emailOutbox,
  influencers,
  platformConnections,
  socialAccounts,
  users,
  type User,
} from '@/db/schema';
import { connectionRefresh, connectionRefreshSchedule } from '@/inngest/functions/connection-refresh';
import type { JobEvent, Steps } from '@/inngest/steps';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { completeConnection } from '@/lib/connections/complete-connection';
import { readConnectedAccount } from '@/lib/connectors/read-connected-account';
import { trackAccount } from '@/lib/connectors/track-account';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { listDueConnections } from '@/lib/connections/list-due-connections';
import { listMyConnections } from '@/lib/connections/list-my-connections';
import { refreshConnectionToken } from '@/lib/connections/refresh-connection-token';
import { startConnection } from '@/lib/connections/start-connection';
import { systemCtx } from '@/lib/context';
import { openSecret } from '@/lib/crypto/secret-box';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import {
  resetTwitchScenario,
  startFakeTwitch,
  TWITCH_CLIENT_ID,
  TWITCH_CLIENT_SECRET,
  twitchOAuth,
  twitchScenario,
} from '../connectors/fake-twitch';
import { createOrg, createUser, ctxOf, signUpConfirmed, uniq } from '../factories';

// Twitch's OAuth and Helix through @twurple, pointed at the fake with its mock-server port.
// Its own channel: another test file sharing a Postgres database verifies the default one.
const CHANNEL = { id: '582301944', login: 'ridgestreams', display_name: 'RidgeStreams' };
const fake = await startFakeTwitch(0, CHANNEL);
process.env.TWITCH_CLIENT_ID = TWITCH_CLIENT_ID;
process.env.TWITCH_CLIENT_SECRET = TWITCH_CLIENT_SECRET;
process.env.TWURPLE_MOCK_API_PORT = String(fake.port);
afterAll(() => fake.close());
beforeEach(() => resetTwitchScenario());

let streamer: { user: User; profileId: string };
let connectionId: string;
let brand: Awaited<ReturnType<typeof createOrg>>;
/** What a brand tracking the channel sees of the creator's connections on the influencer page. */
const brandSees = async () =>
  (await getInfluencerAnalytics({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, influencerId: streamer.profileId } }))
    .influencer.connections;

async function creator(name: string) {
  const r = await signUpConfirmed({ role: 'influencer', name, email: `${uniq()}@creators.example`, password: 'a long enough password' });
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, r.userId));
  return { user, profileId: r.influencerId! };
}

/** The browser's trip: Reachboard's start → the platform's authorization page → back to the callback with code and state. */
async function authorize(user: User) {
  const { url } = await startConnection({ ctx: ctxOf(user), input: { platform: 'twitch' } });
  const answer = await fetch(url, { redirect: 'manual' });
  const back = new URL(answer.headers.get('location')!);
  return {
    url: new URL(url),
    back,
    input: {
      platform: 'twitch',
      state: back.searchParams.get('state') ?? '',
      code: back.searchParams.get('code') ?? undefined,
      error: back.searchParams.get('error') ?? undefined,
      errorDescription: back.searchParams.get('error_description') ?? undefined,
    },
  };
}

const rawConnection = async () => {
  const db = await getDb();
  const [row] = await db.select().from(platformConnections).where(eq(platformConnections.id, connectionId));
  return row;
};

beforeAll(async () => {
  streamer = await creator('Trail Twitch');
  // A brand already tracks the channel (app token): a tracked profile the connection merges.
  brand = await createOrg({ approved: true });
  await trackAccount({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, platform: 'twitch', account: 'ridgestreams' } });
});

describe('connecting Twitch', () => {
  it('sends the creator to Twitch with the minimum scope and a one-time state, and back to Reachboard’s callback', async () => {
    const { url, back } = await authorize(streamer.user);
    expect(url.origin + url.pathname).toBe(`http://localhost:${fake.port}/auth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: TWITCH_CLIENT_ID,
      redirect_uri: 'http://localhost:3000/connect/twitch/callback',
      response_type: 'code',
      scope: 'channel:read:subscriptions',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      force_verify: 'true',
    });
    expect(back.origin + back.pathname).toBe('http://localhost:3000/connect/twitch/callback');
    expect(back.searchParams.get('state')).toBe(url.searchParams.get('state'));
  });

  it('a connection verifies the account on the creator’s profile and stores the tokens sealed', async () => {
    const { input } = await authorize(streamer.user);
    expect(await completeConnection({ ctx: ctxOf(streamer.user), input })).toMatchObject({ platform: 'twitch', handle: CHANNEL.login });
    const db = await getDb();
    const [row] = await db.select().from(platformConnections).where(eq(platformConnections.userId, streamer.user.id));
    connectionId = row.id;
    expect(row).toMatchObject({ platform: 'twitch', platformUserId: CHANNEL.id, handle: 'ridgestreams', status: 'connected' });
    expect(row.scopes).toEqual(['channel:read:subscriptions']);
    // The database holds sealed tokens only, bound to this row.
    expect(row.accessToken).toMatch(/^rb1\.dev\./);
    expect(row.refreshToken).toMatch(/^rb1\.dev\./);
    expect(JSON.stringify(row)).not.toMatch(/fake-user-(access|refresh)/);
    const access = openSecret(row.accessToken!, { table: 'platform_connections', column: 'access_token', rowId: row.id });
    expect(twitchOAuth.accessTokens.has(access)).toBe(true);
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, row.socialAccountId!));
    expect(account).toMatchObject({
      influencerId: streamer.profileId,
      platform: 'twitch',
      platformAccountId: CHANNEL.id,
      handle: 'ridgestreams',
    });
    const [profile] = await db.select().from(influencers).where(eq(influencers.id, streamer.profileId));
    expect(profile.verifiedAt).not.toBeNull();
    const [claim] = await db.select().from(accountClaims).where(eq(accountClaims.socialAccountId, account.id));
    expect([claim.status, claim.method]).toEqual(['verified', 'connection']);
    // The brand's tracked profile merged into the creator's: the brand sees the connection.
    expect((await brandSees()).map((c) => [c.platform, c.handle, c.status])).toEqual([['twitch', 'ridgestreams', 'connected']]);
    const mine = await listMyConnections({ ctx: ctxOf(streamer.user), input: undefined });
    expect(mine.connections.map((c) => [c.platform, c.handle, c.status])).toEqual([['twitch', 'ridgestreams', 'connected']]);
    // Instagram, TikTok and YouTube are not configured in this file: the profile says which variables they need.
    expect(mine.platforms).toEqual([
      { platform: 'instagram', configured: false, variables: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'] },
      { platform: 'tiktok', configured: false, variables: ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET'] },
      { platform: 'twitch', configured: true },
      { platform: 'youtube', configured: false, variables: ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET'] },
    ]);
    expect(JSON.stringify(mine)).not.toContain('rb1.');
  });

  it('a state works once, for its creator only; a declined authorization and a non-creator are refused', async () => {
    const first = await authorize(streamer.user);
    await completeConnection({ ctx: ctxOf(streamer.user), input: first.input });
    await expect(completeConnection({ ctx: ctxOf(streamer.user), input: first.input })).rejects.toThrow(
      'This Twitch connection request is unknown, already used or expired: start again from your profile',
    );
    const other = await creator('Someone Else');
    const theirs = await authorize(streamer.user);
    await expect(completeConnection({ ctx: ctxOf(other.user), input: theirs.input })).rejects.toThrow(ValidationError);
    // The same Twitch account, proven by another creator's token: already verified by the streamer.
    const stolen = await authorize(other.user);
    await expect(completeConnection({ ctx: ctxOf(other.user), input: stolen.input })).rejects.toThrow(ConflictError);
    twitchScenario.authorize = 'decline';
    const declined = await authorize(streamer.user);
    await expect(completeConnection({ ctx: ctxOf(streamer.user), input: declined.input })).rejects.toThrow(
      'Twitch did not connect your account: The user denied you access',
    );
    const brand = await createOrg({ approved: true });
    await expect(startConnection({ ctx: ctxOf(brand.owner), input: { platform: 'twitch' } })).rejects.toThrow(ForbiddenError);
    await expect(startConnection({ ctx: ctxOf(streamer.user), input: { platform: 'dailymotion' } })).rejects.toThrow(
      'Reachboard cannot connect Dailymotion accounts yet',
    );
  });
});

describe('first-party data of a connected broadcaster', () => {
  it('a refresh adds the paid subscriptions only the broadcaster’s own token can read', async () => {
    const db = await getDb();
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.handle, 'ridgestreams'));
    const read = await readConnectedAccount({ ctx: ctxOf(streamer.user), input: { socialAccountId: account.id } });
    expect(read).toMatchObject({ status: 'refreshed' });
    const [subs] = await db.select().from(accountDailyInsights).where(eq(accountDailyInsights.socialAccountId, account.id));
    expect(subs).toMatchObject({ paidSubscribers: 1_204, subscriberPoints: 1_530, views: null, watchMinutes: null });
    const a = await getInfluencerAnalytics({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, influencerId: streamer.profileId },
    });
    expect(a.accounts.find((x) => x.socialAccountId === account.id)?.channelInsights).toMatchObject({
      paidSubscribers: 1_204,
      subscriberPoints: 1_530,
      views: null,
      days: 1,
    });
    // Another creator cannot ask for a read of an account they did not connect.
    const other = await creator('Not The Streamer');
    await expect(readConnectedAccount({ ctx: ctxOf(other.user), input: { socialAccountId: account.id } })).rejects.toThrow(NotFoundError);
  });
});

describe('keeping the token fresh', () => {
  it('renews a token about to expire once however many ask at the same time, storing the rotated refresh token', async () => {
    const db = await getDb();
    await db
      .update(platformConnections)
      .set({ accessExpiresAt: new Date(Date.now() + 60_000) })
      .where(eq(platformConnections.id, connectionId));
    const before = await rawConnection();
    const calls = twitchOAuth.refreshCalls;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId } })),
    );
    expect(twitchOAuth.refreshCalls - calls).toBe(1);
    expect(results.filter((r) => r.refreshed)).toHaveLength(1);
    const after = await rawConnection();
    const open = (v: string, column: 'access_token' | 'refresh_token') =>
      openSecret(v, { table: 'platform_connections', column, rowId: connectionId });
    expect(open(after.refreshToken!, 'refresh_token')).not.toBe(open(before.refreshToken!, 'refresh_token'));
    expect(twitchOAuth.refreshTokens.has(open(after.refreshToken!, 'refresh_token'))).toBe(true);
    expect(after.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    // Fresh enough: nothing to do.
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId } })).toEqual({
      status: 'connected',
      refreshed: false,
    });
    await expect(refreshConnectionToken({ ctx: ctxOf(streamer.user), input: { connectionId } })).rejects.toThrow(ForbiddenError);
  });

  it('a refresh token Twitch no longer accepts moves the connection to reauth_required and emails the creator once', async () => {
    twitchOAuth.revokeRefreshTokens();
    const first = await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } });
    expect(first).toEqual({ status: 'reauth_required', refreshed: false, error: 'Twitch no longer accepts the refresh token (HTTP 400)' });
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } })).toEqual({
      status: 'reauth_required',
      refreshed: false,
    });
    const db = await getDb();
    const [{ n }] = await db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, streamer.user.email), eq(emailOutbox.kind, 'connection_lost')));
    expect(n).toBe(1);
    const lost = await brandSees();
    expect(lost.map((c) => c.status)).toEqual(['reauth_required']);
    expect(Date.now() - lost[0].since.getTime()).toBeLessThan(60_000);
    // Connecting again restores it.
    const again = await authorize(streamer.user);
    await completeConnection({ ctx: ctxOf(streamer.user), input: again.input });
    expect((await rawConnection()).status).toBe('connected');
  });

  it('the hourly schedule renews a connection about to expire, once per hour', async () => {
    const db = await getDb();
    await db
      .update(platformConnections)
      .set({ accessExpiresAt: new Date(Date.now() + 30 * 60_000) })
      .where(eq(platformConnections.id, connectionId));
    const sent: JobEvent[] = [];
    const steps: Steps = {
      run: async (_id, fn) => JSON.parse(JSON.stringify(await fn())),
      sendEvent: async (_id, events) => void sent.push(...events),
    };
    await connectionRefreshSchedule(steps);
    const hour = new Date().toISOString().slice(0, 13);
    const ours = sent.filter((e) => e.data.connectionId === connectionId);
    expect(ours).toEqual([
      { id: `token-${connectionId}-${hour}`, name: 'connection/token.refresh.requested', data: { connectionId, platform: 'twitch' } },
    ]);
    expect(await connectionRefresh(steps, ours[0].data)).toEqual({ status: 'connected', refreshed: true });
    expect((await rawConnection()).accessExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it('a token that cannot be renewed becomes expiring a week before its end, with one email', async () => {
    const db = await getDb();
    const ends = new Date(Date.now() + 3 * 86_400_000);
    await db.update(platformConnections).set({ refreshToken: null, accessExpiresAt: ends }).where(eq(platformConnections.id, connectionId));
    const due = await listDueConnections(systemCtx('test'), new Date());
    expect(due.map((d) => d.id)).toContain(connectionId);
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, withinMinutes: 70 } })).toEqual({
      status: 'expiring',
      refreshed: false,
    });
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, withinMinutes: 70 } })).toEqual({
      status: 'expiring',
      refreshed: false,
    });
    const sent = await db
      .select({ subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, streamer.user.email), eq(emailOutbox.kind, 'connection_expiring')));
    expect(sent.map((s) => s.subject)).toEqual([`Your Twitch connection ends on ${ends.toISOString().slice(0, 10)}`]);
    expect((await brandSees()).map((c) => c.status)).toEqual(['expiring']);
    // Reconnecting gives it a refresh token again.
    const again = await authorize(streamer.user);
    await completeConnection({ ctx: ctxOf(streamer.user), input: again.input });
    const row = await rawConnection();
    expect([row.status, row.expiryNotifiedAt, row.refreshToken?.startsWith('rb1.')]).toEqual(['connected', null, true]);
  });

  it('disconnecting revokes the token at Twitch and deletes both tokens; nobody else can disconnect it', async () => {
    const other = await createUser('influencer');
    await expect(disconnectConnection({ ctx: ctxOf(other), input: { connectionId } })).rejects.toThrow(NotFoundError);
    const access = openSecret((await rawConnection()).accessToken!, {
      table: 'platform_connections',
      column: 'access_token',
      rowId: connectionId,
    });
    expect(await disconnectConnection({ ctx: ctxOf(streamer.user), input: { connectionId } })).toEqual({ revokedAtPlatform: true });
    expect(twitchOAuth.revoked).toContain(access);
    const row = await rawConnection();
    expect([row.status, row.accessToken, row.refreshToken]).toEqual(['revoked', null, null]);
  });
});
