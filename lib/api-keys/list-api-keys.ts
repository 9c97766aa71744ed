import { desc, eq } from 'drizzle-orm';
import { apiKeys } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/**
 * The organization's API keys, newest first: name, prefix, scopes, created, last used, revoked.
 * Never the key or its hash. Owner only (keys are the owner's to manage).
 * @throws NotFoundError; ForbiddenError.
 */
export async function listApiKeys({ ctx, input }: VerbArgs<{ orgSlug: string }>) {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'owner');
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, org.id))
    .orderBy(desc(apiKeys.createdAt));
}
