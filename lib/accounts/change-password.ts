import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import { hashPassword, verifyPassword } from '../auth/password';
import { revokeAllSessions } from '../auth/sessions';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { changePasswordSchema } from './schemas';

/**
 * Changes the signed-in user's password after checking the current one. Other sessions end;
 * the caller should sign the user in again.
 * @throws UnauthorizedError; ValidationError for a wrong current password or a weak new one.
 */
export async function changePassword({ ctx, input }: VerbArgs<{ currentPassword: string; newPassword: string }>): Promise<void> {
  const actor = requireActor(ctx);
  const data = parseInput(changePasswordSchema, input);
  const passwordHash = await hashPassword(data.newPassword);
  await withTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).limit(1);
    if (!user || !(await verifyPassword(data.currentPassword, user.passwordHash))) {
      throw new ValidationError('Your current password is not correct.', { currentPassword: 'not correct' });
    }
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, actor.userId));
    await revokeAllSessions(tx, actor.userId);
    await audit(tx, ctx, { action: 'user.password_changed', targetType: 'user', targetId: actor.userId });
  });
}
