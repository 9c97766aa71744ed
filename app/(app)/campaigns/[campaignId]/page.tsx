import Link from 'next/link';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney, formatNumber } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getPublicCampaign } from '@/lib/campaigns/list-public-campaigns';
import { loadPage } from '@/lib/pages';
import { applyAction } from '../../offers/actions';
import { ApplyFields } from './apply-fields';
import { Notice } from '@/components/ui/notice';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Campaign' };

const GOALS = {
  impressions: 'impressions',
  views: 'views',
  engagements: 'engagements',
  clicks: 'clicks',
  conversions: 'conversions',
} as const;

export default async function PublicCampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const ctx = await getRequestCtx();
  const c = await loadPage(() => getPublicCampaign({ ctx, input: { campaignId } }), `/campaigns/${campaignId}`);
  const open = c.myOffer && (c.myOffer.status === 'pending' || c.myOffer.status === 'countered' || c.myOffer.status === 'accepted');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/campaigns" className="text-gray-500 hover:text-gray-900">
          ← Campaigns
        </Link>
      </p>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {c.brand.name} {c.category ? <Badge tone="indigo">{c.category}</Badge> : null} {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
          </span>
        }
      />
      {c.hiddenBecause.length ? (
        <div className="mb-6">
          <Notice tone="error" testId="campaign-hidden">
            Influencers cannot see this campaign: {c.hiddenBecause.join(', ')}.
          </Notice>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <Panel title="About the campaign">
            <p className="whitespace-pre-line text-sm text-gray-700">{c.description ?? 'No description.'}</p>
            {c.brief ? (
              <>
                <h3 className="mt-5 text-sm font-semibold text-gray-900">Brief</h3>
                <p className="mt-1 whitespace-pre-line text-sm text-gray-700">{c.brief}</p>
              </>
            ) : null}
          </Panel>
          <Panel title="At a glance">
            <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-gray-500">Budget</dt>
                <dd className="font-semibold text-gray-900">{formatMoney(c.budgetMinor, c.currency)}</dd>
              </div>
              <div>
                <dt className="text-gray-500">Places left</dt>
                <dd className="font-semibold text-gray-900">{c.placesLeft === null ? 'Open' : `${c.placesLeft} of ${c.maxInfluencers}`}</dd>
              </div>
              {(Object.keys(GOALS) as (keyof typeof GOALS)[])
                .filter((k) => c.goals[k])
                .map((k) => (
                  <div key={k}>
                    <dt className="text-gray-500">Goal: {GOALS[k]}</dt>
                    <dd className="font-semibold text-gray-900">{formatNumber(c.goals[k]!)}</dd>
                  </div>
                ))}
            </dl>
          </Panel>
        </div>
        <div className="lg:col-span-2">
          {c.myOffer && open ? (
            <Panel title="Your application">
              <p className="flex items-center gap-2 text-sm text-gray-700">
                <OfferStatusBadge status={c.myOffer.status} />
                <Link className="font-medium text-indigo-600" href={`/offers/${c.myOffer.id}`}>
                  Open the negotiation
                </Link>
              </p>
            </Panel>
          ) : c.placesLeft === 0 ? (
            <Panel title="This campaign is full">
              <p className="text-sm text-gray-600">Every place is taken.</p>
            </Panel>
          ) : (
            <Panel title="Apply" description="The brand sees your pitch, your profile and your proposed fee">
              <ActionForm action={applyAction.bind(null, c.id)} className="space-y-4" testId="apply-form">
                <ApplyFields currency={c.currency} />
                <SubmitButton pendingLabel="Sending…">Send application</SubmitButton>
              </ActionForm>
            </Panel>
          )}
        </div>
      </div>
    </>
  );
}
