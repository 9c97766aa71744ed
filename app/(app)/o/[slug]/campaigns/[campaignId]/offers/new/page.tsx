import Link from 'next/link';
import { OfferForecast } from '@/components/offers/offer-forecast';
import { OfferTermsFields } from '@/components/offers/offer-terms-fields';
import { ActionForm } from '@/components/ui/action-form';
import { formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getCampaignForEdit } from '@/lib/campaigns/get-campaign-for-edit';
import { forecastCreator } from '@/lib/forecasts/forecast-creator';
import { getCreatorProfile } from '@/lib/influencers/creator-directory';
import { loadPage } from '@/lib/pages';
import { sendOfferAction } from '../../../../../../offers/actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New offer' };

export default async function NewOfferPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; campaignId: string }>;
  searchParams: Promise<{ influencer?: string }>;
}) {
  const { slug, campaignId } = await params;
  const { influencer = '' } = await searchParams;
  const ctx = await getRequestCtx();
  const [{ campaign }, creator, { forecasts }] = await loadPage(
    () =>
      Promise.all([
        getCampaignForEdit({ ctx, input: { orgSlug: slug, campaignId } }),
        getCreatorProfile({ ctx, input: { influencerId: influencer } }),
        forecastCreator({ ctx, input: { orgSlug: slug, influencerId: influencer } }),
      ]),
    `/o/${slug}/campaigns/${campaignId}`,
  );
  // The first deliverable starts on the platform the creator has the most history on.
  const postsOf = (f: (typeof forecasts)[number]) => ('reason' in f.views ? 0 : f.views.ownPosts);
  const primaryPlatform = [...forecasts].sort((a, b) => postsOf(b) - postsOf(a))[0]?.platform ?? 'instagram';
  const rate =
    creator.rate?.rateMinor != null && creator.rate.rateCurrency ? formatMoney(creator.rate.rateMinor, creator.rate.rateCurrency) : null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/campaigns/${campaign.id}`} className="text-gray-500 hover:text-gray-900">
          ← {campaign.name}
        </Link>
      </p>
      <PageHeader
        title={`Offer to ${creator.displayName}`}
        description={`For ${campaign.name}, in ${campaign.currency}. ${rate ? `Their rate card: ${rate} per deliverable.` : 'No rate card stated.'}`}
      />
      <ActionForm
        action={sendOfferAction.bind(null, slug, campaign.id, creator.id)}
        className="grid grid-cols-1 gap-6 lg:grid-cols-3"
        testId="send-offer"
      >
        <Panel className="lg:col-span-2">
          <div className="space-y-5">
            <OfferTermsFields
              currency={campaign.currency}
              defaults={{ dueOn: campaign.endsOn ?? '', deliverables: [{ title: '', platform: primaryPlatform, dueOn: '' }] }}
            />
            <SubmitButton pendingLabel="Sending…">Send offer</SubmitButton>
          </div>
        </Panel>
        <Panel
          title="Forecast"
          description={
            <>
              Views and engagements 30 days after posting, from this creator’s history shrunk toward your creators’.{' '}
              <Link href={`/o/${slug}/forecasts`} className="text-indigo-600 hover:text-indigo-500">
                How accurate so far
              </Link>
            </>
          }
        >
          <OfferForecast forecasts={forecasts} currency={campaign.currency} />
        </Panel>
      </ActionForm>
    </>
  );
}
