import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { accountSnapshots, emailOutbox, platformConnections, postSnapshots, posts, type User } from '@/db/schema';
import { completeConnection } from '@/lib/connections/complete-connection';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { connectionProviderFor, ConnectionRefusedError } from '@/lib/connections/providers';
import { refreshConnectionToken } from '@/lib/connections/refresh-connection-token';
import { startConnection } from '@/lib/connections/start-connection';
import { trackAccount } from '@/lib/connectors/track-account';
import { systemCtx } from '@/lib/context';
import { resealSecrets } from '@/lib/crypto/reseal-secrets';
import { getEnv } from '@/lib/env';
import { openSecret } from '@/lib/crypto/secret-box';
import { startFakeTikTok, TIKTOK_CLIENT_KEY, TIKTOK_USER, TIKTOK_VIDEOS } from '../connectors/fake-tiktok';
import { createInfluencerUser, createOrg, ctxOf } from '../factories';

// TikTok's login and Display API, pointed at the fake before anything reads the environment.
const fake = await startFakeTikTok();
Object.assign(process.env, fake.env);
afterAll(() => fake.close());

let priya: User;
let brand: Awaited<ReturnType<typeof createOrg>>;
let connectionId: string;
const sealed = async () => {
  const db = await getDb();
  const [row] = await db.select().from(platformConnections).where(eq(platformConnections.id, connectionId));
  return row;
};
const opened = (row: Awaited<ReturnType<typeof sealed>>, column: 'access_token' | 'refresh_token') =>
  openSecret(column === 'access_token' ? row.accessToken! : row.refreshToken!, { table: 'platform_connections', column, rowId: row.id });

beforeAll(async () => {
  priya = (await createInfluencerUser()).user;
  brand = await createOrg({ approved: true });
});

