import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { apiKeys } from '@/db/schema';
import type { ApiKeyActor, ApiKeyScope, Ctx } from '../context';
import { UnauthorizedError } from '../errors';
import { hashApiKey } from './internal';

const INVALID = 'Send a valid API key as "Authorization: Bearer rb_…"';

/**
 * The context of a request carrying `Authorization: Bearer rb_…`: the key's organization and
 * scopes. Records the last-used time (at most once a minute per key, so a burst writes once).
 * @throws UnauthorizedError (no header, malformed, unknown or revoked key) — one message for all,
 *         so a caller learns nothing about which keys exist.
 */
export async function authenticateApiKey(authorization: string | null | undefined): Promise<Ctx & { actor: ApiKeyActor }> {
  const match = /^Bearer\s+(rb_[A-Za-z0-9_-]{43})\s*$/.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError(INVALID);
  const db = await getDb();
  const [key] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hashApiKey(match[1])), isNull(apiKeys.revokedAt)));
  if (!key) throw new UnauthorizedError(INVALID);
  const minuteAgo = new Date(Date.now() - 60_000);
  if (!key.lastUsedAt || key.lastUsedAt < minuteAgo)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, minuteAgo))));
  return { actor: { kind: 'apiKey', keyId: key.id, orgId: key.orgId, scopes: key.scopes as ApiKeyScope[] } };
}
