import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { burnPasswordCheck, verifyPassword } from '../auth/password';
import { assertNotLimited, consumePoint, resetLimit } from '../auth/rate-limit';
import { type UserActor, type VerbArgs, userActor } from '../context';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../errors';
import { reader } from '../transaction';
import { credentialsSchema } from './schemas';

/** The one message for a wrong email or password: it never tells which. */
export const BAD_CREDENTIALS = 'Email or password is incorrect.';
const TOO_MANY = 'Too many failed sign-in attempts.';

/**
 * Checks an email and password. Failures are counted per email (5 / 15 min) and, when the client IP is known, per IP
 * (30 / 15 min); past either limit every attempt is refused, correct or not.
 * @returns the actor on success.
 * @throws UnauthorizedError (bad credentials, same message for an unknown email),
 *         RateLimitedError, ForbiddenError for a suspended (flagged) account.
 */
export async function authenticate({ ctx, input }: VerbArgs<{ email: string; password: string }>): Promise<UserActor> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('Enter your email and password.');
  const { email, password } = parsed.data;
  const db = await reader(ctx);
  // Without a client IP (no proxy header) a shared "unknown" key would let anyone lock everyone
  // out, so the per-IP limit applies only when the IP is known; the per-email limit always does.
  const ip = ctx.ip;
  await assertNotLimited(db, 'loginFailuresPerEmail', email, TOO_MANY);
  if (ip) await assertNotLimited(db, 'loginFailuresPerIp', ip, TOO_MANY);

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!ok || !user) {
    await consumePoint(db, 'loginFailuresPerEmail', email);
    if (ip) await consumePoint(db, 'loginFailuresPerIp', ip);
    throw new UnauthorizedError(BAD_CREDENTIALS);
  }
  if (user.flaggedAt) {
    throw new ForbiddenError('This account is suspended. Contact support@reachboard.app if you think this is a mistake.');
  }
  await resetLimit(db, 'loginFailuresPerEmail', email);
  return userActor(user);
}
