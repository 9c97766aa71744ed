import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ga4Properties } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { reader, withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { checkPropertyAccess, Ga4Error, sealServiceAccount, serviceAccountKeyInput } from './internal';

const schema = z.object({
  orgSlug: z.string().min(1),
  propertyId: z
    .string()
    .trim()
    .transform((v) => v.replace(/^properties\//, ''))
    .pipe(z.string().regex(/^\d{6,15}$/, 'is not a GA4 property id (the number in Admin → Property details, e.g. 412345678)')),
  name: z.string().trim().min(1, 'Name the property (e.g. "Shop")').max(80, 'is longer than 80 characters'),
  serviceAccountKey: serviceAccountKeyInput,
});

/**
 * Connects a GA4 property, read as the organization's own service account: `serviceAccountKey` is
 * the account's JSON key (Google Cloud console → IAM → Service accounts → Keys), and the account must
 * be a Viewer of the property. GA4 is asked once before anything is stored: a key GA4 refuses for the
 * property is not kept. The key is stored sealed and never shown again. The property's campaign
 * traffic (sessions, key events, revenue by UTM campaign, source and content) is then read on the
 * snapshot schedule. Owner only.
 * @returns the new property's id.
 * @throws ValidationError (not a property id; not a service account key; GA4 refuses the account or
 *   has no such property — by field); ConflictError (already connected); NotFoundError; ForbiddenError.
 */
export async function connectGa4Property({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<{ id: string }> {
  const data = parseInput(schema, input);
  // Authorized before Google is asked anything: a stranger's request costs no call.
  await requireOrgRole(await reader(ctx), ctx, { slug: data.orgSlug }, 'owner');
  try {
    await checkPropertyAccess(data.serviceAccountKey, data.propertyId);
  } catch (error) {
    if (!(error instanceof Ga4Error)) throw error;
    // Refused or no such property: nothing is kept. Google unavailable: connected all the same —
    // the reads run as this account only, and the first one records and retries the failure.
    if (!error.retryable) throw new ValidationError(error.message, { serviceAccountKey: error.message });
  }
  return withTransaction(ctx, async (tx) => {
    const { org, actor } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'owner');
    const id = randomUUID();
    const [row] = await tx
      .insert(ga4Properties)
      .values({
        id,
        orgId: org.id,
        propertyId: data.propertyId,
        name: data.name,
        serviceAccountEmail: data.serviceAccountKey.clientEmail,
        serviceAccountKey: sealServiceAccount(data.serviceAccountKey, id),
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: ga4Properties.id });
    if (!row) throw new ConflictError(`Property ${data.propertyId} is already connected`);
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.ga4_connected',
      targetType: 'ga4_property',
      targetId: row.id,
      after: { propertyId: data.propertyId, name: data.name, serviceAccountEmail: data.serviceAccountKey.clientEmail },
    });
    return row;
  });
}
