import { getConnection } from '@/db';
import { rosterQuerySchema, rosterSql, toRosterRow, type RosterQuery } from '../analytics/list-roster';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { tierThresholdsOf } from '../metrics/tier';
import { reader } from '../transaction';
import { parseInput } from '../validation';
import { exportFileName, pagedCsv, RowCounter, type CsvExport } from './csv';

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
 * The roster as CSV with the filters and sort of the page (all pages), read through a cursor 2,000
 * rows at a time, so memory stays flat whatever the roster's size.
 * Rates are fractions (0.0139 = 1.39 %); unknown values are empty cells.
 * @throws NotFoundError (not a member); ValidationError (bad filter).
 */
export async function rosterCsv({ ctx, input }: VerbArgs<{ orgSlug: string; query: RosterQuery }>): Promise<CsvExport> {
  const access = await requireOrgRole(await reader(ctx), ctx, { slug: input.orgSlug }, 'viewer');
  const filters = parseInput(rosterQuerySchema, { ...input.query, page: undefined });
  const thresholds = tierThresholdsOf(access.org);
  const { pages } = await getConnection();
  const counter = new RowCounter();
  // One roster query, read through a cursor: the roster is computed once, whatever its size.
  const chunks = pagedCsv(
    ROSTER_CSV_HEADER,
    pages<Record<string, unknown>>(rosterSql(access.org.id, filters, thresholds, null), PAGE),
    (r) => {
      const row = toRosterRow(r, thresholds);
      return [
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
      ];
    },
    counter,
  );
  return { fileName: exportFileName(access.org.slug, 'influencers'), chunks, rows: () => counter.count };
}
