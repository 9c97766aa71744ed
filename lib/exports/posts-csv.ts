import { getConnection } from '@/db';
import { sql, type SQL } from 'drizzle-orm';
import { requireRosterInfluencer } from '../analytics/get-influencer-analytics';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { copiedCsv, exportFileName, pagedCsv, RowCounter, type CsvExport } from './csv';

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

/**
 * Free text as the export writes it, in SQL: neutralised against spreadsheet formula injection as
 * `safeCell` does (a leading apostrophe before =, +, -, @, tab or carriage return).
 */
const safeText = (expr: SQL) => sql`case when ${expr} ~ '^[=+\-@\t\r]' then '''' || ${expr} else ${expr} end`;
/** A timestamp as the export writes it, in SQL: ISO 8601 UTC with milliseconds ("2026-11-30T09:05:00.000Z"). */
const isoText = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The posts export of one influencer, one text column per {@link POSTS_CSV_HEADER} entry, formatted
 * by the database as the CSV shows them (docs/exports.md): counts as integers, the engagement rate
 * as a fraction (engagements ÷ views, empty when views are unknown or 0), money in major units with
 * two decimals, cost per engagement = cost ÷ engagements (Influencer Marketing Hub) rounded to the
 * cent, unknown values empty. Newest first. Ids are validated by the caller.
 */
function postsExportSql(orgId: string, influencerId: string): SQL {
  return sql`
    select pm.post_id::text as post_id, p.platform::text as platform, ${safeText(sql`sa.handle`)} as account_handle,
      ${safeText(sql`p.title`)} as title, p.media_type::text as media_type, ${safeText(sql`nullif(array_to_string(p.tags, ' | '), '')`)} as tags,
      ${isoText(sql`pm.post_date`)} as post_date,
      case when pm.published_at is not null then 'true' else 'false' end as post_date_is_publish_time,
      pm.views::text as views, pm.likes::text as likes, pm.comments::text as comments, pm.shares::text as shares,
      pm.saves::text as saves, pm.engagements::text as engagements,
      (pm.engagements::float8 / nullif(pm.views, 0))::text as engagement_rate,
      (p.cost_minor / 100.0)::numeric(20, 2)::text as cost, ${safeText(sql`trim(p.cost_currency)`)} as cost_currency,
      (p.cost_minor::numeric / nullif(pm.engagements, 0) / 100)::float8::text as cost_per_engagement,
      ${isoText(sql`pm.captured_at`)} as captured_at, pm.provenance::text as provenance
    from social_accounts sa
    join post_metrics pm on pm.social_account_id = sa.id and pm.owner_org_id = ${orgId}::uuid
    join org_posts p on p.org_id = pm.owner_org_id and p.post_id = pm.post_id
    where sa.influencer_id = ${influencerId}::uuid
    order by pm.post_date desc, pm.post_id desc`;
}

const PAGE = 5_000;

/**
 * Every post of a roster influencer in the organization's data as CSV, newest first, with lines
 * ending in LF. On a Postgres server the rows come formatted from Postgres's own COPY (the
 * fastest path, memory flat); embedded, through a cursor 5,000 rows at a time. Both read the same
 * SQL, so both write the same values.
 * @throws NotFoundError (not a member, influencer not on the roster).
 */
export async function influencerPostsCsv({ ctx, input }: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<CsvExport> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const influencer = await requireRosterInfluencer(db, org.id, input.influencerId);
  const connection = await getConnection();
  const query = postsExportSql(org.id, input.influencerId);
  const counter = new RowCounter();
  const chunks = connection.csv
    ? copiedCsv(POSTS_CSV_HEADER, connection.csv(query), counter)
    : pagedCsv(
        POSTS_CSV_HEADER,
        connection.pages<Record<string, string | null>>(query, PAGE),
        (r) => POSTS_CSV_HEADER.map((column) => r[column]),
        counter,
        '\n',
      );
  return { fileName: exportFileName(org.slug, String(influencer.display_name), 'posts'), chunks, rows: () => counter.count };
}
