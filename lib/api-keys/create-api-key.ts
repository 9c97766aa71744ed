import { z } from 'zod';
import { apiKeys } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { hashApiKey, newApiKey, prefixOf } from './internal';

const schema = z.object({
  orgSlug: z.string().min(1),
  name: z.string().trim().min(1, 'Name the key (where it is used, e.g. "Shop server")').max(80, 'is longer than 80 characters'),
});

/**
 * Creates an API key for the organization's server-to-server tracking (scope `track`: leads,
 * sales, refunds). The key is returned once and only its SHA-256 hash is stored. Owner only.
 * @returns the key (show it once), its id and prefix.
 * @throws ValidationError (no name); NotFoundError (not a member); ForbiddenError (not the owner).
 */
export async function createApiKey({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>) {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    const key = newApiKey();
    const [row] = await tx
      .insert(apiKeys)
      .values({
        orgId: org.id,
        name: data.name,
        prefix: prefixOf(key),
        tokenHash: hashApiKey(key),
        scopes: ['track'],
        createdBy: actor.userId,
      })
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: row.id,
      after: { name: data.name, prefix: row.prefix },
    });
    return { id: row.id, prefix: row.prefix, name: data.name, key };
  });
}
