import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations, organizations, users } from '@/db/schema';
import { hashToken } from '../auth/tokens';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

export type InvitationView = {
  orgName: string;
  email: string;
  role: 'owner' | 'manager' | 'viewer';
  /** Whether an account with the invited email already exists (decides sign-in vs sign-up). */
  accountExists: boolean;
};

/** Reads an open, unexpired invitation by its token (anyone holding the link may); null otherwise. */
export async function getInvitation({ ctx, input }: VerbArgs<{ token: string }>): Promise<InvitationView | null> {
  const db = await reader(ctx);
  const [row] = await db
    .select({ orgName: organizations.name, email: invitations.email, role: invitations.role })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(input.token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).limit(1);
  return { ...row, accountExists: Boolean(user) };
}
