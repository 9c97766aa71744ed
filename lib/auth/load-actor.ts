import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { userSessions, users } from '@/db/schema';
import { type UserActor, userActor } from '../context';

/**
 * Loads the actor of a session token from the database, so a suspended account, a changed
 * password, a deleted user or a revoked session (sign-out, "sign out everywhere") takes effect at
 * once.
 * @param issuedAt the token's `iat`, seconds since the epoch.
 * @param sessionId the token's `sid` (lib/auth/sessions.ts); a token without one is not valid.
 * @returns null when the session is no longer valid.
 */
export async function loadActor(userId: string, issuedAt: number | undefined, sessionId: string | undefined): Promise<UserActor | null> {
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(userSessions, and(eq(userSessions.userId, users.id), eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
    .where(eq(users.id, userId))
    .limit(1);
  const user = row?.user;
  if (!user || user.flaggedAt) return null;
  if (issuedAt !== undefined && issuedAt * 1000 < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000) return null;
  return userActor(user);
}
