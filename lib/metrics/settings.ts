import { DEFAULT_EMV_VALUES, type EmvValueTable } from './emv';
import { DEFAULT_TIER_THRESHOLDS, type TierThresholds } from './tier';

/** Engagement-rate basis an organization prefers on roster rows. */
type PreferredEngagementBasis = 'followers' | 'views';

/** Defaults of the settings below: Reachboard's documented starting points (docs/metrics.md). */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;
export const DEFAULT_REPORTING_CURRENCY = 'USD';
const DEFAULT_ENGAGEMENT_BASIS: PreferredEngagementBasis = 'followers';

/**
 * The metric settings an organization's pages use, each with whether it is the organization's own
 * or the default:
 * - `emvValues`: minor units of the reporting currency per action (fractions allowed);
 * - `tierThresholds`: lower bound in followers of each tier;
 * - `engagementRateBasis`: the engagement rate a roster row shows first (followers, else reported,
 *   else views; or views, else followers, else reported);
 * - `attributionWindowDays`: the window of new campaigns (each campaign may change its own);
 * - `reportingCurrency`: ISO 4217 code of new campaigns and of revenue shown first.
 */
export type MetricSettings = {
  emvValues: EmvValueTable;
  tierThresholds: TierThresholds;
  engagementRateBasis: PreferredEngagementBasis;
  attributionWindowDays: number;
  reportingCurrency: string;
  /** Which settings are the organization's own (true) rather than the defaults. */
  custom: {
    emvValues: boolean;
    tierThresholds: boolean;
    engagementRateBasis: boolean;
    attributionWindowDays: boolean;
    reportingCurrency: boolean;
  };
  updatedAt: Date | null;
};

/** The organization row's setting columns (null = default). */
export type OrgSettingColumns = {
  emvValues: Record<string, number> | null;
  tierThresholds: Record<string, number> | null;
  engagementRateBasis: PreferredEngagementBasis | null;
  attributionWindowDays: number | null;
  reportingCurrency: string | null;
  metricSettingsUpdatedAt: Date | null;
};

/** The effective settings of an organization: its own values where set, the defaults elsewhere. */
export function metricSettingsOf(org: OrgSettingColumns): MetricSettings {
  return {
    emvValues: { ...DEFAULT_EMV_VALUES, ...(org.emvValues ?? {}) } as EmvValueTable,
    tierThresholds: { ...DEFAULT_TIER_THRESHOLDS, ...(org.tierThresholds ?? {}) } as TierThresholds,
    engagementRateBasis: org.engagementRateBasis ?? DEFAULT_ENGAGEMENT_BASIS,
    attributionWindowDays: org.attributionWindowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS,
    reportingCurrency: org.reportingCurrency ?? DEFAULT_REPORTING_CURRENCY,
    custom: {
      emvValues: !!org.emvValues && Object.keys(org.emvValues).length > 0,
      tierThresholds: !!org.tierThresholds && Object.keys(org.tierThresholds).length > 0,
      engagementRateBasis: org.engagementRateBasis !== null,
      attributionWindowDays: org.attributionWindowDays !== null,
      reportingCurrency: org.reportingCurrency !== null,
    },
    updatedAt: org.metricSettingsUpdatedAt,
  };
}
