import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { userSessions } from '@/db/schema';

/** Records a new signed-in session of `userId`. @returns its id, carried in the session cookie as `sid`. */
export async function startSession(db: Db | Tx, userId: string): Promise<string> {
  const [row] = await db.insert(userSessions).values({ userId }).returning({ id: userSessions.id });
  return row.id;
}

/** Ends one session (sign-out): its cookie stops working at once, even if copied. Idempotent. */
export async function revokeSession(db: Db | Tx, sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every session of a user (sign out everywhere, suspension). @returns how many were open. */
export async function revokeAllSessions(db: Db | Tx, userId: string): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length;
}
