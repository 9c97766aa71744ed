import { z } from 'zod';
import { ga4Properties } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { ga4Status } from './internal';

const schema = z.object({
  orgSlug: z.string().min(1),
  propertyId: z
    .string()
    .trim()
    .transform((v) => v.replace(/^properties\//, ''))
    .pipe(z.string().regex(/^\d{6,15}$/, 'is not a GA4 property id (the number in Admin → Property details, e.g. 412345678)')),
  name: z.string().trim().min(1, 'Name the property (e.g. "Shop")').max(80, 'is longer than 80 characters'),
});

/**
 * Connects a GA4 property: its campaign traffic (sessions, key events, revenue by UTM campaign,
 * source and content) is then read on the snapshot schedule. Reachboard's service account must be
 * granted Viewer on it (the settings page names it). Owner only.
 * @returns the new property's id.
 * @throws ValidationError (GA4 not configured on this server; not a property id); ConflictError
 *   (already connected); NotFoundError; ForbiddenError.
 */
export async function connectGa4Property({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<{ id: string }> {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    if (!ga4Status().configured)
      throw new ValidationError('Google Analytics 4 is not configured on this server (GA4_SERVICE_ACCOUNT_JSON)', {});
    const [row] = await tx
      .insert(ga4Properties)
      .values({ orgId: org.id, propertyId: data.propertyId, name: data.name, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: ga4Properties.id });
    if (!row) throw new ConflictError(`Property ${data.propertyId} is already connected`);
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.ga4_connected',
      targetType: 'ga4_property',
      targetId: row.id,
      after: { propertyId: data.propertyId, name: data.name },
    });
    return row;
  });
}
