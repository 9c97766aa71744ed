import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { nameField, passwordField } from '../accounts/schemas';
import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import { hashPassword } from '../auth/password';
import { hashToken } from '../auth/tokens';
import type { Ctx, VerbArgs } from '../context';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { invitationTokenSchema } from './schemas';

const INVALID = 'This invitation is invalid, already used, revoked or expired. Ask for a new one.';

async function claimInvitation(tx: Tx, token: string) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!row) throw new ValidationError(INVALID, { token: 'invalid or expired' });
  return row;
}

async function join(tx: Tx, ctx: Ctx, invitation: Awaited<ReturnType<typeof claimInvitation>>, userId: string) {
  await tx.insert(memberships).values({ orgId: invitation.orgId, userId, role: invitation.role }).onConflictDoNothing();
  await audit(tx, ctx, {
    orgId: invitation.orgId,
    actorId: userId,
    action: 'member.joined',
    targetType: 'membership',
    targetId: userId,
    after: { role: invitation.role, invitationId: invitation.id },
  });
  const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, invitation.orgId));
  return { orgSlug: org.slug };
}

/**
 * Accepts an invitation as the signed-in brand user whose email it was sent to.
 * @returns the joined organization's slug.
 * @throws UnauthorizedError; ForbiddenError (another email, or not a brand account);
 *         ValidationError (invalid, used, revoked or expired token).
 */
export async function acceptInvitation({ ctx, input }: VerbArgs<{ token: string }>): Promise<{ orgSlug: string }> {
  const actor = requireActor(ctx);
  const { token } = parseInput(invitationTokenSchema, input);
  return withTransaction(ctx, async (tx) => {
    const invitation = await claimInvitation(tx, token);
    if (invitation.email !== actor.email)
      throw new ForbiddenError(`This invitation was sent to ${invitation.email}. Sign in with that account to accept it.`);
    if (actor.role !== 'brand')
      throw new ForbiddenError('Only brand accounts can join an organization. This account is an influencer, fan or admin account.');
    return join(tx, ctx, invitation, actor.userId);
  });
}

const newUserSchema = invitationTokenSchema.extend({ name: nameField, password: passwordField });

/**
 * Creates a brand account for the invited email and accepts the invitation in one step.
 * @throws ValidationError (bad input, invalid token); ConflictError when the email already has an account.
 */
export async function acceptInvitationAsNewUser({
  ctx,
  input,
}: VerbArgs<{ token: string; name: string; password: string }>): Promise<{ orgSlug: string; email: string }> {
  const data = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return withTransaction(ctx, async (tx) => {
    const invitation = await claimInvitation(tx, data.token);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
    if (existing) throw new ConflictError(`An account with ${invitation.email} already exists: sign in to accept the invitation.`);
    const [user] = await tx
      .insert(users)
      // The emailed invitation link proves the address: no separate confirmation.
      .values({ email: invitation.email, name: data.name, passwordHash, role: 'brand', emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    await audit(tx, ctx, {
      actorId: user.id,
      action: 'user.signed_up',
      targetType: 'user',
      targetId: user.id,
      after: { role: 'brand', via: 'invitation' },
    });
    return { ...(await join(tx, ctx, invitation, user.id)), email: invitation.email };
  });
}
