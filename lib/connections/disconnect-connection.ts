import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { platformConnections } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { isSealed, openSecret } from '../crypto/secret-box';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { connectionProviderFor } from './providers';

const schema = z.object({ connectionId: z.guid('is not a connection id') });

/**
 * Disconnects one of the signed-in creator's platform connections: revokes the token at the
 * platform where it can (a failure there does not stop the rest), deletes both tokens and marks the
 * connection `revoked`. The account stays on the profile, verified; its first-party numbers stop
 * refreshing. Creators only, their own connections only.
 * @throws NotFoundError (not theirs, or unknown); ForbiddenError (not a creator).
 */
export async function disconnectConnection({
  ctx,
  input,
}: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<{ revokedAtPlatform: boolean }> {
  const actor = requireUserRole(ctx, 'influencer');
  const { connectionId } = parseInput(schema, input);
  const connection = await withTransaction(ctx, async (tx) => {
    const [c] = await tx
      .select()
      .from(platformConnections)
      .where(and(eq(platformConnections.id, connectionId), eq(platformConnections.userId, actor.userId)))
      .for('update');
    if (!c) throw new NotFoundError('Connection');
    await tx
      .update(platformConnections)
      .set({ status: 'revoked', statusSince: new Date(), accessToken: null, refreshToken: null, accessExpiresAt: null })
      .where(eq(platformConnections.id, c.id));
    await audit(tx, ctx, {
      action: 'connection.disconnected',
      targetType: 'social_account',
      targetId: c.socialAccountId ?? c.id,
      before: { platform: c.platform, handle: c.handle },
    });
    return c;
  });
  // After the commit: the tokens are gone from the database whatever the platform answers.
  const provider = connectionProviderFor(connection.platform);
  if (!provider || !connection.accessToken || !isSealed(connection.accessToken)) return { revokedAtPlatform: false };
  try {
    await provider.revoke(
      openSecret(connection.accessToken, { table: 'platform_connections', column: 'access_token', rowId: connection.id }),
    );
    return { revokedAtPlatform: true };
  } catch {
    return { revokedAtPlatform: false };
  }
}
