import { and, eq, isNull } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { assertNotLimited, consumePoint } from '../auth/rate-limit';
import { newToken } from '../auth/tokens';
import type { VerbArgs } from '../context';
import { email as queued, queueEmails } from '../email/queue-email';
import { getEnv } from '../env';
import { reader, withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { requestPasswordResetSchema } from './schemas';

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Emails a single-use password-reset link (valid 1 hour) when an active account has this email.
 * Answers the same way whether or not it does (no account enumeration). Earlier unused links of
 * the account stop working. Limited to 3 requests per email and 20 per IP per hour.
 * @throws ValidationError for a malformed email; RateLimitedError past the limits.
 */
export async function requestPasswordReset({ ctx, input }: VerbArgs<{ email: string }>): Promise<void> {
  const { email } = parseInput(requestPasswordResetSchema, input);
  const limitMessage = 'Too many password-reset requests.';
  const db = await reader(ctx);
  await assertNotLimited(db, 'passwordResetPerEmail', email, limitMessage);
  if (ctx.ip) await assertNotLimited(db, 'passwordResetPerIp', ctx.ip, limitMessage);
  await consumePoint(db, 'passwordResetPerEmail', email);
  if (ctx.ip) await consumePoint(db, 'passwordResetPerIp', ctx.ip);
  const sent = await withTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    if (!user || user.flaggedAt) return null;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    const { token, tokenHash } = newToken();
    await tx.insert(passwordResetTokens).values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) });
    return { name: user.name, token };
  });
  if (sent) {
    const url = `${getEnv().appUrl}/reset-password?token=${encodeURIComponent(sent.token)}`;
    await queueEmails([queued(email, 'password_reset', { name: sent.name, url })]);
  }
}
