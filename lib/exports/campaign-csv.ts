import { sql } from 'drizzle-orm';
import { getConnection } from '@/db';
import { campaignPostsSql, getCampaignReport, toCampaignPost } from '../campaigns/get-campaign-report';
import type { VerbArgs } from '../context';
import { METRIC_DEFINITIONS } from '../metrics/definitions';
import { costPerUnit, csvLines, exportFileName, major, RowCounter, UTF8_BOM, type Cell, type CsvExport } from './csv';

/** Headers of the three sections of the campaign export (docs/exports.md). */
const CAMPAIGN_CSV_SECTIONS = {
  summary: ['metric', 'value', 'unit', 'formula'],
  influencers: [
    'influencer_id',
    'influencer',
    'fee',
    'posts',
    'reach',
    'reach_share',
    'engagements',
    'engagements_share',
    'conversions',
    'conversions_share',
    'revenue',
    'revenue_share',
    'roi',
  ],
  posts: [
    'post_id',
    'influencer',
    'platform',
    'account_handle',
    'title',
    'post_date',
    'link_source',
    'views',
    'reach',
    'impressions',
    'engagements',
    'clicks',
    'conversions',
    'revenue',
    'captured_at',
    'provenance',
  ],
  conversions: [
    'conversion_id',
    'kind',
    'external_id',
    'occurred_at',
    'influencer',
    'amount',
    'refunded',
    'currency',
    'attributed_by',
    'attribution_status',
    'window_days',
    'discount_code',
    'click_id',
  ],
};

const PAGE = 5_000;

/** Every conversion of the campaign (attributed and unqualified), oldest first, with the organization's influencer label. */
function campaignConversionsSql(orgId: string, campaignId: string) {
  return sql`
    select v.id, v.kind::text as kind, v.external_id, v.occurred_at, coalesce(oi.display_name, i.display_name) as influencer,
      v.revenue_minor, v.refunded_minor, v.currency, v.attributed_by::text as attributed_by, v.attribution_status::text as attribution_status,
      v.window_days, v.discount_code, v.click_id::text as click_id
    from conversions v left join influencers i on i.id = v.influencer_id
    left join org_influencers oi on oi.org_id = v.org_id and oi.influencer_id = v.influencer_id
    where v.org_id = ${orgId}::uuid and v.campaign_id = ${campaignId}::uuid
    order by v.occurred_at, v.id`;
}

/**
 * The campaign report as one CSV with four sections, each introduced by a `# section` line and
 * its own header, separated by blank lines: summary (every metric of the page with its unit and
 * formula), per-influencer contribution, every confirmed linked post, and every conversion with its
 * attribution (both read through a cursor, 5,000 at a time).
 * Money is in major units of the campaign currency (costs per unit at full precision); rates and
 * shares are fractions; unknown values are empty cells; text cells are neutralised against formula
 * injection. The file starts with a UTF-8 byte-order mark, so Excel opens non-Latin titles intact.
 * @throws NotFoundError (not a member; campaign of another organization).
 */
