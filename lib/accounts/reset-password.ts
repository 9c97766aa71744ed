import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { revokeAllSessions } from '../auth/sessions';
import { hashPassword } from '../auth/password';
import { hashToken } from '../auth/tokens';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { resetPasswordSchema } from './schemas';

/**
 * Sets a new password with a reset token. The token works once and only within its hour; every
 * session issued before the change stops working.
 * @returns the account's email (to sign in with).
 * @throws ValidationError for a weak password or an invalid, used or expired token.
 */
export async function resetPassword({ ctx, input }: VerbArgs<{ token: string; password: string }>): Promise<{ email: string }> {
  const data = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(data.password);
  return withTransaction(ctx, async (tx) => {
    const now = new Date();
    // Consuming the token is the guard: of two concurrent uses, only one update returns a row.
    const [token] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(data.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!token)
      throw new ValidationError('This reset link is invalid, already used or expired. Request a new one.', { token: 'invalid or expired' });
    const [user] = await tx
      .update(users)
      // The emailed reset link proves the address too.
      .set({
        passwordHash,
        passwordChangedAt: now,
        updatedAt: now,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, token.userId))
      .returning({ email: users.email });
    await revokeAllSessions(tx, token.userId);
    await audit(tx, ctx, { actorId: token.userId, action: 'user.password_reset', targetType: 'user', targetId: token.userId });
    return { email: user.email };
  });
}
