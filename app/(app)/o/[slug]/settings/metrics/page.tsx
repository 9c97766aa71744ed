import Link from 'next/link';
import { MetricSettingsFields } from '@/components/settings/metric-settings-fields';
import { ActionForm } from '@/components/ui/action-form';
import { formatDate } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { DEFAULT_EMV_VALUES, EMV_ACTIONS } from '@/lib/metrics/emv';
import { DEFAULT_ATTRIBUTION_WINDOW_DAYS, DEFAULT_REPORTING_CURRENCY } from '@/lib/metrics/settings';
import { DEFAULT_TIER_THRESHOLDS, type Tier } from '@/lib/metrics/tier';
import { getOrgAccess } from '@/lib/orgs/get-org-access';
import { loadPage } from '@/lib/pages';
import { updateMetricSettingsAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Metric settings' };

const TIERS: Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega'];

export default async function MetricSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const access = await loadPage(() => getOrgAccess({ ctx, input: { slug } }), `/o/${slug}/settings/metrics`);
  const { org, role } = access;
  const canEdit = role !== 'viewer';
  return (
    <>
      <PageHeader
        title="Metric settings"
        description={
          org.metricSettingsUpdatedAt
            ? `The bases ${org.name}’s pages use · last changed ${formatDate(org.metricSettingsUpdatedAt)}`
            : `The bases ${org.name}’s pages use · Reachboard’s defaults so far`
        }
        actions={
          <Link href={`/o/${slug}/settings`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Team & settings
          </Link>
        }
      />
      {!canEdit ? (
        <div className="mb-6">
          <Notice>You are a viewer: you can read the settings but not change them.</Notice>
        </div>
      ) : null}
      <Panel
        title="How Reachboard computes"
        description="EMV and tiers apply on the next page view; changing the engagement-rate basis recomputes the roster when saved."
      >
        <ActionForm action={updateMetricSettingsAction.bind(null, org.id, slug)} className="space-y-6" testId="metric-settings-form">
          <MetricSettingsFields
            emv={EMV_ACTIONS.map((a) => ({ key: a, label: a, own: org.emvValues?.[a] ?? null, fallback: DEFAULT_EMV_VALUES[a] }))}
            tiers={TIERS.map((t) => ({ key: t, label: t, own: org.tierThresholds?.[t] ?? null, fallback: DEFAULT_TIER_THRESHOLDS[t] }))}
            engagementRateBasis={org.engagementRateBasis}
            attributionWindowDays={org.attributionWindowDays}
            reportingCurrency={org.reportingCurrency}
            defaults={{ attributionWindowDays: DEFAULT_ATTRIBUTION_WINDOW_DAYS, reportingCurrency: DEFAULT_REPORTING_CURRENCY }}
            disabled={!canEdit}
          />
          {canEdit ? <SubmitButton>Save settings</SubmitButton> : null}
        </ActionForm>
      </Panel>
    </>
  );
}
