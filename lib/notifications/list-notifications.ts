import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications, type Notification } from '@/db/schema';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/**
 * The signed-in user's latest notifications (newest first, at most `limit`, default 30) and how
 * many are unread. @throws UnauthorizedError
 */
export async function listNotifications({
  ctx,
  input,
}: VerbArgs<{ limit?: number } | undefined>): Promise<{ items: Notification[]; unread: number }> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  const [items, [{ n }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, actor.userId))
      .orderBy(desc(notifications.createdAt))
      .limit(Math.min(Math.max(input?.limit ?? 30, 1), 100)),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
  ]);
  return { items, unread: n };
}

/** How many unread notifications the signed-in user has (the bell's badge). @throws UnauthorizedError */
export async function countUnreadNotifications({ ctx }: VerbArgs<void>): Promise<number> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return n;
}
