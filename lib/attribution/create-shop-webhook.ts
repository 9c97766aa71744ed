import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { shopWebhooks } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { sealSecret } from '../crypto/secret-box';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z
  .object({
    orgSlug: z.string().min(1),
    provider: z.enum(['shopify', 'stripe'], { error: 'Choose Shopify or Stripe' }),
    name: z.string().trim().min(1, 'Name the shop (e.g. "US store")').max(80, 'is longer than 80 characters'),
    signingSecret: z
      .string()
      .trim()
      .min(16, 'Paste the signing secret the shop shows (at least 16 characters)')
      .max(200, 'is longer than 200 characters'),
  })
  .refine((v) => v.provider !== 'stripe' || v.signingSecret.startsWith('whsec_'), {
    path: ['signingSecret'],
    message: 'A Stripe signing secret starts with whsec_ (Developers → Webhooks → your endpoint)',
  });

/**
 * Connects a shop's webhooks: Shopify (orders/paid, refunds/create) or Stripe
 * (checkout.session.completed, charge.refunded), verified with the signing secret the shop shows.
 * Owner only (the secret proves deliveries come from the shop). The secret is stored sealed
 * (AES-256-GCM, lib/crypto/secret-box.ts) and never shown again.
 * @returns the address to give the shop.
 * @throws ValidationError; NotFoundError; ForbiddenError.
 */
export async function createShopWebhook({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>) {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    // The id is chosen here: the sealed secret is bound to its row.
    const id = randomUUID();
    const signingSecret = sealSecret(data.signingSecret, { table: 'shop_webhooks', column: 'signing_secret', rowId: id });
    const [row] = await tx
      .insert(shopWebhooks)
      .values({ id, orgId: org.id, provider: data.provider, name: data.name, signingSecret, createdBy: actor.userId })
      .returning({ id: shopWebhooks.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.webhook_created',
      targetType: 'shop_webhook',
      targetId: row.id,
      after: { provider: data.provider, name: data.name },
    });
    return { id: row.id, url: `${getEnv().appUrl}/api/v1/webhooks/${data.provider}/${row.id}` };
  });
}