export async function campaignCsv({ ctx, input }: VerbArgs<{ orgSlug: string; campaignId: string }>): Promise<CsvExport> {
  const r = await getCampaignReport({ ctx, input });
  const { pages } = await getConnection();
  const counter = new RowCounter();
  const c = r.campaign;
  const cur = c.currency;
  const t = r.totals;
  const def = (k: keyof typeof METRIC_DEFINITIONS) => METRIC_DEFINITIONS[k].formula;
  const summary: Cell[][] = [
    ['campaign', c.name, '', ''],
    ['status', c.status, '', ''],
    ['starts_on', c.startsOn, 'date', ''],
    ['ends_on', c.endsOn, 'date', ''],
    ['budget', major(c.budgetMinor), cur, ''],
    ['spend', major(r.spendMinor), cur, def('spend')],
    ['budget_used', r.budgetUsed.value, 'fraction', def('budgetUsed')],
    ['linked_posts', t.posts, 'count', ''],
    ['views', t.views, 'count', def('views')],
    ['reach', t.reach, 'count', def('reach')],
    ['impressions', t.impressions, 'count', def('impressions')],
    ['engagements', t.engagements, 'count', def('engagements')],
    ['clicks', t.clicks, 'count', ''],
    ['conversions', t.conversions, 'count', def('conversions')],
    ['revenue', major(t.revenueMinor), cur, def('revenue')],
    ['link_clicks', r.tracked.clicks, 'count', def('linkClicks')],
    ['unique_link_clicks', r.tracked.uniqueClicks, 'count', 'distinct visitors per hour of the tracking links (bots excluded)'],
    ['leads', r.tracked.leads, 'count', 'attributed leads (tracking API)'],
    ['attributed_sales', r.tracked.conversions, 'count', 'sales credited to this campaign by click, code, import or entry'],
    ['attributed_revenue', major(r.tracked.revenueMinor), cur, 'revenue of the attributed sales net of refunds'],
    ['unqualified_outside_window', r.tracked.outsideWindow, 'count', 'conversions matched after the attribution window: kept, not counted'],
    ['ctr', r.metrics.ctr.value, 'fraction', def('ctr')],
    ['conversion_rate', r.metrics.conversionRate.value, 'fraction', def('conversionRate')],
    ['cpm', costPerUnit(r.metrics.cpm.value), cur, def('cpm')],
    ['cpe', costPerUnit(r.metrics.cpe.value), cur, def('cpe')],
    ['cpa', costPerUnit(r.metrics.cpa.value), cur, def('cpa')],
    ['roi', r.metrics.roi.value, 'fraction', def('roi')],
    ['roas', r.metrics.roas.value, 'ratio', def('roas')],
    ['emv', major(r.metrics.emv.value), cur, def('emv')],
    // GA4's view (API provenance), only with a property connected; beside the attributed numbers, never in them.
    ...(r.ga4
      ? ([
          ['ga4_sessions', r.ga4.total.sessions, 'count', def('ga4Sessions')],
          ['ga4_key_events', r.ga4.total.keyEvents, 'count', def('ga4KeyEvents')],
          ['ga4_revenue', major(r.ga4.total.revenueMinor), cur, def('ga4Revenue')],
          ['ga4_roas', r.ga4.roas.value, 'ratio', def('ga4Roas')],
          ['ga4_synced_at', r.ga4.lastSyncedAt?.toISOString() ?? null, 'timestamp', 'last successful read of the GA4 properties'],
        ] satisfies Cell[][])
      : []),
    ...r.goals.map((g): Cell[] => [
      `goal_${g.key === 'revenueMinor' ? 'revenue' : g.key}`,
      g.progress,
      'fraction of target',
      `actual ${g.key === 'revenueMinor' ? major(g.actual) : (g.actual ?? 'unknown')} ÷ target ${g.key === 'revenueMinor' ? major(g.target) : g.target}`,
    ]),
  ];
  async function* chunks() {
    yield UTF8_BOM + csvLines([['# summary'], CAMPAIGN_CSV_SECTIONS.summary]) + counter.lines(summary);
    yield '\r\n' + csvLines([['# influencers'], CAMPAIGN_CSV_SECTIONS.influencers]);
    yield counter.lines(
      r.influencers.map((i): Cell[] => [
        i.influencerId,
        i.name,
        major(i.feeMinor),
        i.totals.posts,
        i.totals.reach,
        i.share.reach,
        i.totals.engagements,
        i.share.engagements,
        i.totals.conversions,
        i.share.conversions,
        major(i.totals.revenueMinor),
        i.share.revenue,
        i.roi.value,
      ]),
    );
    yield '\r\n' + csvLines([['# posts'], CAMPAIGN_CSV_SECTIONS.posts]);
    for await (const page of pages<Record<string, unknown>>(campaignPostsSql(r.access.org.id, c.id, cur, 'confirmed', null), PAGE))
      yield counter.lines(
        page
          .map(toCampaignPost)
          .map((p): Cell[] => [
            p.postId,
            p.influencerName,
            p.platform,
            p.handle,
            p.title,
            p.postDate,
            p.source === 'hashtag' ? 'keyword' : p.source,
            p.views,
            p.reach,
            p.impressions,
            p.engagements,
            p.clicks,
            p.conversions,
            major(p.revenueMinor),
            p.capturedAt,
            p.provenance,
          ]),
      );
    yield '\r\n' + csvLines([['# conversions'], CAMPAIGN_CSV_SECTIONS.conversions]);
    for await (const page of pages<Record<string, unknown>>(campaignConversionsSql(r.access.org.id, c.id), PAGE))
      yield counter.lines(
        page.map((v): Cell[] => [
          String(v.id),
          String(v.kind),
          String(v.external_id),
          new Date(v.occurred_at as string).toISOString(),
          (v.influencer as string | null) ?? null,
          v.revenue_minor === null ? null : major(Number(v.revenue_minor)),
          major(Number(v.refunded_minor)),
          (v.currency as string | null) ?? null,
          (v.attributed_by as string | null) ?? null,
          v.attribution_status === 'outside_window' ? 'unqualified: outside window' : String(v.attribution_status),
          v.window_days === null ? null : Number(v.window_days),
          (v.discount_code as string | null) ?? null,
          (v.click_id as string | null) ?? null,
        ]),
      );
  }
  return { fileName: exportFileName(r.access.org.slug, c.name), chunks: chunks(), rows: () => counter.count };
}
