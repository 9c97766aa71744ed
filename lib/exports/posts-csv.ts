import { getConnection } from '@/db';
import { influencerPostsSql, requireRosterInfluencer, toPostRow, type PostRow } from '../analytics/get-influencer-analytics';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { exportFileName, major, pagedCsv, RowCounter, type CsvExport } from './csv';

/** Column headers of the posts export (docs/exports.md). */
export const POSTS_CSV_HEADER = [
  'post_id',
  'platform',
  'account_handle',
  'title',
  'media_type',
  'tags',
  'post_date',
  'post_date_is_publish_time',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'engagements',
  'engagement_rate',
  'cost',
  'cost_currency',
  'cost_per_engagement',
  'captured_at',
  'provenance',
];

/** A post as a row of {@link POSTS_CSV_HEADER}. */
export function postCells(p: PostRow) {
  return [
    p.postId,
    p.platform,
    p.handle,
    p.title,
    p.mediaType,
    p.tags.join(' | '),
    p.postDate,
    p.dateIsPublishTime,
    p.views,
    p.likes,
    p.comments,
    p.shares,
    p.saves,
    p.engagements,
    p.engagementRate,
    major(p.costMinor),
    p.costCurrency,
    major(p.costPerEngagement),
    p.capturedAt,
    p.provenance,
  ];
}

const PAGE = 5_000;

/**
 * Every post of a roster influencer in the organization's data as CSV, newest first, read through
 * a cursor 5,000 rows at a time so memory stays flat whatever the count.
 * @throws NotFoundError (not a member, influencer not on the roster).
 */
export async function influencerPostsCsv({ ctx, input }: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<CsvExport> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const influencer = await requireRosterInfluencer(db, org.id, input.influencerId);
  const { pages } = await getConnection();
  const counter = new RowCounter();
  const rows = pages<Record<string, unknown>>(influencerPostsSql(org.id, input.influencerId, null), PAGE);
  const chunks = pagedCsv(POSTS_CSV_HEADER, rows, (r) => postCells(toPostRow(r)), counter);
  return { fileName: exportFileName(org.slug, String(influencer.display_name), 'posts'), chunks, rows: () => counter.count };
}
