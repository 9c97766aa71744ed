import { and, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, memberships, organizations, users } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { parseInput } from '../validation';

export const DIRECTORY_PAGE_SIZE = 20;

const directorySchema = z.object({
  role: z.enum(['brand', 'influencer', 'fan']).default('brand'),
  q: z.string().trim().max(100).optional().default(''),
  status: z.enum(['all', 'flagged']).optional().default('all'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type DirectoryQuery = z.input<typeof directorySchema>;

export type DirectoryUser = {
  id: string;
  name: string;
  email: string;
  role: 'brand' | 'influencer' | 'fan';
  createdAt: Date;
  flaggedAt: Date | null;
  flagReason: string | null;
  /** Brand organizations the user belongs to (brands only). */
  organizations: string[];
};

/**
 * The admin's user directory for one role (brands, influencers or fans): search by name or email,
 * only flagged, 20 per page, newest first.
 * @throws ForbiddenError (not an admin); ValidationError.
 */
export async function listUsers({
  ctx,
  input,
}: VerbArgs<DirectoryQuery>): Promise<{ users: DirectoryUser[]; total: number; query: z.output<typeof directorySchema> }> {
  requireUserRole(ctx, 'admin');
  const query = parseInput(directorySchema, input);
  const db = await reader(ctx);
  const where = and(
    eq(users.role, query.role),
    query.q ? or(ilike(users.name, `%${query.q}%`), ilike(users.email, `%${query.q}%`)) : undefined,
    query.status === 'flagged' ? sql`${users.flaggedAt} is not null` : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        createdAt: users.createdAt,
        flaggedAt: users.flaggedAt,
        flagReason: users.flagReason,
        organizations: sql<string[]>`array(select o.name from ${memberships} m join ${organizations} o on o.id = m.org_id
          where m.user_id = ${sql.raw('"users"."id"')} and o.kind = 'brand' order by o.name)`,
      })
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), users.id)
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((query.page - 1) * DIRECTORY_PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { users: rows as DirectoryUser[], total: n, query };
}

export type AdminCampaignRow = {
  id: string;
  name: string;
  brand: string;
  status: 'draft' | 'active' | 'completed' | 'cancelled';
  visibility: string;
  flagged: boolean;
  createdAt: Date;
};

/** The latest campaigns on the platform (at most 25), for moderation. @throws ForbiddenError (not an admin) */
export async function listRecentCampaigns({ ctx }: VerbArgs<void>): Promise<AdminCampaignRow[]> {
  requireUserRole(ctx, 'admin');
  const db = await reader(ctx);
  return db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      brand: organizations.name,
      status: campaigns.status,
      visibility: campaigns.visibility,
      flagged: campaigns.flagged,
      createdAt: campaigns.createdAt,
    })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .orderBy(desc(campaigns.createdAt))
    .limit(25);
}
