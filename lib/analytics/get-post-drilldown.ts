import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { engagementRate, engagements } from '../metrics/engagement';
import { isUuid } from '../validation';
import { reader } from '../transaction';
import { num } from './shared';

/** Every metric of one snapshot; null = unknown. */
export type SnapshotPoint = {
  capturedAt: string;
  views: number | null;
  likes: number | null;
  dislikes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  reach: number | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  revenueMinor: number | null;
  revenueCurrency: string | null;
  engagements: number | null;
  /** engagements ÷ views at that capture. */
  engagementRate: number | null;
  provenance: string;
  /** The import that wrote the values, when they came from a file. */
  source: { importJobId: string; fileName: string } | null;
};

export type PostDrilldown = {
  access: OrgAccess;
  post: {
    id: string;
    platform: string;
    platformPostId: string;
    title: string | null;
    url: string | null;
    mediaType: string | null;
    tags: string[];
    publishedAt: string | null;
    firstCapturedAt: string;
  };
  account: { id: string; handle: string; displayName: string | null };
  influencer: { id: string; name: string };
  snapshots: SnapshotPoint[];
  campaigns: { id: string; name: string; source: string; status: string }[];
  /** The organization's campaigns the post can still be linked to. */
  linkable: { id: string; name: string }[];
};

/**
 * One post in the organization's data: its snapshot history (every metric at each capture,
 * oldest first, with provenance and the import it came from), engagement rate over time, and the
 * campaigns it is linked to. A post is visible to an organization only when it has data of its own
 * for it. Any member may read it.
 * @throws NotFoundError (not a member, or no data of this organization for the post).
 */
export async function getPostDrilldown({ ctx, input }: VerbArgs<{ orgSlug: string; postId: string }>): Promise<PostDrilldown> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const orgId = access.org.id;
  if (!isUuid(input.postId)) throw new NotFoundError('Post');
  const [head] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select p.post_id as id, p.platform::text as platform, p.platform_post_id, p.title, p.url, p.media_type::text as media_type, p.tags, p.published_at,
        pm.first_captured_at, sa.id as account_id, sa.handle, coalesce(sa.display_name, oi.display_name) as account_name, i.id as influencer_id,
        coalesce(oi.display_name, i.display_name) as influencer_name
      from post_metrics pm join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
      join social_accounts sa on sa.id = p.social_account_id join influencers i on i.id = sa.influencer_id
      left join org_influencers oi on oi.org_id = pm.owner_org_id and oi.influencer_id = i.id
      where pm.post_id = ${input.postId}::uuid and pm.owner_org_id = ${orgId}::uuid`),
  );
  if (!head) throw new NotFoundError('Post');
  const [snapshots, campaigns, linkable] = await Promise.all([
    db
      .execute(
        sql`
      select s.*, j.file_name from post_snapshots s left join import_jobs j on j.id = s.import_job_id and j.org_id = ${orgId}::uuid
      where s.post_id = ${input.postId}::uuid and s.owner_org_id = ${orgId}::uuid order by s.captured_at`,
      )
      .then(rowsOf<Record<string, unknown>>),
    db
      .execute(
        sql`
      select c.id, c.name, cp.source::text as source, cp.status::text as status from campaign_posts cp join campaigns c on c.id = cp.campaign_id
      where cp.post_id = ${input.postId}::uuid and c.org_id = ${orgId}::uuid order by c.name`,
      )
      .then(rowsOf<{ id: string; name: string; source: string; status: string }>),
    db
      .execute(
        sql`
      select c.id, c.name from campaigns c where c.org_id = ${orgId}::uuid and c.status <> 'cancelled'
        and not exists (select 1 from campaign_posts cp where cp.campaign_id = c.id and cp.post_id = ${input.postId}::uuid)
      order by c.name`,
      )
      .then(rowsOf<{ id: string; name: string }>),
  ]);
  const n = (v: unknown) => num(v as string | null);
  return {
    access,
    post: {
      id: String(head.id),
      platform: String(head.platform),
      platformPostId: String(head.platform_post_id),
      title: (head.title as string | null) ?? null,
      url: (head.url as string | null) ?? null,
      mediaType: (head.media_type as string | null) ?? null,
      tags: (head.tags as string[] | null) ?? [],
      publishedAt: head.published_at ? new Date(head.published_at as string).toISOString() : null,
      firstCapturedAt: new Date(head.first_captured_at as string).toISOString(),
    },
    account: { id: String(head.account_id), handle: String(head.handle), displayName: (head.account_name as string | null) ?? null },
    influencer: { id: String(head.influencer_id), name: String(head.influencer_name) },
    snapshots: snapshots.map((s) => {
      const interactions = { likes: n(s.likes), comments: n(s.comments), shares: n(s.shares), saves: n(s.saves) };
      return {
        capturedAt: new Date(s.captured_at as string).toISOString(),
        views: n(s.views),
        likes: interactions.likes,
        dislikes: n(s.dislikes),
        comments: interactions.comments,
        shares: interactions.shares,
        saves: interactions.saves,
        reach: n(s.reach),
        impressions: n(s.impressions),
        clicks: n(s.clicks),
        conversions: n(s.conversions),
        revenueMinor: n(s.revenue_minor),
        revenueCurrency: (s.revenue_currency as string | null) ?? null,
        engagements: engagements(interactions).value,
        engagementRate: engagementRate(interactions, 'views', n(s.views)).value,
        provenance: String(s.provenance),
        source: s.import_job_id && s.file_name ? { importJobId: String(s.import_job_id), fileName: String(s.file_name) } : null,
      };
    }),
    campaigns,
    linkable,
  };
}
