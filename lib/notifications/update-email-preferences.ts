import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader, withTransaction } from '../transaction';
import { ValidationError } from '../errors';
import { parseInput } from '../validation';
import { NOTIFICATION_KINDS, OPT_IN_KINDS, type NotificationKind } from './notify';

const KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
const preferencesSchema = z.object(Object.fromEntries(KINDS.map((k) => [k, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>);

/**
 * Sets which notification kinds the signed-in user also gets by email: `enabled` is the list of
 * kinds switched on; every other kind is off.
 * @throws UnauthorizedError; ValidationError for an unknown kind.
 */
export async function updateEmailPreferences({ ctx, input }: VerbArgs<{ enabled: string[] }>): Promise<Record<NotificationKind, boolean>> {
  const actor = requireActor(ctx);
  const unknownKind = input.enabled.find((k) => !KINDS.includes(k as NotificationKind));
  if (unknownKind) throw new ValidationError(`${unknownKind}: Unknown notification kind`, { [unknownKind]: 'Unknown notification kind' });
  const prefs = parseInput(preferencesSchema, Object.fromEntries(KINDS.map((k) => [k, input.enabled.includes(k)])));
  await withTransaction(ctx, async (tx) => {
    const [before] = await tx.select({ prefs: users.emailPreferences }).from(users).where(eq(users.id, actor.userId));
    await tx.update(users).set({ emailPreferences: prefs, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await audit(tx, ctx, {
      action: 'user.email_preferences_updated',
      targetType: 'user',
      targetId: actor.userId,
      before: before?.prefs ?? {},
      after: prefs,
    });
  });
  return prefs;
}

/** The signed-in user's email preference per notification kind (absent = on, except opt-in kinds). @throws UnauthorizedError */
export async function getEmailPreferences({ ctx }: VerbArgs<void>): Promise<Record<NotificationKind, boolean>> {
  const actor = requireActor(ctx);
  const db = await reader(ctx);
  const [row] = await db.select({ prefs: users.emailPreferences }).from(users).where(eq(users.id, actor.userId));
  return Object.fromEntries(KINDS.map((k) => [k, row?.prefs[k] ?? !OPT_IN_KINDS.has(k)])) as Record<NotificationKind, boolean>;
}