describe('TikTok', () => {
  it('connects through Login Kit with the four scopes the data needs, and stores both tokens sealed', async () => {
    const { url } = await startConnection({ ctx: ctxOf(priya), input: { platform: 'tiktok' } });
    const asked = new URL(url);
    expect(asked.origin + asked.pathname).toBe(`${fake.url}/v2/auth/authorize/`);
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      client_key: TIKTOK_CLIENT_KEY,
      scope: 'user.info.basic,user.info.profile,user.info.stats,video.list',
      response_type: 'code',
      redirect_uri: 'http://localhost:3000/connect/tiktok/callback',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const done = await completeConnection({
      ctx: ctxOf(priya),
      input: { platform: 'tiktok', state: back.searchParams.get('state')!, code: back.searchParams.get('code')! },
    });
    expect(done).toMatchObject({ platform: 'tiktok', handle: 'priya.paints' });
    const db = await getDb();
    const [row] = await db.select().from(platformConnections).where(eq(platformConnections.userId, priya.id));
    connectionId = row.id;
    expect(row).toMatchObject({ platformUserId: TIKTOK_USER.open_id, status: 'connected' });
    expect(row.scopes).toEqual(['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list']);
    expect(row.accessToken).not.toContain('act.');
    expect(row.refreshToken).not.toContain('rft.');
    expect(opened(row, 'access_token')).toMatch(/^act\.[0-9a-f]{40}$/);
    expect(opened(row, 'refresh_token')).toMatch(/^rft\.[0-9a-f]{40}$/);
  });

  it('a brand tracking the account gets the user statistics and every video, paged, as first-party snapshots', async () => {
    const tracked = await trackAccount({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, platform: 'tiktok', account: 'https://www.tiktok.com/@priya.paints' },
    });
    expect(tracked.refresh).toEqual({ status: 'refreshed', organizations: 1, posts: 23 });
    // Two pages of the video list: 20, then 3.
    expect(fake.calls.filter((c) => c === 'POST /v2/video/list/')).toHaveLength(2);
    const db = await getDb();
    const [account] = await db
      .select()
      .from(accountSnapshots)
      .where(and(eq(accountSnapshots.socialAccountId, tracked.socialAccountId), eq(accountSnapshots.ownerOrgId, brand.org.id)));
    expect(account).toMatchObject({
      followers: 86_400,
      following: 212,
      totalLikes: 1_930_000,
      postsCount: 23,
      provenance: 'api',
      firstParty: true,
    });
    const [newest] = await db
      .select({
        id: posts.platformPostId,
        publishedAt: posts.publishedAt,
        views: postSnapshots.views,
        likes: postSnapshots.likes,
        comments: postSnapshots.comments,
        shares: postSnapshots.shares,
      })
      .from(postSnapshots)
      .innerJoin(posts, eq(posts.id, postSnapshots.postId))
      .where(and(eq(posts.socialAccountId, tracked.socialAccountId), eq(postSnapshots.ownerOrgId, brand.org.id)))
      .orderBy(desc(posts.publishedAt))
      .limit(1);
    expect(newest).toEqual({
      id: TIKTOK_VIDEOS[0].id,
      publishedAt: new Date(TIKTOK_VIDEOS[0].create_time * 1000),
      views: 43_000,
      likes: 1_730,
      comments: 63,
      shares: 35,
    });
  });

  it('a refresh rotates the refresh token: the new one is stored at once and the old one no longer works', async () => {
    const before = await sealed();
    const oldRefresh = opened(before, 'refresh_token');
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } })).toEqual({
      status: 'connected',
      refreshed: true,
    });
    const after = await sealed();
    expect(opened(after, 'refresh_token')).not.toBe(oldRefresh);
    expect(opened(after, 'access_token')).not.toBe(opened(before, 'access_token'));
    await expect(connectionProviderFor('tiktok')!.refresh(oldRefresh)).rejects.toThrow(ConnectionRefusedError);
  });

  it('the tokens are resealed with a new encryption key and still work once the old key is dropped', async () => {
    const keys = getEnv().encryptionKeys;
    const saved = [...keys];
    // The operator puts the new key first (every test process holds `rotated`: tests/setup.ts) and reseals.
    keys.sort((a, b) => (a.id === 'rotated' ? -1 : b.id === 'rotated' ? 1 : 0));
    try {
      const before = opened(await sealed(), 'refresh_token');
      const [counts] = await resealSecrets({ ctx: systemCtx('test'), input: { tables: ['platform_connections'] } }).then((r) =>
        r.filter((c) => c.column === 'platform_connections.refresh_token'),
      );
      expect(counts.resealed).toBeGreaterThanOrEqual(1);
      const row = await sealed();
      expect(row.accessToken).toMatch(/^rb1\.rotated\./);
      expect(row.refreshToken).toMatch(/^rb1\.rotated\./);
      // The old key dropped: the same tokens open, and a renewal works.
      keys.splice(
        keys.findIndex((k) => k.id === 'dev'),
        1,
      );
      expect(opened(row, 'refresh_token')).toBe(before);
      expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } })).toEqual({
        status: 'connected',
        refreshed: true,
      });
      expect((await sealed()).refreshToken).toMatch(/^rb1\.rotated\./);
    } finally {
      keys.splice(0, keys.length, ...saved);
    }
  });

  it('a creator who removes the app loses the connection once, with one email', async () => {
    fake.revokeAll();
    expect(await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } })).toMatchObject({
      status: 'reauth_required',
      error: 'TikTok no longer accepts the refresh token (Refresh token is invalid or expired.)',
    });
    await refreshConnectionToken({ ctx: systemCtx('test'), input: { connectionId, force: true } });
    const db = await getDb();
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, priya.email), eq(emailOutbox.kind, 'connection_lost')));
    expect(mails).toHaveLength(1);
  });

  it('disconnecting deletes the tokens and revokes them at TikTok', async () => {
    fake.calls.length = 0;
    await disconnectConnection({ ctx: ctxOf(priya), input: { connectionId } });
    const row = await sealed();
    expect([row.status, row.accessToken, row.refreshToken]).toEqual(['revoked', null, null]);
    expect(fake.calls).toContain('POST /v2/oauth/revoke/');
  });
});
