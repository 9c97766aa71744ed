import { asc, eq } from 'drizzle-orm';
import { utmTemplates } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/** The organization's saved UTM templates by name. Any member may read. @throws NotFoundError */
export async function listUtmTemplates({ ctx, input }: VerbArgs<{ orgSlug: string }>) {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  return db.select().from(utmTemplates).where(eq(utmTemplates.orgId, org.id)).orderBy(asc(utmTemplates.name));
}
