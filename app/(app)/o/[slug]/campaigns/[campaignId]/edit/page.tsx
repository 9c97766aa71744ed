import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { getRequestCtx } from '@/lib/auth/request-context';
import { campaignFormValues } from '@/lib/campaigns/campaign-schema';
import { getCampaignForEdit } from '@/lib/campaigns/get-campaign-for-edit';
import { loadPage } from '@/lib/pages';
import { updateCampaignAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Edit campaign' };

export default async function EditCampaignPage({ params }: { params: Promise<{ slug: string; campaignId: string }> }) {
  const { slug, campaignId } = await params;
  const ctx = await getRequestCtx();
  const { campaign } = await loadPage(
    () => getCampaignForEdit({ ctx, input: { orgSlug: slug, campaignId } }),
    `/o/${slug}/campaigns/${campaignId}/edit`,
  );
  return (
    <>
      <PageHeader title={`Edit ${campaign.name}`} description="Changes apply to the report right away" />
      <CampaignForm
        action={updateCampaignAction.bind(null, slug, campaign.id)}
        submitLabel="Save changes"
        values={campaignFormValues(campaign)}
      />
    </>
  );
}
