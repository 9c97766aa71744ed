import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import {
  emailOutbox,
  emailVerificationTokens,
  signUpRequests,
  accountClaims,
  influencers,
  memberships,
  organizations,
  passwordResetTokens,
  rateLimits,
  socialAccounts,
  users,
} from '@/db/schema';
import { authenticate, BAD_CREDENTIALS } from '@/lib/accounts/authenticate';
import { changePassword } from '@/lib/accounts/change-password';
import { createAdmin } from '@/lib/accounts/create-admin';
import { emailVerificationPending, resendEmailVerification, verifyEmail } from '@/lib/accounts/email-verification';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resetPassword } from '@/lib/accounts/reset-password';
import { signUp } from '@/lib/accounts/sign-up';
import { updateProfile } from '@/lib/accounts/update-profile';
import { cleanupRateLimits } from '@/lib/auth/cleanup-rate-limits';
import { loadActor } from '@/lib/auth/load-actor';
import { startSession } from '@/lib/auth/sessions';
import { ForbiddenError, RateLimitedError, UnauthorizedError, ValidationError } from '@/lib/errors';
import { createUser, ctxOf, lastEmailTo, linkIn, PASSWORD, signUpConfirmed, uniq } from '../factories';
import { systemCtx } from '@/lib/context';

const anon = () => ctxOf(null);

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('sign-up', () => {
  it('creates nothing until the emailed link is opened; then a brand gets its organization, pending approval, of which it is the owner', async () => {
    const email = `Owner-${uniq()}@Acme.example`;
    expect(
      await signUp({
        ctx: anon(),
        input: { role: 'brand', name: 'Ada Owner', email, password: 'a long enough password', organizationName: 'Acme Outdoor Co.' },
      }),
    ).toBeUndefined();
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, email.toLowerCase()))).toEqual([]);
    const confirm = await lastEmailTo(email.toLowerCase());
    expect(confirm?.kind).toBe('email_verification');
    expect(confirm?.subject).toBe('Confirm your email address for Reachboard');
    const { created } = await verifyEmail({ ctx: anon(), input: { token: tokenOf(linkIn(confirm!.text, '/verify-email?token=')) } });
    const [user] = await db.select().from(users).where(eq(users.id, created!.userId));
    expect(user.email).toBe(email.toLowerCase());
    expect(user.role).toBe('brand');
    expect(user.passwordHash).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(user.emailVerifiedAt).not.toBeNull();
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, created!.orgSlug!));
    expect(org.name).toBe('Acme Outdoor Co.');
    expect(org.approvalStatus).toBe('pending');
    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(membership).toMatchObject({ orgId: org.id, role: 'owner' });
    expect((await lastEmailTo(user.email))?.text).toContain('Welcome, Ada Owner. Your email address is confirmed.');
    await expect(authenticate({ ctx: ctxOf(null), input: { email, password: 'a long enough password' } })).resolves.toMatchObject({
      userId: user.id,
    });
    // The link works once.
    await expect(verifyEmail({ ctx: anon(), input: { token: tokenOf(linkIn(confirm!.text, '/verify-email?token=')) } })).rejects.toThrow(
      /invalid, already used or expired/,
    );
  });

  it('answers the same for an address that has an account: its owner is told by email, nothing is created or changed', async () => {
    const owner = await createUser('fan');
    const answer = await signUp({
      ctx: anon(),
      input: { role: 'brand', name: 'Intruder', email: owner.email, password: 'another passphrase', organizationName: 'Evil Co' },
    });
    expect(answer).toBeUndefined();
    const mail = await lastEmailTo(owner.email);
    expect(mail?.kind).toBe('account_exists');
    expect(mail?.subject).toBe('You already have a Reachboard account');
    expect(mail?.text).toContain('Someone tried to create a Reachboard account with this email address.');
    const db = await getDb();
    expect(await db.select().from(signUpRequests).where(eq(signUpRequests.email, owner.email))).toEqual([]);
    const [same] = await db.select().from(users).where(eq(users.id, owner.id));
    expect(same.passwordHash).toBe(owner.passwordHash);
    await expect(authenticate({ ctx: ctxOf(null), input: { email: owner.email, password: 'another passphrase' } })).rejects.toThrow(
      BAD_CREDENTIALS,
    );
  });

  it('a sign-up link expires after 24 hours; the first confirmed link of an address voids the others', async () => {
    const email = `late-${uniq()}@example.com`;
    await signUp({ ctx: anon(), input: { role: 'fan', name: 'Late Fan', email, password: 'a long enough password' } });
    const db = await getDb();
    await db
      .update(signUpRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(signUpRequests.email, email));
    await expect(
      verifyEmail({ ctx: anon(), input: { token: tokenOf(linkIn((await lastEmailTo(email))!.text, '/verify-email?token=')) } }),
    ).rejects.toThrow(/invalid, already used or expired/);
    const again = `twice-${uniq()}@example.com`;
    await signUp({ ctx: anon(), input: { role: 'fan', name: 'First Try', email: again, password: 'a long enough password' } });
    const first = tokenOf(linkIn((await lastEmailTo(again))!.text, '/verify-email?token='));
    await signUp({ ctx: anon(), input: { role: 'fan', name: 'Second Try', email: again, password: 'another long passphrase' } });
    const second = tokenOf(linkIn((await lastEmailTo(again))!.text, '/verify-email?token='));
    const { created } = await verifyEmail({ ctx: anon(), input: { token: second } });
    const [user] = await db.select().from(users).where(eq(users.id, created!.userId));
    expect(user.name).toBe('Second Try');
    await expect(verifyEmail({ ctx: anon(), input: { token: first } })).rejects.toThrow(/invalid, already used or expired/);
  });

  it('at most 5 sign-ups per address an hour', async () => {
    const email = `many-${uniq()}@example.com`;
    for (let i = 0; i < 5; i++)
      await signUp({ ctx: anon(), input: { role: 'fan', name: `Try ${i}`, email, password: 'a long enough password' } });
    await expect(signUp({ ctx: anon(), input: { role: 'fan', name: 'Try 6', email, password: 'a long enough password' } })).rejects.toThrow(
      /^Too many sign-ups with this address\. Try again in (59|60) minutes\.$/,
    );
  });

  it('an account without a confirmed address confirms it through a link it asks for again; a new link replaces the old', async () => {
    const user = await createUser('fan', { name: 'Vera Fan' });
    const actor = (await loadActor(user.id, undefined, await startSession(await getDb(), user.id)))!;
    expect(await emailVerificationPending({ ctx: { actor }, input: undefined })).toBe(true);
    expect(await resendEmailVerification({ ctx: { actor }, input: undefined })).toBe(true);
    const first = linkIn((await lastEmailTo(user.email))!.text, '/verify-email?token=');
    expect(await resendEmailVerification({ ctx: { actor }, input: undefined })).toBe(true);
    const second = linkIn((await lastEmailTo(user.email))!.text, '/verify-email?token=');
    expect(second).not.toBe(first);
    await expect(verifyEmail({ ctx: anon(), input: { token: tokenOf(first) } })).rejects.toThrow(/invalid, already used or expired/);
    expect(await verifyEmail({ ctx: anon(), input: { token: tokenOf(second) } })).toEqual({ email: user.email });
    expect(await emailVerificationPending({ ctx: { actor }, input: undefined })).toBe(false);
    const welcome = await lastEmailTo(user.email);
    expect(welcome?.kind).toBe('welcome');
    expect(welcome?.text).toContain('Welcome, Vera Fan. Your email address is confirmed.');
    // Used once: the same link is refused, no second welcome; nothing more to resend.
    await expect(verifyEmail({ ctx: anon(), input: { token: tokenOf(second) } })).rejects.toThrow(ValidationError);
    await expect(verifyEmail({ ctx: anon(), input: { token: 'made-up' } })).rejects.toThrow(ValidationError);
    expect(await resendEmailVerification({ ctx: { actor }, input: undefined })).toBe(false);
    const db = await getDb();
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.to, user.email), eq(emailOutbox.kind, 'welcome'))),
    ).toHaveLength(1);
  });

  it('a confirmation link expires after 24 hours, and resending is limited to 3 an hour', async () => {
    const user = await createUser('fan');
    const actor = (await loadActor(user.id, undefined, await startSession(await getDb(), user.id)))!;
    expect(await resendEmailVerification({ ctx: { actor }, input: undefined })).toBe(true);
    const token = tokenOf(linkIn((await lastEmailTo(user.email))!.text, '/verify-email?token='));
    const db = await getDb();
    await db
      .update(emailVerificationTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailVerificationTokens.userId, user.id));
    await expect(verifyEmail({ ctx: anon(), input: { token } })).rejects.toThrow(/expired/);
    for (let i = 0; i < 2; i++) expect(await resendEmailVerification({ ctx: { actor }, input: undefined })).toBe(true);
    await expect(resendEmailVerification({ ctx: { actor }, input: undefined })).rejects.toThrow(RateLimitedError);
  });

  it('two brands with the same name get distinct slugs', async () => {
    const name = `Same Name ${uniq()}`;
    const a = await signUpConfirmed({
      role: 'brand',
      name: 'A',
      email: `a-${uniq()}@x.example`,
      password: 'a long enough password',
      organizationName: name,
    });
    const b = await signUpConfirmed({
      role: 'brand',
      name: 'B',
      email: `b-${uniq()}@x.example`,
      password: 'a long enough password',
      organizationName: name,
    });
    expect(b.orgSlug).toBe(`${a.orgSlug}-2`);
  });

  it('an influencer gets their own unverified profile and a claim of the handle given, never the account itself', async () => {
    const handle = `creator_${uniq()}`;
    const result = await signUpConfirmed({
      role: 'influencer',
      name: 'Maya',
      email: `maya-${uniq()}@x.example`,
      password: 'a long enough password',
      category: 'Travel',
      platform: 'instagram',
      handle: `@${handle.toUpperCase()}`,
    });
    const db = await getDb();
    const [profile] = await db.select().from(influencers).where(eq(influencers.id, result.influencerId!));
    expect(profile).toMatchObject({ userId: result.userId, displayName: 'Maya', category: 'Travel', verifiedAt: null });
    expect(await db.select().from(socialAccounts).where(eq(socialAccounts.influencerId, profile.id))).toEqual([]);
    const [claim] = await db.select().from(accountClaims).where(eq(accountClaims.influencerId, profile.id));
    expect(claim).toMatchObject({ platform: 'instagram', handle, status: 'pending' });
    expect(claim.code).toMatch(/^RB-[A-HJ-NP-Z2-9]{8}$/);
  });

  it('typing the handle of a tracked profile at sign-up takes nothing of it', async () => {
    const db = await getDb();
    const handle = `tracked_${uniq()}`;
    const [tracked] = await db.insert(influencers).values({ displayName: 'Tracked Creator' }).returning();
    await db.insert(socialAccounts).values({ influencerId: tracked.id, platform: 'youtube', handle });
    const impostor = await signUpConfirmed({
      role: 'influencer',
      name: 'Impostor',
      email: `imp-${uniq()}@x.example`,
      password: 'a long enough password',
      platform: 'youtube',
      handle,
    });
    expect(impostor.influencerId).not.toBe(tracked.id);
    const [still] = await db.select().from(influencers).where(eq(influencers.id, tracked.id));
    expect(still).toMatchObject({ userId: null, displayName: 'Tracked Creator' });
    const [account] = await db.select().from(socialAccounts).where(eq(socialAccounts.handle, handle));
    expect(account.influencerId).toBe(tracked.id);
  });

  it('a fan gets only an account', async () => {
    const result = await signUpConfirmed({
      role: 'fan',
      name: 'Fan',
      email: `fan-${uniq()}@x.example`,
      password: 'a long enough password',
    });
    expect(result).toEqual({ userId: result.userId, role: 'fan' });
  });

  it('refuses bad input without writing anything', async () => {
    const short = `short-${uniq()}@x.example`;
    const error = await signUp({ ctx: anon(), input: { role: 'fan', name: 'Short', email: short, password: 'short' } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.password).toBe('Use at least 10 characters');
    const db = await getDb();
    expect(await db.select().from(signUpRequests).where(eq(signUpRequests.email, short))).toHaveLength(0);
    expect(await lastEmailTo(short)).toBeUndefined();
    const noOrg = await signUp({
      ctx: anon(),
      input: { role: 'brand', name: 'X', email: `x-${uniq()}@x.example`, password: 'a long enough password', organizationName: '' },
    }).catch((e) => e);
    expect(noOrg.fieldErrors.organizationName).toBe('Enter your brand or company name');
  });
});

