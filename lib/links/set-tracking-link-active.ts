import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { trackingLinks } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireCampaignManager } from '../campaigns/internal';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { forgetLink } from './resolve-link';

const schema = z.object({
  orgSlug: z.string().min(1),
  linkId: z.guid('is not a link id'),
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

/**
 * Turns a tracking link off (visitors see "This link is no longer active", never another
 * destination) or back on. Takes effect at once in this process and within
 * LINK_CACHE_TTL_MS (5 s) in other instances. Manager or owner.
 * @throws NotFoundError (another organization's link); ForbiddenError.
 */
export async function setTrackingLinkActive({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  const key = await withTransaction(ctx, async (tx) => {
    const { org } = await requireCampaignManager(tx, ctx, data.orgSlug);
    const [link] = await tx
      .update(trackingLinks)
      .set({ disabledAt: data.active ? null : new Date() })
      .where(and(eq(trackingLinks.id, data.linkId), eq(trackingLinks.orgId, org.id)))
      .returning({ key: trackingLinks.key, campaignId: trackingLinks.campaignId });
    if (!link) throw new NotFoundError('Tracking link');
    await audit(tx, ctx, {
      orgId: org.id,
      action: data.active ? 'link.enabled' : 'link.disabled',
      targetType: 'tracking_link',
      targetId: data.linkId,
      after: { key: link.key, campaignId: link.campaignId },
    });
    return link.key;
  });
  forgetLink(key);
}
