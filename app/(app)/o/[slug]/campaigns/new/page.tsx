import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { getRequestCtx } from '@/lib/auth/request-context';
import { requireCampaignManagerPage } from '@/lib/campaigns/require-campaign-manager-page';
import { metricSettingsOf } from '@/lib/metrics/settings';
import { loadPage } from '@/lib/pages';
import { createCampaignAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New campaign' };

export default async function NewCampaignPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const access = await loadPage(() => requireCampaignManagerPage({ ctx, input: { orgSlug: slug } }), `/o/${slug}/campaigns/new`);
  return (
    <>
      <PageHeader title="New campaign" description={`A draft in ${access.org.name}: activate it when its dates are set`} />
      <CampaignForm
        action={createCampaignAction.bind(null, slug)}
        submitLabel="Create draft"
        values={{ currency: metricSettingsOf(access.org).reportingCurrency, taskProgressWeight: '50' }}
      />
    </>
  );
}
