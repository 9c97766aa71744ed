import { desc, eq } from 'drizzle-orm';
import { emailOutbox, type OutboxEmail } from '@/db/schema';
import type { VerbArgs } from '../context';
import { ForbiddenError } from '../errors';
import { getEnv } from '../env';
import { reader } from '../transaction';

/**
 * Lists captured emails, newest first (at most 100), optionally for one recipient.
 * Only available while the development mailbox is enabled (no Resend key, and development or DEV_MAILBOX).
 * @throws ForbiddenError when the mailbox is disabled.
 */
export async function listOutbox({ ctx, input }: VerbArgs<{ to?: string }>): Promise<OutboxEmail[]> {
  if (!getEnv().mailboxEnabled) throw new ForbiddenError('The development mailbox is disabled');
  const db = await reader(ctx);
  const query = db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(100);
  return input.to ? query.where(eq(emailOutbox.to, input.to.trim().toLowerCase())) : query;
}
