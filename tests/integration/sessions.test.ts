import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { signOutEverywhere } from '@/lib/accounts/sign-out-everywhere';
import { changePassword } from '@/lib/accounts/change-password';
import { setUserFlag } from '@/lib/admin/moderate-user';
import { loadActor } from '@/lib/auth/load-actor';
import { revokeSession, startSession } from '@/lib/auth/sessions';
import { createUser, ctxOf, PASSWORD } from '../factories';

const now = () => Math.floor(Date.now() / 1000) + 1;

describe('server-side sessions', () => {
  it('a signed-out session stops working, even from a copied cookie; other sessions go on', async () => {
    const db = await getDb();
    const user = await createUser('fan');
    const laptop = await startSession(db, user.id);
    const phone = await startSession(db, user.id);
    expect(await loadActor(user.id, now(), laptop)).toMatchObject({ userId: user.id });
    await revokeSession(db, laptop);
    expect(await loadActor(user.id, now(), laptop)).toBeNull();
    expect(await loadActor(user.id, now(), phone)).toMatchObject({ userId: user.id });
    // A token without a session id (issued before sessions existed, or forged) is not a session.
    expect(await loadActor(user.id, now(), undefined)).toBeNull();
    // Another user's session id does not open this account.
    const other = await createUser('fan');
    expect(await loadActor(user.id, now(), await startSession(db, other.id))).toBeNull();
  });

  it('sign out everywhere ends every session of the account, and only of that account', async () => {
    const db = await getDb();
    const user = await createUser('brand');
    const neighbour = await createUser('brand');
    const sessions = [await startSession(db, user.id), await startSession(db, user.id)];
    const theirs = await startSession(db, neighbour.id);
    expect(await signOutEverywhere({ ctx: ctxOf(user), input: undefined })).toBe(2);
    for (const sid of sessions) expect(await loadActor(user.id, now(), sid)).toBeNull();
    expect(await loadActor(neighbour.id, now(), theirs)).toMatchObject({ userId: neighbour.id });
    await expect(signOutEverywhere({ ctx: ctxOf(null), input: undefined })).rejects.toThrow('Please sign in');
    // Signing in again starts a fresh session.
    expect(await loadActor(user.id, now(), await startSession(db, user.id))).toMatchObject({ userId: user.id });
  });

  it('suspension ends sessions for good: unsuspending does not revive them', async () => {
    const db = await getDb();
    const admin = await createUser('admin');
    const user = await createUser('influencer');
    const sid = await startSession(db, user.id);
    await setUserFlag({ ctx: ctxOf(admin), input: { userId: user.id, flagged: true, reason: 'spam links' } });
    expect(await loadActor(user.id, now(), sid)).toBeNull();
    await setUserFlag({ ctx: ctxOf(admin), input: { userId: user.id, flagged: false } });
    expect(await loadActor(user.id, now(), sid)).toBeNull();
    expect(await loadActor(user.id, now(), await startSession(db, user.id))).toMatchObject({ userId: user.id });
  });

  it('a password change ends every session', async () => {
    const db = await getDb();
    const user = await createUser('fan');
    const sid = await startSession(db, user.id);
    await changePassword({ ctx: ctxOf(user), input: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(await loadActor(user.id, now() + 5, sid)).toBeNull();
  });
});
