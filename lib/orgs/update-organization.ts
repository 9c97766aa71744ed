import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { updateOrganizationSchema } from './schemas';

/**
 * Renames the organization and sets its website (owners only). The slug (URL) does not change.
 * @throws NotFoundError; ForbiddenError; ValidationError.
 */
export async function updateOrganization({ ctx, input }: VerbArgs<{ orgId: string; name: string; website: string }>): Promise<void> {
  const data = parseInput(updateOrganizationSchema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'owner');
    await tx.update(organizations).set({ name: data.name, website: data.website }).where(eq(organizations.id, org.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: org.id,
      before: { name: org.name, website: org.website },
      after: { name: data.name, website: data.website },
    });
  });
}
