import { rowsOf } from '@/db/sql';
import { rosterQuerySchema, rosterSql, toRosterRow, type RosterQuery } from '../analytics/list-roster';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { tierThresholdsOf } from '../metrics/tier';
import { reader } from '../transaction';
import { parseInput } from '../validation';
import { exportFileName, pagedCsv, type CsvExport } from './csv';

/** Column headers of the roster export (docs/exports.md). */
export const ROSTER_CSV_HEADER = [
  'influencer_id',
  'name',
  'accounts',
  'niche',
  'country',
  'tier',
  'followers',
  'engagement_rate',
  'engagement_rate_basis',
  'follower_growth_30d',
  'median_views',
  'posts_per_week',
  'followers_captured_at',
];

const PAGE = 2_000;

/**
 * The roster as CSV with the filters and sort of the page (all pages), read 2,000 rows at a time.
 * Rates are fractions (0.0139 = 1.39 %); unknown values are empty cells.
 * @throws NotFoundError (not a member); ValidationError (bad filter).
 */
export async function rosterCsv({ ctx, input }: VerbArgs<{ orgSlug: string; query: RosterQuery }>): Promise<CsvExport> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const filters = parseInput(rosterQuerySchema, { ...input.query, page: undefined });
  const thresholds = tierThresholdsOf(access.org);
  // Offset pages over the roster's own order: the roster has one row per influencer.
  const chunks = pagedCsv(
    ROSTER_CSV_HEADER,
    async (after: number | null) =>
      rowsOf<Record<string, unknown>>(
        await db.execute(rosterSql(access.org.id, filters, thresholds, { limit: PAGE, offset: after ?? 0 })),
      ).map((r, i) => ({ row: toRosterRow(r, thresholds), offset: (after ?? 0) + i + 1 })),
    (r) => r.offset,
    ({ row }) => [
      row.influencerId,
      row.name,
      row.accounts.map((a) => `${a.platform}:@${a.handle}`).join(' '),
      row.category,
      row.country,
      row.tier,
      row.followers,
      row.engagementRate,
      row.engagementRateBasis,
      row.growth30d,
      row.medianViews,
      row.postsPerWeek,
      row.capturedAt,
    ],
  );
  return { fileName: exportFileName(access.org.slug, 'influencers'), chunks };
}
