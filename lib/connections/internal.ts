import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { influencers } from '@/db/schema';
import { sealSecret } from '../crypto/secret-box';
import { getEnv } from '../env';
import { NotFoundError } from '../errors';
import type { Platform } from '../connectors/types';

/** The address a platform sends the creator back to after they authorize Reachboard (registered with the platform). */
export function redirectUriOf(platform: Platform): string {
  return `${getEnv().appUrl}/connect/${platform}/callback`;
}

/** A token sealed for its connection row and column (lib/crypto/secret-box.ts). */
export function sealToken(token: string, connectionId: string, column: 'access_token' | 'refresh_token'): string {
  return sealSecret(token, { table: 'platform_connections', column, rowId: connectionId });
}

/** The creator profile of a signed-in influencer. @throws NotFoundError when they have none. */
export async function creatorProfileOf(tx: Tx, userId: string): Promise<{ id: string; name: string }> {
  const [profile] = await tx
    .select({ id: influencers.id, name: influencers.displayName })
    .from(influencers)
    .where(and(eq(influencers.userId, userId)));
  if (!profile) throw new NotFoundError('Creator profile');
  return profile;
}
