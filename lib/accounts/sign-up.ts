import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { influencers, memberships, organizations, socialAccounts, users, type User } from '@/db/schema';
import { writeAudit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';
import type { VerbArgs } from '../context';
import { email, queueEmails } from '../email/queue-email';
import { openClaim } from '../claims/request-claim';
import { ConflictError } from '../errors';
import { ensureCreatorWorkspace } from '../orgs/creator-workspace';
import { uniqueOrgSlug } from '../orgs/unique-org-slug';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { issueEmailVerification } from './email-verification';
import { signUpSchema, type SignUpInput } from './schemas';

export type SignUpResult = { userId: string; role: User['role']; orgSlug?: string; influencerId?: string };

/**
 * Creates an account. A brand gets a new organization (pending admin approval) and is its owner;
 * an influencer gets their own profile, a claim of `platform` + `handle` to prove when given (never
 * the tracked profile of that handle: claims need proof, lib/claims), and their creator workspace
 * (`orgSlug`, see ensureCreatorWorkspace); a fan gets only the account. Emails a link to confirm the address after commit (the welcome email follows the
 * confirmation, see verifyEmail).
 * @throws ValidationError on bad input; ConflictError when the email is taken or the social account
 *         is verified by another creator.
 */
export async function signUp({ ctx, input }: VerbArgs<SignUpInput>): Promise<SignUpResult> {
  const data = parseInput(signUpSchema, input);
  const passwordHash = await hashPassword(data.password);
  const result = await withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
    if (existing) throw new ConflictError('An account with this email already exists. Sign in or reset your password.');
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash, role: data.role })
      .returning({ id: users.id, role: users.role });
    const out: SignUpResult = { userId: user.id, role: user.role };

    if (data.role === 'brand') {
      const slug = await uniqueOrgSlug(tx, data.organizationName);
      const [org] = await tx
        .insert(organizations)
        .values({ name: data.organizationName, slug })
        .returning({ id: organizations.id, slug: organizations.slug });
      await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: 'owner' });
      await writeAudit(tx, {
        orgId: org.id,
        actorId: user.id,
        action: 'organization.created',
        targetType: 'organization',
        targetId: org.id,
        after: { name: data.organizationName, slug },
      });
      out.orgSlug = org.slug;
    } else if (data.role === 'influencer') {
      out.influencerId = await createProfile(tx, user.id, data);
      out.orgSlug = await ensureCreatorWorkspace(tx, user.id, out.influencerId);
    }
    await writeAudit(tx, { actorId: user.id, action: 'user.signed_up', targetType: 'user', targetId: user.id, after: { role: data.role } });
    return { out, verifyUrl: await issueEmailVerification(tx, user.id) };
  });
  await queueEmails([email(data.email, 'email_verification', { name: data.name, url: result.verifyUrl })]);
  return result.out;
}

/**
 * The new influencer's own profile. A named social account is never taken by typing it: it becomes
 * a claim to prove (its code is shown on the creator's profile; see lib/claims), and the profile is
 * "unverified" until then.
 */
async function createProfile(
  tx: Tx,
  userId: string,
  data: { name: string; category?: string; platform?: (typeof socialAccounts.$inferSelect)['platform']; handle?: string },
): Promise<string> {
  const [profile] = await tx
    .insert(influencers)
    .values({ userId, displayName: data.name, category: data.category ?? null })
    .returning({ id: influencers.id });
  if (data.platform && data.handle) await openClaim(tx, userId, profile.id, { platform: data.platform, handle: data.handle });
  return profile.id;
}
