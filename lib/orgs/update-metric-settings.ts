import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { blank, currencyCode } from '../form-fields';
import { EMV_ACTIONS, type EmvAction } from '../metrics/emv';
import { DEFAULT_TIER_THRESHOLDS, type Tier } from '../metrics/tier';
import { refreshInfluencerMetrics } from '../rollups/refresh-influencer-metrics';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const TIER_ORDER: Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega'];

/** A value per action in minor units: 0 to 1,000,000, up to 4 decimals ("0.5" = half a cent); blank = default. */
const emvValue = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .transform((s) => s.replace(',', '.'))
    .pipe(z.string().regex(/^\d{1,7}(\.\d{1,4})?$/, 'Enter a value like 8 or 0.5 (minor units per action)'))
    .transform(Number)
    .pipe(z.number().max(1_000_000, 'At most 1,000,000 per action'))
    .optional(),
);
/** A tier's lower bound in followers: a whole number from 1 to 2,000,000,000; blank = default. */
const tierBound = z.preprocess(
  (v) => (typeof v === 'string' ? blank(v.replace(/[,\s_]/g, '')) : v),
  z.coerce
    .number('Enter a whole number of followers')
    .int('Enter a whole number of followers')
    .min(1, 'At least 1')
    .max(2e9, 'At most 2,000,000,000')
    .optional(),
);

const settingsSchema = z
  .object({
    orgId: z.uuid(),
    ...(Object.fromEntries(EMV_ACTIONS.map((a) => [`emv_${a}`, emvValue])) as Record<`emv_${EmvAction}`, typeof emvValue>),
    ...(Object.fromEntries(TIER_ORDER.map((t) => [`tier_${t}`, tierBound])) as Record<`tier_${Tier}`, typeof tierBound>),
    engagementRateBasis: z.preprocess(blank, z.enum(['followers', 'views'], { message: 'Choose followers or views' }).optional()),
    attributionWindowDays: z.preprocess(
      blank,
      z.coerce
        .number('Enter a number of days')
        .int('Enter a whole number of days')
        .min(1, 'At least 1 day')
        .max(365, 'At most 365 days')
        .optional(),
    ),
    reportingCurrency: z.preprocess(blank, currencyCode.optional()),
  })
  .superRefine((v, issue) => {
    // Bounds must rise from nano to mega, counting defaults where a bound is left blank.
    const bounds = TIER_ORDER.map((t) => v[`tier_${t}`] ?? DEFAULT_TIER_THRESHOLDS[t]);
    for (let i = 1; i < TIER_ORDER.length; i++)
      if (bounds[i] <= bounds[i - 1])
        issue.addIssue({
          code: 'custom',
          path: [`tier_${TIER_ORDER[i]}`],
          message: `Must be above ${TIER_ORDER[i - 1]}’s ${bounds[i - 1].toLocaleString('en-US')}`,
        });
  });

export type MetricSettingsInput = { orgId: string } & Partial<Record<`emv_${EmvAction}` | `tier_${Tier}`, string>> & {
    engagementRateBasis?: string;
    attributionWindowDays?: string;
    reportingCurrency?: string;
  };

/**
 * Sets an organization's metric settings (managers and owners): the EMV value table (minor units
 * per action), tier thresholds (followers), the preferred engagement-rate basis of roster rows, the
 * attribution window of new campaigns (days, 1–365) and the reporting currency. A blank field
 * returns to the documented default. Values computed when read (EMV, tiers) change on the next
 * page; roster rows are recomputed here when the engagement-rate basis changes. Audited with the
 * values before and after.
 * @throws NotFoundError; ForbiddenError (a viewer); ValidationError naming each bad field.
 */
export async function updateMetricSettings({ ctx, input }: VerbArgs<Untrusted<MetricSettingsInput>>): Promise<void> {
  const data = parseInput(settingsSchema, input);
  const pick = <K extends string>(keys: readonly K[], prefix: string) => {
    const entries = keys.flatMap((k) => {
      const v = (data as unknown as Record<string, number | undefined>)[`${prefix}${k}`];
      return v === undefined ? [] : [[k, v] as const];
    });
    return entries.length ? (Object.fromEntries(entries) as Record<string, number>) : null;
  };
  const next = {
    emvValues: pick(EMV_ACTIONS, 'emv_'),
    tierThresholds: pick(TIER_ORDER, 'tier_'),
    engagementRateBasis: data.engagementRateBasis ?? null,
    attributionWindowDays: data.attributionWindowDays ?? null,
    reportingCurrency: data.reportingCurrency ?? null,
  };
  await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { orgId: data.orgId }, 'manager');
    const before = {
      emvValues: org.emvValues,
      tierThresholds: org.tierThresholds,
      engagementRateBasis: org.engagementRateBasis,
      attributionWindowDays: org.attributionWindowDays,
      reportingCurrency: org.reportingCurrency,
    };
    await tx
      .update(organizations)
      .set({ ...next, metricSettingsUpdatedAt: new Date() })
      .where(eq(organizations.id, org.id));
    if ((before.engagementRateBasis ?? 'followers') !== (next.engagementRateBasis ?? 'followers'))
      await refreshInfluencerMetrics(tx, { ownerOrgId: org.id, influencerIds: 'all' });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'organization.metric_settings_updated',
      targetType: 'organization',
      targetId: org.id,
      before,
      after: next,
    });
  });
}
