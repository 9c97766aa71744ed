import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { influencers, memberships, organizations, socialAccounts, users, type User } from '@/db/schema';
import { writeAudit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';
import type { VerbArgs } from '../context';
import { email, queueEmails } from '../email/queue-email';
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
 * an influencer gets a profile, claiming the tracked profile of `platform` + `handle` when it exists
 * unclaimed, and their creator workspace (`orgSlug`, see ensureCreatorWorkspace); a fan gets only
 * the account. Emails a link to confirm the address after commit (the welcome email follows the
 * confirmation, see verifyEmail).
 * @throws ValidationError on bad input; ConflictError when the email is taken or the social account
 *         is already claimed by someone else.
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
      out.influencerId = await createOrClaimProfile(tx, user.id, data);
      out.orgSlug = await ensureCreatorWorkspace(tx, user.id, out.influencerId);
    }
    await writeAudit(tx, { actorId: user.id, action: 'user.signed_up', targetType: 'user', targetId: user.id, after: { role: data.role } });
    return { out, verifyUrl: await issueEmailVerification(tx, user.id) };
  });
  await queueEmails([email(data.email, 'email_verification', { name: data.name, url: result.verifyUrl })]);
  return result.out;
}

async function createOrClaimProfile(
  tx: Tx,
  userId: string,
  data: { name: string; category?: string; platform?: (typeof socialAccounts.$inferSelect)['platform']; handle?: string },
): Promise<string> {
  if (data.platform && data.handle) {
    const [tracked] = await tx
      .select({ influencerId: socialAccounts.influencerId, claimedBy: influencers.userId })
      .from(socialAccounts)
      .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
      .where(and(eq(socialAccounts.platform, data.platform), eq(socialAccounts.handle, data.handle)))
      .limit(1);
    if (tracked?.claimedBy)
      throw new ConflictError(`@${data.handle} on ${data.platform} is already claimed by another Reachboard account.`);
    if (tracked) {
      await tx
        .update(influencers)
        .set({ userId, ...(data.category ? { category: data.category } : {}), updatedAt: new Date() })
        .where(eq(influencers.id, tracked.influencerId));
      await writeAudit(tx, {
        actorId: userId,
        action: 'influencer.claimed',
        targetType: 'influencer',
        targetId: tracked.influencerId,
        after: { platform: data.platform, handle: data.handle },
      });
      return tracked.influencerId;
    }
  }
  const [profile] = await tx
    .insert(influencers)
    .values({ userId, displayName: data.name, category: data.category ?? null })
    .returning({ id: influencers.id });
  if (data.platform && data.handle) {
    await tx.insert(socialAccounts).values({ influencerId: profile.id, platform: data.platform, handle: data.handle });
  }
  return profile.id;
}
