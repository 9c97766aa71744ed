import Link from 'next/link';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { formatMoney, formatRelative } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listMyOffers } from '@/lib/offers/list-offers';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Offers' };

export default async function MyOffersPage() {
  const ctx = await getRequestCtx();
  const offers = await loadPage(() => listMyOffers({ ctx, input: undefined }), '/offers');
  const yourTurn = offers.filter((o) => (o.status === 'pending' || o.status === 'countered') && o.latest.proposedBySide === 'brand');
  return (
    <>
      <PageHeader title="Offers" description="Offers from brands and your applications, with every negotiation round." />
      <Panel title={`${yourTurn.length} waiting for your answer`} padded={offers.length === 0}>
        {offers.length === 0 ? (
          <EmptyState title="No offers yet">
            Brands send offers to creators they find; you can also{' '}
            <Link className="font-medium text-indigo-600" href="/campaigns">
              apply to public campaigns
            </Link>
            .
          </EmptyState>
        ) : (
          <ul className="divide-y divide-gray-100" data-testid="my-offers">
            {offers.map((o) => (
              <li key={o.id}>
                <Link href={`/offers/${o.id}`} className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-gray-50">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-gray-900">{o.campaign.name}</p>
                    <p className="text-xs text-gray-500">
                      {o.brandName} · {o.initiatedBy === 'influencer' ? 'your application' : 'offer'} · round {o.latest.roundNumber} ·{' '}
                      {(o.status === 'pending' || o.status === 'countered') && o.latest.proposedBySide === 'brand' ? (
                        <span className="font-medium text-amber-700">your turn</span>
                      ) : (
                        `updated ${formatRelative(o.updatedAt)}`
                      )}
                    </p>
                  </div>
                  <div className="flex shrink-0 items-center gap-3">
                    <span className="text-sm font-semibold tabular-nums text-gray-900">
                      {formatMoney(o.latest.feeMinor, o.latest.currency)}
                    </span>
                    <OfferStatusBadge status={o.status} />
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
