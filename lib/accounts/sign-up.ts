import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { influencers, memberships, organizations, signUpRequests, socialAccounts, users, type SocialAccount, type User } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';
import { assertNotLimited, consumePoint } from '../auth/rate-limit';
import { newToken } from '../auth/tokens';
import type { Ctx, VerbArgs } from '../context';
import { email, queueEmails } from '../email/queue-email';
import { openClaim } from '../claims/request-claim';
import { ConflictError } from '../errors';
import { ensureCreatorWorkspace } from '../orgs/creator-workspace';
import { uniqueOrgSlug } from '../orgs/unique-org-slug';
import { getEnv } from '../env';
import { reader, withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { signUpSchema, type SignUpInput } from './schemas';

export type SignUpResult = { userId: string; role: User['role']; orgSlug?: string; influencerId?: string };

/** How long a sign-up's confirmation link works. */
const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Starts a sign-up: the account is created only when the emailed confirmation link is opened
 * (see createAccount, called by verifyEmail). The answer is the same whether or not the address
 * already has an account: a new address gets the confirmation link; an address with an account
 * gets an email saying so (sign in or reset the password) and nothing is created. The password is
 * hashed either way. At most 5 sign-ups per address and 20 per client IP an hour.
 * @throws ValidationError on bad input; ConflictError when the named social account is verified by
 *         another creator; RateLimitedError.
 */
export async function signUp({ ctx, input }: VerbArgs<SignUpInput | Record<string, string>>): Promise<void> {
  const data = parseInput(signUpSchema, input);
  const db = await reader(ctx);
  await assertNotLimited(db, 'signUpsPerEmail', data.email, 'Too many sign-ups with this address.');
  if (ctx.ip) await assertNotLimited(db, 'signUpsPerIp', ctx.ip, 'Too many sign-ups from your network.');
  if (data.role === 'influencer' && data.platform && data.handle) await assertClaimable(db, data.platform, data.handle);
  const passwordHash = await hashPassword(data.password);
  const { password: _password, ...details } = data;
  const appUrl = getEnv().appUrl;
  const mail = await withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select({ name: users.name }).from(users).where(eq(users.email, data.email)).limit(1);
    if (existing)
      return email(data.email, 'account_exists', {
        name: existing.name,
        signInUrl: `${appUrl}/sign-in?email=${encodeURIComponent(data.email)}`,
        resetUrl: `${appUrl}/forgot-password`,
      });
    const { token, tokenHash } = newToken();
    await tx
      .insert(signUpRequests)
      .values({ email: data.email, tokenHash, passwordHash, details, expiresAt: new Date(Date.now() + SIGN_UP_TTL_MS) });
    return email(data.email, 'email_verification', { name: data.name, url: `${appUrl}/verify-email?token=${encodeURIComponent(token)}` });
  });
  await consumePoint(db, 'signUpsPerEmail', data.email);
  if (ctx.ip) await consumePoint(db, 'signUpsPerIp', ctx.ip);
  await queueEmails([mail]);
}

/** @throws ConflictError when another creator verified the account (the form can say so at once). */
async function assertClaimable(db: Db | Tx, platform: SocialAccount['platform'], handle: string): Promise<void> {
  const [held] = await db
    .select({ verifiedAt: influencers.verifiedAt, userId: influencers.userId })
    .from(socialAccounts)
    .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
    .where(and(eq(socialAccounts.platform, platform), eq(socialAccounts.handle, handle)));
  if (held?.userId && held.verifiedAt)
    throw new ConflictError(`@${handle} on ${platform} is verified by another Reachboard creator. Contact support if it is yours.`);
}

/**
 * Creates the account of a confirmed sign-up, its address confirmed. A brand gets a new
 * organization (pending admin approval) and is its owner; an influencer gets their own profile, a
 * claim of `platform` + `handle` to prove when given (never the tracked profile of that handle:
 * claims need proof, lib/claims), and their creator workspace (`orgSlug`, see
 * ensureCreatorWorkspace); a fan gets only the account. Runs in the caller's transaction.
 * @throws ConflictError when the address got an account meanwhile.
 */
export async function createAccount(
  tx: Tx,
  ctx: Ctx,
  email: string,
  passwordHash: string,
  details: Record<string, unknown>,
): Promise<SignUpResult> {
  // The stored details were validated at sign-up; parse them again for their types (the password
  // is already a hash, so a placeholder stands in for it).
  const data = parseInput(signUpSchema, { ...details, email, password: 'x'.repeat(12) });
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
  if (existing) throw new ConflictError('An account with this address exists already: sign in, or reset your password.');
  const now = new Date();
  const [user] = await tx
    .insert(users)
    .values({ email: data.email, name: data.name, passwordHash, role: data.role, emailVerifiedAt: now })
    .returning({ id: users.id, role: users.role });
  const out: SignUpResult = { userId: user.id, role: user.role };
  if (data.role === 'brand') {
    const slug = await uniqueOrgSlug(tx, data.organizationName);
    const [org] = await tx
      .insert(organizations)
      .values({ name: data.organizationName, slug })
      .returning({ id: organizations.id, slug: organizations.slug });
    await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: 'owner' });
    await audit(tx, ctx, {
      orgId: org.id,
      actorId: user.id,
      action: 'organization.created',
      targetType: 'organization',
      targetId: org.id,
      after: { name: data.organizationName, slug },
    });
    out.orgSlug = org.slug;
  } else if (data.role === 'influencer') {
    out.influencerId = await createProfile(tx, ctx, user.id, data);
    out.orgSlug = await ensureCreatorWorkspace(tx, ctx, user.id, out.influencerId);
  }
  await audit(tx, ctx, { actorId: user.id, action: 'user.signed_up', targetType: 'user', targetId: user.id, after: { role: data.role } });
  return out;
}

/**
 * The new influencer's own profile. A named social account is never taken by typing it: it becomes
 * a claim to prove (its code is shown on the creator's profile; see lib/claims), and the profile is
 * "unverified" until then.
 */
async function createProfile(
  tx: Tx,
  ctx: Ctx,
  userId: string,
  data: { name: string; category?: string; platform?: (typeof socialAccounts.$inferSelect)['platform']; handle?: string },
): Promise<string> {
  const [profile] = await tx
    .insert(influencers)
    .values({ userId, displayName: data.name, category: data.category ?? null })
    .returning({ id: influencers.id });
  // A claim that became impossible meanwhile (another creator verified the account) is left out.
  if (data.platform && data.handle)
    await openClaim(tx, ctx, userId, profile.id, { platform: data.platform, handle: data.handle }).catch((error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
    });
  return profile.id;
}
