import { socialAccounts, trackedAccounts } from '@/db/schema';
import { asc, eq, sql } from 'drizzle-orm';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import { type VerbArgs } from '../context';
import { reader } from '../transaction';
import { TrackedAccountRow } from './internal';
import { connectorStatuses } from './registry';

/**
 * The organization's tracked accounts with when each was last refreshed, its error if any, and
 * its latest followers from the organization's data; plus each connector's configuration. Any member.
 * @throws NotFoundError (not a member).
 */
export async function listTrackedAccounts({ ctx, input }: VerbArgs<{ orgSlug: string }>): Promise<{
  access: OrgAccess;
  accounts: TrackedAccountRow[];
  connectors: ReturnType<typeof connectorStatuses>;
}> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const { org } = access;
  const rows = await db
    .select({
      id: socialAccounts.id,
      platform: socialAccounts.platform,
      handle: socialAccounts.handle,
      displayName: socialAccounts.displayName,
      url: socialAccounts.url,
      refreshIntervalHours: trackedAccounts.refreshIntervalHours,
      lastRefreshedAt: trackedAccounts.lastRefreshedAt,
      lastError: socialAccounts.lastError,
      failingSince: socialAccounts.failingSince,
      nextAttemptAt: socialAccounts.nextAttemptAt,
      influencerId: socialAccounts.influencerId,
      addedAt: trackedAccounts.createdAt,
      followers: sql<
        number | null
      >`(select am.followers from account_metrics am where am.social_account_id = ${socialAccounts.id} and am.owner_org_id = ${org.id}::uuid)`,
    })
    .from(trackedAccounts)
    .innerJoin(socialAccounts, eq(socialAccounts.id, trackedAccounts.socialAccountId))
    .where(eq(trackedAccounts.orgId, org.id))
    .orderBy(asc(socialAccounts.platform), asc(socialAccounts.handle));
  return {
    access,
    accounts: rows.map((r) => ({ ...r, followers: r.followers === null ? null : Number(r.followers) })),
    connectors: connectorStatuses(),
  };
}
