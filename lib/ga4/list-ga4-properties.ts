import { asc, eq } from 'drizzle-orm';
import { ga4Properties } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/**
 * The organization's connected GA4 properties with the service account each is read as (never its
 * key) and their sync state (last attempt, last success, last failure's reason). Owner only, like
 * the rest of the organization's connections.
 * @throws NotFoundError; ForbiddenError.
 */
export async function listGa4Properties({ ctx, input }: VerbArgs<{ orgSlug: string }>) {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'owner');
  return db
    .select({
      id: ga4Properties.id,
      propertyId: ga4Properties.propertyId,
      name: ga4Properties.name,
      serviceAccountEmail: ga4Properties.serviceAccountEmail,
      currency: ga4Properties.currency,
      createdAt: ga4Properties.createdAt,
      lastAttemptAt: ga4Properties.lastAttemptAt,
      lastSyncedAt: ga4Properties.lastSyncedAt,
      lastError: ga4Properties.lastError,
    })
    .from(ga4Properties)
    .where(eq(ga4Properties.orgId, org.id))
    .orderBy(asc(ga4Properties.createdAt));
}
