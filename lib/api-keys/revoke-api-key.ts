import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({ orgSlug: z.string().min(1), keyId: z.guid('is not a key id') });

/**
 * Revokes an API key: every later request with it is refused (401). Revoking twice changes nothing.
 * Owner only.
 * @throws NotFoundError (another organization's key); ForbiddenError.
 */
export async function revokeApiKey({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    const [key] = await tx
      .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt, prefix: apiKeys.prefix })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, data.keyId), eq(apiKeys.orgId, org.id)));
    if (!key) throw new NotFoundError('API key');
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (revoked.length)
      await audit(tx, ctx, {
        orgId: org.id,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: key.id,
        before: { prefix: key.prefix },
      });
  });
}
