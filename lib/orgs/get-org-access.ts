import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/**
 * The organization of `slug` and the actor's role in it, for pages that show or hide actions by role.
 * @throws NotFoundError when the actor is not a member.
 */
export async function getOrgAccess({ ctx, input }: VerbArgs<{ slug: string }>): Promise<OrgAccess> {
  return requireOrgRole(await reader(ctx), ctx, { slug: input.slug }, 'viewer');
}