describe('sign-in', () => {
  it('accepts the right password and gives the same message for a wrong password and an unknown email', async () => {
    const user = await createUser('brand');
    const actor = await authenticate({ ctx: ctxOf(null), input: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(actor).toEqual({ kind: 'user', userId: user.id, role: 'brand', email: user.email, name: user.name });
    const wrong = await authenticate({ ctx: ctxOf(null), input: { email: user.email, password: 'not the password' } }).catch((e) => e);
    const unknown = await authenticate({
      ctx: ctxOf(null),
      input: { email: `nobody-${uniq()}@x.example`, password: 'whatever it is' },
    }).catch((e) => e);
    expect(wrong).toBeInstanceOf(UnauthorizedError);
    expect(unknown).toBeInstanceOf(UnauthorizedError);
    expect(wrong.message).toBe(BAD_CREDENTIALS);
    expect(unknown.message).toBe(BAD_CREDENTIALS);
  });

  it('locks an email after 5 failures, even for the right password, whatever the IP', async () => {
    const user = await createUser('fan');
    for (let i = 0; i < 5; i++) {
      await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: `wrong ${i} password` } })).rejects.toThrow(
        BAD_CREDENTIALS,
      );
    }
    const locked = await authenticate({ ctx: ctxOf(null), input: { email: user.email, password: PASSWORD } }).catch((e) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect(locked.message).toMatch(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
  });

  it('the hourly cleanup deletes a counter only once its window ended over an hour ago', async () => {
    const user = await createUser('fan');
    await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: 'a wrong password' } })).rejects.toThrow(
      BAD_CREDENTIALS,
    );
    const db = await getDb();
    const counters = async () => (await db.select().from(rateLimits)).filter((r) => r.key === `loginFailuresPerEmail:${user.email}`);
    const [counter] = await counters();
    expect(counter.points).toBe(1);
    const windowEnd = counter.expire!.getTime();
    await expect(cleanupRateLimits({ ctx: ctxOf(user), input: {} })).rejects.toThrow(ForbiddenError);
    await cleanupRateLimits({ ctx: systemCtx('test'), input: { now: new Date(windowEnd + 59 * 60_000) } });
    expect((await counters()).map((r) => r.points)).toEqual([1]);
    await cleanupRateLimits({ ctx: systemCtx('test'), input: { now: new Date(windowEnd + 61 * 60_000) } });
    expect(await counters()).toEqual([]);
  });

  it('locks an IP after 30 failures across many emails, with the same message for unknown emails', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 30; i++) {
      await expect(
        authenticate({ ctx: { actor: null, ip }, input: { email: `probe-${i}-${uniq()}@x.example`, password: 'guess guess guess' } }),
      ).rejects.toThrow(BAD_CREDENTIALS);
    }
    const user = await createUser('fan');
    await expect(authenticate({ ctx: { actor: null, ip }, input: { email: user.email, password: PASSWORD } })).rejects.toThrow(
      RateLimitedError,
    );
    await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: PASSWORD } })).resolves.toMatchObject({
      userId: user.id,
    });
  });

  it('refuses a flagged account only once its password is proven, and ends its sessions', async () => {
    const user = await createUser('influencer', { flaggedAt: new Date(), flagReason: 'spam' });
    await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: 'wrong password!' } })).rejects.toThrow(
      BAD_CREDENTIALS,
    );
    await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: PASSWORD } })).rejects.toThrow(ForbiddenError);
    expect(await loadActor(user.id, Math.floor(Date.now() / 1000), await startSession(await getDb(), user.id))).toBeNull();
  });
});

