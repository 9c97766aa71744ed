import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { shopWebhooks } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({ orgSlug: z.string().min(1), webhookId: z.guid('is not a webhook id') });

/** Disconnects a shop webhook: later deliveries are refused (401). Owner only. @throws NotFoundError; ForbiddenError */
export async function revokeShopWebhook({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    const [hook] = await tx
      .select({ id: shopWebhooks.id, revokedAt: shopWebhooks.revokedAt })
      .from(shopWebhooks)
      .where(and(eq(shopWebhooks.id, data.webhookId), eq(shopWebhooks.orgId, org.id)));
    if (!hook) throw new NotFoundError('Webhook');
    const done = await tx
      .update(shopWebhooks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shopWebhooks.id, hook.id), isNull(shopWebhooks.revokedAt)))
      .returning({ id: shopWebhooks.id });
    if (done.length)
      await audit(tx, ctx, { orgId: org.id, action: 'attribution.webhook_revoked', targetType: 'shop_webhook', targetId: hook.id });
  });
}
