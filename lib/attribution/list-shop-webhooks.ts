import { desc, eq } from 'drizzle-orm';
import { shopWebhooks } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { reader } from '../transaction';

/** The organization's shop webhooks with their address and last delivery; never the secret. Owner only. @throws NotFoundError; ForbiddenError */
export async function listShopWebhooks({ ctx, input }: VerbArgs<{ orgSlug: string }>) {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'owner');
  const rows = await db
    .select({
      id: shopWebhooks.id,
      provider: shopWebhooks.provider,
      name: shopWebhooks.name,
      createdAt: shopWebhooks.createdAt,
      lastReceivedAt: shopWebhooks.lastReceivedAt,
      revokedAt: shopWebhooks.revokedAt,
    })
    .from(shopWebhooks)
    .where(eq(shopWebhooks.orgId, org.id))
    .orderBy(desc(shopWebhooks.createdAt));
  const { appUrl } = getEnv();
  return rows.map((r) => ({ ...r, url: `${appUrl}/api/v1/webhooks/${r.provider}/${r.id}` }));
}
