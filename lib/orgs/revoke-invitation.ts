import { and, eq, isNull } from 'drizzle-orm';
import { invitations } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { revokeInvitationSchema } from './schemas';

/**
 * Revokes an open invitation of the organization (owners only).
 * @throws NotFoundError (org or invitation not found in this org, or already closed); ForbiddenError.
 */
export async function revokeInvitation({ ctx, input }: VerbArgs<{ orgId: string; invitationId: string }>): Promise<void> {
  const data = parseInput(revokeInvitationSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'owner');
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, data.invitationId),
          eq(invitations.orgId, org.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id, email: invitations.email });
    if (!revoked) throw new NotFoundError('Invitation');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: revoked.id,
      before: { email: revoked.email },
    });
  });
}
