import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { memberships, organizations, type Membership, type Organization, type User } from '@/db/schema';
import type { ApiKeyActor, ApiKeyScope, Ctx, SystemActor, UserActor } from '../context';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';

export type MemberRole = Membership['role'];
const RANK: Record<MemberRole, number> = { viewer: 0, manager: 1, owner: 2 };

/** True when `role` is at least `min` (viewer < manager < owner). */
export function hasOrgRole(role: MemberRole, min: MemberRole): boolean {
  return RANK[role] >= RANK[min];
}

/** The signed-in user acting. @throws UnauthorizedError when nobody is signed in (or the caller is not a person). */
export function requireActor(ctx: Ctx): UserActor {
  if (ctx.actor?.kind !== 'user') throw new UnauthorizedError();
  return ctx.actor;
}

/** @throws UnauthorizedError | ForbiddenError unless the actor has one of `roles`. */
export function requireUserRole(ctx: Ctx, ...roles: User['role'][]): UserActor {
  const actor = requireActor(ctx);
  if (!roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}

/** An organization the caller may act on, the caller's role in it, and the caller: a member or a system process. */
export type OrgAccess = { org: Organization; role: MemberRole; actor: UserActor | SystemActor };
/** {@link OrgAccess} of a signed-in member. */
export type MemberAccess = OrgAccess & { actor: UserActor };

/**
 * Loads an organization the actor belongs to, by id or slug, and checks the actor's role in it;
 * returns the signed-in actor with it, so verbs never assert one.
 * @throws NotFoundError when the org does not exist or the actor is not a member (no existence leak);
 *         ForbiddenError when the actor's role is below `min`.
 */
export async function requireOrgRole(
  db: Db,
  ctx: Ctx,
  where: { orgId: string } | { slug: string },
  min: MemberRole,
): Promise<MemberAccess> {
  const actor = requireActor(ctx);
  const [row] = await db
    .select({ org: organizations, role: memberships.role })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, actor.userId)))
    .where('orgId' in where ? eq(organizations.id, where.orgId) : eq(organizations.slug, where.slug))
    .limit(1);
  if (!row) throw new NotFoundError('Organization');
  if (!hasOrgRole(row.role, min)) {
    throw new ForbiddenError(
      row.role === 'viewer' ? 'Viewers can read but not change anything in this organization' : `Only an ${min} can do this`,
    );
  }
  return { ...row, actor };
}

/**
 * Access for writes to an organization's data: a member with at least `min`, or a trusted operator
 * entry point (a system actor: CLI, seed, background jobs), which may act on any organization.
 * @throws NotFoundError; ForbiddenError.
 */
export async function requireOrgAccess(db: Db, ctx: Ctx, where: { orgId: string } | { slug: string }, min: MemberRole): Promise<OrgAccess> {
  if (ctx.actor?.kind !== 'system') return requireOrgRole(db, ctx, where, min);
  const [org] = await db
    .select()
    .from(organizations)
    .where('orgId' in where ? eq(organizations.id, where.orgId) : eq(organizations.slug, where.slug))
    .limit(1);
  if (!org) throw new NotFoundError('Organization');
  return { org, role: 'owner', actor: ctx.actor };
}

/** The system process acting. @throws ForbiddenError unless the caller is a trusted operator entry point (CLI, jobs). */
export function requireSystem(ctx: Ctx): SystemActor {
  if (ctx.actor?.kind !== 'system') throw new ForbiddenError('Only background jobs and operator scripts can do this');
  return ctx.actor;
}

/**
 * The organization's API key acting, when it holds `scope`.
 * @throws UnauthorizedError unless the caller is an API key; ForbiddenError when the key lacks the scope.
 */
export function requireApiKey(ctx: Ctx, scope: ApiKeyScope): ApiKeyActor {
  if (ctx.actor?.kind !== 'apiKey') throw new UnauthorizedError('This endpoint needs an API key (Authorization: Bearer rb_…)');
  if (!ctx.actor.scopes.includes(scope)) throw new ForbiddenError(`This API key lacks the "${scope}" scope`);
  return ctx.actor;
}

/**
 * Reaching people outside the organization (messages and offers to creators, reports to outside
 * addresses) is for brands a Reachboard admin approved.
 * @throws ForbiddenError naming what waits for approval.
 */
export function requireApprovedBrand(org: Pick<Organization, 'kind' | 'approvalStatus'>, what: string): void {
  if (org.kind !== 'brand') return;
  if (org.approvalStatus === 'pending')
    throw new ForbiddenError(`Your organization is awaiting approval by a Reachboard admin: ${what} once it is approved`);
  if (org.approvalStatus === 'rejected')
    throw new ForbiddenError(`Your organization was not approved by Reachboard: ${what} only for approved brands`);
}
