'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input, Select } from '@/components/ui/field';

type Row = { key: string; label: string; own: number | null; fallback: number };

const EMV_LABELS: Record<string, string> = {
  impressions: 'Impression',
  views: 'View',
  likes: 'Like',
  comments: 'Comment',
  shares: 'Share',
  saves: 'Save',
  clicks: 'Click',
};
const TIER_LABELS: Record<string, string> = { nano: 'Nano', micro: 'Micro', mid: 'Mid', macro: 'Macro', mega: 'Mega' };

/**
 * The fields of the metric settings form. Each shows the organization's own value, or is blank
 * with the default as placeholder (blank saves the default). `disabled` for viewers, who read.
 */
export function MetricSettingsFields({
  emv,
  tiers,
  engagementRateBasis,
  attributionWindowDays,
  reportingCurrency,
  defaults,
  disabled,
}: {
  emv: Row[];
  tiers: Row[];
  engagementRateBasis: string | null;
  attributionWindowDays: number | null;
  reportingCurrency: string | null;
  defaults: { attributionWindowDays: number; reportingCurrency: string };
  disabled: boolean;
}) {
  const state = useActionFormState();
  const v = (k: string, own: number | string | null) => state.values?.[k] ?? (own === null ? '' : String(own));
  const currency = state.values?.reportingCurrency || reportingCurrency || defaults.reportingCurrency;
  return (
    <fieldset disabled={disabled} className="space-y-8">
      <section aria-labelledby="emv-heading">
        <h3 id="emv-heading" className="text-sm font-semibold text-gray-900">
          Earned media value (EMV)
        </h3>
        <p className="mt-1 text-xs text-gray-500">
          Value of one action in minor units of {currency} (cents for USD; 0.5 = half a cent). EMV = Σ count × value over a campaign’s
          posts. Blank uses Reachboard’s default (industry practice, docs/metrics.md).
        </p>
        <div className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="emv-fields">
          {emv.map((r) => (
            <FormField
              key={r.key}
              name={`emv_${r.key}`}
              label={`${EMV_LABELS[r.key]}`}
              htmlFor={`emv-${r.key}`}
              hint={`Default ${r.fallback}`}
            >
              <Input
                id={`emv-${r.key}`}
                name={`emv_${r.key}`}
                inputMode="decimal"
                defaultValue={v(`emv_${r.key}`, r.own)}
                placeholder={String(r.fallback)}
              />
            </FormField>
          ))}
        </div>
      </section>
      <section aria-labelledby="tier-heading">
        <h3 id="tier-heading" className="text-sm font-semibold text-gray-900">
          Influencer tiers
        </h3>
        <p className="mt-1 text-xs text-gray-500">
          Followers from which an account belongs to each tier; each bound above the one before. Defaults: Influencer Marketing Hub’s bands.
        </p>
        <div className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-5" data-testid="tier-fields">
          {tiers.map((r) => (
            <FormField
              key={r.key}
              name={`tier_${r.key}`}
              label={TIER_LABELS[r.key]}
              htmlFor={`tier-${r.key}`}
              hint={`Default ${r.fallback.toLocaleString('en-US')}`}
            >
              <Input
                id={`tier-${r.key}`}
                name={`tier_${r.key}`}
                inputMode="numeric"
                defaultValue={v(`tier_${r.key}`, r.own)}
                placeholder={r.fallback.toLocaleString('en-US')}
              />
            </FormField>
          ))}
        </div>
      </section>
      <section aria-labelledby="basis-heading" className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <h3 id="basis-heading" className="sr-only">
          Engagement rate, attribution and currency
        </h3>
        <FormField
          name="engagementRateBasis"
          label="Engagement rate basis"
          htmlFor="er-basis"
          hint="What the roster shows first; the other basis is used where the first is unknown"
        >
          <Select id="er-basis" name="engagementRateBasis" defaultValue={v('engagementRateBasis', engagementRateBasis)}>
            <option value="">By followers (default)</option>
            <option value="followers">By followers</option>
            <option value="views">By views</option>
          </Select>
        </FormField>
        <FormField
          name="attributionWindowDays"
          label="Attribution window (days)"
          htmlFor="attribution-window"
          hint={`New campaigns start with it; default ${defaults.attributionWindowDays}`}
        >
          <Input
            id="attribution-window"
            name="attributionWindowDays"
            inputMode="numeric"
            defaultValue={v('attributionWindowDays', attributionWindowDays)}
            placeholder={String(defaults.attributionWindowDays)}
          />
        </FormField>
        <FormField
          name="reportingCurrency"
          label="Reporting currency"
          htmlFor="reporting-currency"
          hint={`New campaigns; default ${defaults.reportingCurrency}`}
        >
          <Input
            id="reporting-currency"
            name="reportingCurrency"
            defaultValue={v('reportingCurrency', reportingCurrency)}
            placeholder={defaults.reportingCurrency}
            maxLength={3}
          />
        </FormField>
      </section>
    </fieldset>
  );
}