describe('password reset', () => {
  it('works end to end through the emailed link, once, and ends older sessions', async () => {
    const user = await createUser('brand', { passwordChangedAt: new Date(Date.now() - 86_400_000) });
    const sessionIssuedAt = Math.floor(Date.now() / 1000) - 60;
    const sid = await startSession(await getDb(), user.id);
    expect(await loadActor(user.id, sessionIssuedAt, sid)).not.toBeNull();
    await requestPasswordReset({ ctx: ctxOf(null), input: { email: user.email } });
    const email = await lastEmailTo(user.email);
    expect(email.subject).toBe('Reset your Reachboard password');
    const link = new URL(linkIn(email.text, '/reset-password'));
    const token = link.searchParams.get('token')!;
    expect(email.html).toContain('/reset-password?token=');

    await expect(resetPassword({ ctx: ctxOf(null), input: { token, password: 'short' } })).rejects.toThrow(ValidationError);
    await expect(resetPassword({ ctx: ctxOf(null), input: { token, password: 'my brand new passphrase' } })).resolves.toEqual({
      email: user.email,
    });
    await expect(
      authenticate({ ctx: ctxOf(null), input: { email: user.email, password: 'my brand new passphrase' } }),
    ).resolves.toMatchObject({ userId: user.id });
    await expect(authenticate({ ctx: ctxOf(null), input: { email: user.email, password: PASSWORD } })).rejects.toThrow(BAD_CREDENTIALS);
    await expect(resetPassword({ ctx: ctxOf(null), input: { token, password: 'yet another passphrase' } })).rejects.toThrow(
      /invalid, already used or expired/,
    );
    expect(await loadActor(user.id, sessionIssuedAt, sid)).toBeNull();
  });

  it('stores only a hash of the token, refuses an expired one, and a new request voids the old link', async () => {
    const user = await createUser('fan');
    await requestPasswordReset({ ctx: ctxOf(null), input: { email: user.email } });
    const first = new URL(linkIn((await lastEmailTo(user.email)).text, '/reset-password')).searchParams.get('token')!;
    const db = await getDb();
    const rows = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(first);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000 + 1000);

    await requestPasswordReset({ ctx: ctxOf(null), input: { email: user.email } });
    await expect(resetPassword({ ctx: ctxOf(null), input: { token: first, password: 'a fresh passphrase' } })).rejects.toThrow(
      ValidationError,
    );
    const second = new URL(linkIn((await lastEmailTo(user.email)).text, '/reset-password')).searchParams.get('token')!;
    await db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, user.id));
    await expect(resetPassword({ ctx: ctxOf(null), input: { token: second, password: 'a fresh passphrase' } })).rejects.toThrow(
      ValidationError,
    );
  });

  it('answers the same for an unknown email and sends nothing; limits requests per email', async () => {
    const unknown = `ghost-${uniq()}@x.example`;
    await expect(requestPasswordReset({ ctx: ctxOf(null), input: { email: unknown } })).resolves.toBeUndefined();
    expect(await lastEmailTo(unknown)).toBeUndefined();
    const user = await createUser('fan');
    for (let i = 0; i < 3; i++) await requestPasswordReset({ ctx: ctxOf(null), input: { email: user.email } });
    await expect(requestPasswordReset({ ctx: ctxOf(null), input: { email: user.email } })).rejects.toThrow(RateLimitedError);
  });
});

