import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';
import { actingUser, type VerbArgs } from '../context';
import { ConflictError, ForbiddenError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { createAdminSchema } from './schemas';

/**
 * Creates a platform admin. Only trusted operator entry points (a system actor: the
 * `admin:create` CLI and the demo seed) or an existing admin may.
 * @throws ForbiddenError; ValidationError; ConflictError when the email is taken.
 */
export async function createAdmin({
  ctx,
  input,
}: VerbArgs<{ email: string; name: string; password: string }>): Promise<{ userId: string }> {
  if (ctx.actor?.kind !== 'system' && actingUser(ctx)?.role !== 'admin') throw new ForbiddenError('Only an admin can create an admin');
  const data = parseInput(createAdminSchema, input);
  const passwordHash = await hashPassword(data.password);
  return withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
    if (existing) throw new ConflictError(`An account with the email ${data.email} already exists`);
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash, role: 'admin' })
      .returning({ id: users.id });
    await audit(tx, ctx, {
      action: 'user.admin_created',
      targetType: 'user',
      targetId: user.id,
      after: { email: data.email },
    });
    return { userId: user.id };
  });
}
