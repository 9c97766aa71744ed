import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { utmTemplates } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const schema = z.object({ orgSlug: z.string().min(1), templateId: z.guid('is not a template id') });

/**
 * Deletes a saved UTM template. Links created with it keep their UTM values (each link stores its
 * own). Manager or owner.
 * @throws NotFoundError (another organization's template too); ForbiddenError.
 */
export async function deleteUtmTemplate({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<void> {
  const data = parseInput(schema, input);
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'manager');
    const [gone] = await tx
      .delete(utmTemplates)
      .where(and(eq(utmTemplates.id, data.templateId), eq(utmTemplates.orgId, org.id)))
      .returning({ id: utmTemplates.id, name: utmTemplates.name });
    if (!gone) throw new NotFoundError('UTM template');
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.utm_template_deleted',
      targetType: 'utm_template',
      targetId: gone.id,
      before: { name: gone.name },
    });
  });
}
