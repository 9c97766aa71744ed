import { and, eq, isNull } from 'drizzle-orm';
import { invitations, memberships, users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { getDb } from '@/db';
import { consumeSends } from '../auth/rate-limit';
import { requireActor, requireOrgRole } from '../authz/guards';
import { newToken } from '../auth/tokens';
import type { VerbArgs } from '../context';
import { email, queueEmails } from '../email/queue-email';
import { getEnv } from '../env';
import { ConflictError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { inviteMemberSchema } from './schemas';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites a teammate by email as manager or viewer (owners only). A new invitation to the same
 * email replaces the open one. The link is emailed after commit and valid for 7 days.
 * At most 20 invitations per sender an hour.
 * @throws NotFoundError (not a member of the org); ForbiddenError (not owner); ValidationError;
 *         ConflictError when the person is already a member; RateLimitedError.
 */
export async function inviteMember({
  ctx,
  input,
}: VerbArgs<Untrusted<{ orgId: string; email: string; role: 'manager' | 'viewer' }>>): Promise<{ invitationId: string }> {
  const data = parseInput(inviteMemberSchema, input);
  const sender = requireActor(ctx);
  await consumeSends(await getDb(), 'invitationsPerSender', sender.userId, 1, 'You are sending invitations too quickly.');
  const result = await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'owner');
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, org.id), eq(users.email, data.email)))
      .limit(1);
    if (member) throw new ConflictError(`${data.email} is already a member of ${org.name}`);
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.orgId, org.id),
          eq(invitations.email, data.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const { token, tokenHash } = newToken();
    const [invitation] = await tx
      .insert(invitations)
      .values({
        orgId: org.id,
        email: data.email,
        role: data.role,
        tokenHash,
        invitedBy: sender.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      after: { email: data.email, role: data.role },
    });
    return { invitationId: invitation.id, token, orgName: org.name };
  });
  const url = `${getEnv().appUrl}/invitations/${encodeURIComponent(result.token)}`;
  await queueEmails([email(data.email, 'invitation', { orgName: result.orgName, inviterName: sender.name, role: data.role, url })]);
  return { invitationId: result.invitationId };
}
