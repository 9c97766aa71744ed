import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import type { Actor } from '../context';

/**
 * Loads the actor of a session token from the database, so a suspended account, a changed
 * password or a deleted user takes effect at once.
 * @param issuedAt the token's `iat`, seconds since the epoch.
 * @returns null when the session is no longer valid.
 */
export async function loadActor(userId: string, issuedAt: number | undefined): Promise<Actor | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.flaggedAt) return null;
  if (issuedAt !== undefined && issuedAt * 1000 < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000) return null;
  return { userId: user.id, role: user.role, email: user.email, name: user.name };
}
