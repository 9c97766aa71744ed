import { eq, like, or } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { organizations } from '@/db/schema';
import { slugify } from '../accounts/slugify';

/** Finds a free organization slug derived from `name` ("acme", "acme-2", …). */
export async function uniqueOrgSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await tx
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
