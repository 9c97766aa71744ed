import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';

/**
 * Marks one of the signed-in user's notifications read (`id`), or all of them. Another user's
 * notification is silently untouched. @throws UnauthorizedError
 */
export async function markNotificationsRead({ ctx, input }: VerbArgs<{ id?: string }>): Promise<void> {
  const actor = requireActor(ctx);
  if (input.id !== undefined && !isUuid(input.id)) return;
  await withTransaction(ctx, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), input.id ? eq(notifications.id, input.id) : undefined),
      ),
  );
}
