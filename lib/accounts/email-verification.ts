import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { emailVerificationTokens, signUpRequests, users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import { assertNotLimited, consumePoint } from '../auth/rate-limit';
import { hashToken, newToken } from '../auth/tokens';
import { actingUser, type VerbArgs } from '../context';
import { email, queueEmails } from '../email/queue-email';
import { getEnv } from '../env';
import { ValidationError } from '../errors';
import { reader, withTransaction } from '../transaction';
import { createAccount, type SignUpResult } from './sign-up';

/** How long an email-confirmation link works. */
const VERIFICATION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a confirmation link for the user's address inside the caller's transaction; earlier
 * unused links of the account stop working.
 * @returns the absolute URL to email.
 */
async function issueEmailVerification(tx: Tx, userId: string): Promise<string> {
  const now = new Date();
  await tx
    .update(emailVerificationTokens)
    .set({ usedAt: now })
    .where(and(eq(emailVerificationTokens.userId, userId), isNull(emailVerificationTokens.usedAt)));
  const { token, tokenHash } = newToken();
  await tx.insert(emailVerificationTokens).values({ userId, tokenHash, expiresAt: new Date(now.getTime() + VERIFICATION_TOKEN_TTL_MS) });
  return `${getEnv().appUrl}/verify-email?token=${encodeURIComponent(token)}`;
}

/**
 * Whether the signed-in user still has to confirm their email address (false for admins, who are
 * created from the command line, and for anyone signed out).
 */
export async function emailVerificationPending({ ctx }: VerbArgs<void>): Promise<boolean> {
  const actor = actingUser(ctx);
  if (!actor || actor.role === 'admin') return false;
  const db = await reader(ctx);
  const [user] = await db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, actor.userId));
  return Boolean(user && !user.verifiedAt);
}

/**
 * Emails the signed-in user a new confirmation link (3 per hour). Does nothing when the address is
 * already confirmed.
 * @returns whether a link was sent.
 * @throws UnauthorizedError signed out; RateLimitedError past 3 requests an hour.
 */
export async function resendEmailVerification({ ctx }: VerbArgs<void>): Promise<boolean> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  await assertNotLimited(db, 'emailVerificationPerUser', actor.userId, 'Too many confirmation emails.');
  const sent = await withTransaction(ctx, async (tx) => {
    const [user] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, actor.userId));
    if (!user || user.verifiedAt) return null;
    return issueEmailVerification(tx, actor.userId);
  });
  if (!sent) return false;
  await consumePoint(db, 'emailVerificationPerUser', actor.userId);
  await queueEmails([email(actor.email, 'email_verification', { name: actor.name, url: sent })]);
  return true;
}

/**
 * Confirms an email address with the emailed token (single use, 24 hours) and sends the welcome
 * email the first time. The token of a sign-up creates its account now (createAccount; the
 * address's other pending sign-ups go with it); the token of an existing account confirms its
 * address. Works signed in or out: the token is the proof.
 * @returns the confirmed address, and the account when this link created it.
 * @throws ValidationError for an invalid, used or expired link; ConflictError when the address got
 *         an account through another sign-up meanwhile.
 */
export async function verifyEmail({ ctx, input }: VerbArgs<{ token: string }>): Promise<{ email: string; created?: SignUpResult }> {
  const token = typeof input?.token === 'string' ? input.token.trim() : '';
  const signUp = token
    ? await withTransaction(ctx, async (tx) => {
        const [request] = await tx
          .delete(signUpRequests)
          .where(and(eq(signUpRequests.tokenHash, hashToken(token)), gt(signUpRequests.expiresAt, new Date())))
          .returning();
        if (!request) return null;
        await tx.delete(signUpRequests).where(eq(signUpRequests.email, request.email));
        const created = await createAccount(tx, ctx, request.email, request.passwordHash, request.details);
        const [user] = await tx.select().from(users).where(eq(users.id, created.userId));
        return { created, user };
      })
    : null;
  if (signUp) {
    const { user } = signUp;
    await queueEmails([
      email(user.email, 'welcome', {
        name: user.name,
        role: user.role as Exclude<typeof user.role, 'admin'>,
        url: `${getEnv().appUrl}/home`,
      }),
    ]);
    return { email: user.email, created: signUp.created };
  }
  const result = await withTransaction(ctx, async (tx) => {
    const now = new Date();
    // Consuming the token is the guard: of two concurrent uses, only one update returns a row.
    const [used] = token
      ? await tx
          .update(emailVerificationTokens)
          .set({ usedAt: now })
          .where(
            and(
              eq(emailVerificationTokens.tokenHash, hashToken(token)),
              isNull(emailVerificationTokens.usedAt),
              gt(emailVerificationTokens.expiresAt, now),
            ),
          )
          .returning({ userId: emailVerificationTokens.userId })
      : [];
    if (!used)
      throw new ValidationError(
        'This confirmation link is invalid, already used or expired. Signing up? Sign up again for a new link. Have an account? Sign in and ask for one.',
      );
    const [before] = await tx.select().from(users).where(eq(users.id, used.userId));
    if (!before) throw new ValidationError('This account no longer exists.');
    if (before.emailVerifiedAt) return { user: before, first: false };
    await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, before.id));
    await audit(tx, ctx, {
      actorId: before.id,
      action: 'user.email_verified',
      targetType: 'user',
      targetId: before.id,
      after: { email: before.email },
    });
    return { user: before, first: true };
  });
  const { user } = result;
  if (result.first && user.role !== 'admin')
    await queueEmails([email(user.email, 'welcome', { name: user.name, role: user.role, url: `${getEnv().appUrl}/home` })]);
  return { email: user.email };
}
