import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ga4Properties } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({ orgSlug: z.string().min(1), ga4PropertyId: z.guid('is not a property id') });

/**
 * Disconnects a GA4 property: it is no longer read, and the traffic read from it is deleted
 * (reports no longer show it). Owner only.
 * @throws NotFoundError (another organization's property too); ForbiddenError.
 */
export async function disconnectGa4Property({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    const [gone] = await tx
      .delete(ga4Properties)
      .where(and(eq(ga4Properties.id, data.ga4PropertyId), eq(ga4Properties.orgId, org.id)))
      .returning({ id: ga4Properties.id, propertyId: ga4Properties.propertyId, name: ga4Properties.name });
    if (!gone) throw new NotFoundError('GA4 property');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.ga4_disconnected',
      targetType: 'ga4_property',
      targetId: gone.id,
      before: { propertyId: gone.propertyId, name: gone.name },
    });
  });
}