describe('profile and admin', () => {
  it('changes the password only with the current one', async () => {
    const user = await createUser('fan');
    await expect(
      changePassword({ ctx: ctxOf(user), input: { currentPassword: 'wrong one', newPassword: 'another long passphrase' } }),
    ).rejects.toThrow(/current password is not correct/);
    await changePassword({ ctx: ctxOf(user), input: { currentPassword: PASSWORD, newPassword: 'another long passphrase' } });
    await expect(
      authenticate({ ctx: ctxOf(null), input: { email: user.email, password: 'another long passphrase' } }),
    ).resolves.toMatchObject({ userId: user.id });
    await expect(
      changePassword({ ctx: ctxOf(null), input: { currentPassword: PASSWORD, newPassword: 'another long passphrase' } }),
    ).rejects.toThrow(UnauthorizedError);
  });

  it('renames the user', async () => {
    const user = await createUser('brand');
    await updateProfile({ ctx: ctxOf(user), input: { name: '  Grace Hopper ' } });
    const db = await getDb();
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].name).toBe('Grace Hopper');
  });

  it('creates an admin only from the CLI or by an admin', async () => {
    const brand = await createUser('brand');
    const input = { email: `admin-${uniq()}@x.example`, name: 'Root', password: 'an admin passphrase' };
    await expect(createAdmin({ ctx: ctxOf(brand), input })).rejects.toThrow(ForbiddenError);
    await expect(createAdmin({ ctx: ctxOf(null), input })).rejects.toThrow(ForbiddenError);
    const { userId } = await createAdmin({ ctx: systemCtx('test'), input });
    await expect(authenticate({ ctx: ctxOf(null), input: { email: input.email, password: input.password } })).resolves.toMatchObject({
      userId,
      role: 'admin',
    });
  });
});
