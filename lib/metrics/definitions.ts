/**
 * What each metric label explains on hover: the formula and where the definition comes from.
 * One entry per concept, shared by every page and by docs/exports.md; the functions in this
 * folder compute the values.
 */
export type MetricDefinition = { label: string; formula: string; source: string };

export const METRIC_DEFINITIONS = {
  views: { label: 'Views', formula: 'Σ views of the posts, latest snapshot of each', source: 'platform counts' },
  reach: { label: 'Reach', formula: 'Σ reach of the posts (unique accounts), latest snapshot of each', source: 'platform insights' },
  impressions: { label: 'Impressions', formula: 'Σ impressions of the posts, latest snapshot of each', source: 'platform insights' },
  engagements: {
    label: 'Engagements',
    formula: 'likes + comments + shares + saves (views and dislikes excluded); unknown parts left out',
    source: 'Influencer Marketing Hub',
  },
  engagementRateByViews: {
    label: 'Engagement rate',
    formula: 'Σ engagements ÷ Σ views, over posts where both are known',
    source: 'engagement rate by views (video platforms)',
  },
  engagementRate: {
    label: 'Engagement rate',
    formula:
      'median engagements per post ÷ followers; else the rate the source reported; else median of engagements ÷ views per post. The basis is shown next to the value',
    source: 'Influencer Marketing Hub',
  },
  followers: { label: 'Followers', formula: 'latest known follower (subscriber) count', source: 'platform counts' },
  followerGrowth: {
    label: 'Follower growth',
    formula: 'followers at the end − followers at the start (last value known on or before each day); % = growth ÷ start',
    source: 'period-over-period growth',
  },
  netFollowerGrowth: {
    label: 'Follower growth',
    formula:
      'Σ over the account captures dated in the period of (followers − the same account’s previous known followers); an account’s first capture adds nothing',
    source: 'net follower change',
  },

  medianViews: { label: 'Median views', formula: 'median views per post over the 90 days up to the latest post', source: '—' },
  postingFrequency: {
    label: 'Posts per week',
    formula:
      'posts in the 90 days up to the latest post ÷ (days from the first to the latest of those posts + 1, at most 90) × 7; unknown with fewer than 2 posts or under 7 days covered',
    source: 'Reachboard',
  },
  posts: { label: 'Posts', formula: 'posts dated in the period (publish time, else first capture)', source: '—' },
  spend: {
    label: 'Spend',
    formula: 'Σ agreed fees of collaborations on campaigns running in the period',
    source: 'collaborations (agreed offers)',
  },
  overviewSpend: {
    label: 'Spend',
    formula:
      'Σ agreed fees of collaborations on campaigns running in the period + Σ imported costs of posts dated in the period that belong to no campaign',
    source: 'collaborations (agreed offers); imported post costs',
  },
  conversions: {
    label: 'Conversions',
    formula:
      'attributed sales (tracking API, shop webhooks, entered or imported against the campaign) + conversions reported on posts; unqualified and unattributed conversions are not counted',
    source: 'tracking links and codes (last click within the window) / imports',
  },
  revenue: {
    label: 'Revenue',
    formula: 'revenue of attributed sales net of refunds + revenue reported on posts, in the report currency',
    source: 'tracking links and codes / imports',
  },
  linkClicks: {
    label: 'Link clicks',
    formula: 'visits of the tracking links by people (crawlers and link previews excluded); unique = distinct visitor per hour',
    source: 'Reachboard tracking links',
  },
  ga4Sessions: {
    label: 'GA4 sessions',
    formula:
      "Σ sessions GA4 recorded whose campaign, source and ad content equal a tracking link's utm_campaign, utm_source and utm_content",
    source: 'Google Analytics 4 Data API (sessionCampaignName, sessionSource, sessionManualAdContent)',
  },
  ga4KeyEvents: { label: 'GA4 key events', formula: 'Σ keyEvents of those sessions', source: 'Google Analytics 4 Data API' },
  ga4Revenue: {
    label: 'GA4 revenue',
    formula:
      'Σ totalRevenue of those sessions, in the property’s currency; not added to attributed revenue (GA4 also sees orders a click or code attributed)',
    source: 'Google Analytics 4 Data API',
  },
  ga4Roas: { label: 'GA4 ROAS', formula: 'GA4 revenue ÷ spend', source: 'Google Ads' },
  ctr: { label: 'CTR', formula: 'link clicks ÷ impressions of the linked posts', source: 'IAB glossary' },
  conversionRate: { label: 'Conversion rate', formula: 'attributed sales ÷ link clicks', source: 'Google Analytics' },
  roi: { label: 'ROI', formula: '(revenue − spend) ÷ spend', source: 'standard return on investment' },
  roas: { label: 'ROAS', formula: 'revenue ÷ spend', source: 'Google Ads' },
  cpm: { label: 'CPM', formula: 'spend ÷ impressions × 1,000', source: 'IAB glossary' },
  cpe: { label: 'CPE', formula: 'spend ÷ engagements', source: 'Influencer Marketing Hub' },
  cpa: { label: 'CPA', formula: 'spend ÷ conversions', source: 'IAB glossary' },
  cpv: { label: 'CPV', formula: 'spend ÷ views', source: 'Google Ads' },
  emv: {
    label: 'EMV',
    formula: 'Σ count × value per action (impressions, views, likes, comments, shares, saves, clicks)',
    source: "industry practice; the organization's value table",
  },
  budgetUsed: { label: 'Budget used', formula: 'spend ÷ budget', source: '—' },
  forecastError: {
    label: 'MdAPE',
    formula: 'median over forecasts of |forecast − actual at 30 days| ÷ actual (actual 0 left out)',
    source: 'Hyndman & Koehler (2006); docs/metrics.md "Forecasts"',
  },
  forecastCoverage: {
    label: 'Coverage',
    formula: 'share of 30-day outcomes inside the forecast’s p10–p90 range; 80 % when the ranges are calibrated',
    source: 'interval forecast evaluation (Gneiting & Raftery 2007); docs/metrics.md',
  },
  campaignProgress: {
    label: 'Progress',
    formula:
      'w × (approved deliverables ÷ all deliverables) + (1 − w) × mean of min(actual ÷ target, 100 %) over measured goals; w is the campaign’s task weight. An unknown part gives its weight to the other',
    source: 'Reachboard (docs/metrics.md)',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;
