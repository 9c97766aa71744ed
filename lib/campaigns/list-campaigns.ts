import { sql } from 'drizzle-orm';
import type { Campaign } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { num } from '../analytics/shared';
import type { CampaignProgress } from '../metrics/campaign-progress';
import { campaignProgressOf } from './campaign-progress-of';

export type CampaignListRow = {
  id: string;
  name: string;
  status: Campaign['status'];
  visibility: string;
  currency: string;
  budgetMinor: number | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Σ agreed fees in the campaign currency. */
  spendMinor: number | null;
  collaborations: number;
  linkedPosts: number;
  proposedPosts: number;
  progress: CampaignProgress | null;
};

/**
 * The organization's campaigns, newest start first, with spend, linked-post counts and progress.
 * Any member may read it.
 * @throws NotFoundError (not a member).
 */
export async function listCampaigns({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string }>): Promise<{ access: OrgAccess; campaigns: CampaignListRow[] }> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.name, c.status::text as status, c.visibility::text as visibility, c.currency, c.budget_minor, c.starts_on::text as starts_on, c.ends_on::text as ends_on,
        (select sum(agreed_fee_minor) from collaborations co where co.campaign_id = c.id and co.status <> 'cancelled' and co.currency = c.currency) as spend,
        (select count(*)::int from collaborations co where co.campaign_id = c.id and co.status <> 'cancelled') as collaborations,
        (select count(*)::int from campaign_posts cp where cp.campaign_id = c.id and cp.status = 'confirmed') as linked,
        (select count(*)::int from campaign_posts cp where cp.campaign_id = c.id and cp.status = 'proposed') as proposed
      from campaigns c where c.org_id = ${access.org.id}::uuid
      order by c.starts_on desc nulls last, c.created_at desc`),
  );
  const progress = await campaignProgressOf(
    db,
    access.org.id,
    rows.map((r) => String(r.id)),
  );
  return {
    access,
    campaigns: rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      status: r.status as Campaign['status'],
      visibility: String(r.visibility),
      currency: String(r.currency),
      budgetMinor: num(r.budget_minor as string | null),
      startsOn: (r.starts_on as string | null) ?? null,
      endsOn: (r.ends_on as string | null) ?? null,
      spendMinor: num(r.spend as string | null),
      collaborations: Number(r.collaborations),
      linkedPosts: Number(r.linked),
      proposedPosts: Number(r.proposed),
      progress: progress.get(String(r.id)) ?? null,
    })),
  };
}
