import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { platformConnections, socialAccounts } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { requestRefresh, type RefreshOutcome } from './internal';

const schema = z.object({ socialAccountId: z.guid('is not an account id') });

/**
 * Reads an account its creator has just connected, at once rather than on the next schedule: its
 * audience (shared) and, for each organization tracking it that is due, its first-party numbers.
 * Handed to Inngest when it is connected, else run here. The connecting creator only.
 * @returns how the read went (a failure is recorded on the account and said, not thrown).
 * @throws NotFoundError (no live connection of this creator for the account); ForbiddenError (not a creator).
 */
export async function readConnectedAccount({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<RefreshOutcome> {
  const actor = requireUserRole(ctx, 'influencer');
  const data = parseInput(schema, input);
  const db = await reader(ctx);
  const [row] = await db
    .select({ platform: socialAccounts.platform })
    .from(platformConnections)
    .innerJoin(socialAccounts, eq(socialAccounts.id, platformConnections.socialAccountId))
    .where(
      and(
        eq(platformConnections.socialAccountId, data.socialAccountId),
        eq(platformConnections.userId, actor.userId),
        inArray(platformConnections.status, ['connected', 'expiring']),
      ),
    );
  if (!row) throw new NotFoundError('Connected account');
  return requestRefresh(data.socialAccountId, row.platform, null);
}
