import Link from 'next/link';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { OfferTermsFields } from '@/components/offers/offer-terms-fields';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/field';
import { formatDate, formatDateTime, formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getOffer } from '@/lib/offers/get-offer';
import { loadPage } from '@/lib/pages';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { editOfferAction, respondAction, withdrawOfferAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Offer' };

export default async function OfferPage({ params }: { params: Promise<{ offerId: string }> }) {
  const { offerId } = await params;
  const ctx = await getRequestCtx();
  const offer = await loadPage(() => getOffer({ ctx, input: { offerId } }), `/offers/${offerId}`);
  const latest = offer.rounds.at(-1)!;
  const money = (minor: number) => formatMoney(minor, latest.currency);
  const other = offer.side === 'brand' ? offer.influencer.displayName : offer.brand.name;
  const sideName = (side: string) => (side === 'brand' ? offer.brand.name : offer.influencer.displayName);
  const defaults = {
    fee: String(latest.feeMinor / 100),
    dueOn: latest.dueOn ?? '',
    terms: latest.terms ?? '',
    deliverables: latest.deliverables.map((d) => ({ title: d.title, platform: d.platform, dueOn: d.dueOn ?? '' })),
  };
  return (
    <>
      <p className="mb-2 text-sm">
        {offer.side === 'brand' ? (
          <Link href={`/o/${offer.campaign.orgSlug}/campaigns/${offer.campaign.id}`} className="text-gray-500 hover:text-gray-900">
            ← {offer.campaign.name}
          </Link>
        ) : (
          <Link href="/offers" className="text-gray-500 hover:text-gray-900">
            ← Your offers
          </Link>
        )}
      </p>
      <PageHeader
        title={`${offer.initiatedBy === 'influencer' ? 'Application' : 'Offer'}: ${offer.campaign.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OfferStatusBadge status={offer.status} />
            {offer.brand.name} ↔ {offer.influencer.displayName} · started {formatDate(offer.createdAt)} · {offer.rounds.length} round
            {offer.rounds.length === 1 ? '' : 's'}
          </span>
        }
        actions={
          offer.conversationId ? (
            <Link
              href={`/inbox/${offer.conversationId}`}
              className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
            >
              Message {other}
            </Link>
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="space-y-4 lg:col-span-3">
          {offer.pitch ? (
            <Panel title="Pitch">
              <p className="whitespace-pre-line text-sm text-gray-700">{offer.pitch}</p>
            </Panel>
          ) : null}
          <ol className="space-y-4" data-testid="offer-rounds">
            {offer.rounds.map((r) => (
              <li key={r.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid={`round-${r.roundNumber}`}>
                <div className="flex items-start justify-between gap-4">
                  <div>
                    <p className="text-xs font-medium uppercase tracking-wide text-gray-500">
                      Round {r.roundNumber} · {sideName(r.proposedBySide)}
                      {r.proposedByName && r.proposedBySide === 'brand' ? ` (${r.proposedByName})` : ''}
                    </p>
                    <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900" data-testid="round-fee">
                      {money(r.feeMinor)}
                    </p>
                    <p className="text-xs text-gray-500">{formatDateTime(r.createdAt)}</p>
                  </div>
                  <OfferStatusBadge status={r.status} />
                </div>
                {r.deliverables.length ? (
                  <ul className="mt-4 divide-y divide-gray-100 rounded-md ring-1 ring-gray-100">
                    {r.deliverables.map((d, i) => (
                      <li key={i} className="flex items-center justify-between px-3 py-2 text-sm">
                        <span className="text-gray-900">{d.title}</span>
                        <span className="flex items-center gap-2 text-xs text-gray-500">
                          <Badge>{PLATFORM_NAMES[d.platform]}</Badge>
                          {d.dueOn ? `due ${formatDate(d.dueOn)}` : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-3 text-sm text-gray-500">No deliverables listed in this round.</p>
                )}
                {r.terms ? <p className="mt-3 whitespace-pre-line text-sm text-gray-700">{r.terms}</p> : null}
                {r.dueOn ? <p className="mt-2 text-xs text-gray-500">Everything due by {formatDate(r.dueOn)}</p> : null}
              </li>
            ))}
          </ol>
        </div>
        <div className="space-y-4 lg:col-span-2">
          {offer.status === 'accepted' ? (
            <Panel title="Collaboration set up">
              <p className="text-sm text-gray-700">
                Agreed at <strong>{money(latest.feeMinor)}</strong>. Deliverables are tracked on the{' '}
                {offer.side === 'brand' ? (
                  <Link
                    className="font-medium text-indigo-600"
                    href={`/o/${offer.campaign.orgSlug}/campaigns/${offer.campaign.id}#deliverables`}
                  >
                    campaign page
                  </Link>
                ) : (
                  <Link className="font-medium text-indigo-600" href="/creator/collaborations">
                    collaborations page
                  </Link>
                )}
                .
              </p>
            </Panel>
          ) : null}
          {offer.can.respond ? (
            <Panel title={`Answer round ${latest.roundNumber}`} description="Only the latest round can be accepted">
              <div className="flex flex-wrap gap-2">
                <ActionForm action={respondAction.bind(null, offer.id, latest.roundNumber)} testId="offer-accept">
                  <input type="hidden" name="response" value="accept" />
                  <SubmitButton pendingLabel="Accepting…">Accept {money(latest.feeMinor)}</SubmitButton>
                </ActionForm>
              </div>
              <details className="mt-4 rounded-md ring-1 ring-gray-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-900">Counter with new terms</summary>
                <ActionForm
                  action={respondAction.bind(null, offer.id, latest.roundNumber)}
                  className="space-y-4 p-3"
                  testId="offer-counter"
                >
                  <input type="hidden" name="response" value="counter" />
                  <OfferTermsFields currency={latest.currency} defaults={defaults} idPrefix="counter" />
                  <SubmitButton pendingLabel="Sending…">Send counter-offer</SubmitButton>
                </ActionForm>
              </details>
              <details className="mt-3 rounded-md ring-1 ring-gray-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-900">Decline</summary>
                <ActionForm action={respondAction.bind(null, offer.id, latest.roundNumber)} className="space-y-3 p-3" testId="offer-reject">
                  <input type="hidden" name="response" value="reject" />
                  <label htmlFor="reason" className="block text-sm text-gray-700">
                    Reason (optional, the other side reads it)
                  </label>
                  <Input id="reason" name="reason" maxLength={500} />
                  <SubmitButton variant="danger" pendingLabel="Declining…">
                    Decline offer
                  </SubmitButton>
                </ActionForm>
              </details>
            </Panel>
          ) : null}
          {offer.can.edit ? (
            <Panel
              title="Your round is waiting for an answer"
              description={`${other} has not answered yet: you can still change it or withdraw`}
            >
              <details className="rounded-md ring-1 ring-gray-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-900">Edit the terms</summary>
                <ActionForm action={editOfferAction.bind(null, offer.id)} className="space-y-4 p-3" testId="offer-edit">
                  <OfferTermsFields currency={latest.currency} defaults={defaults} idPrefix="edit" />
                  <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
                </ActionForm>
              </details>
              <ActionForm
                action={withdrawOfferAction.bind(null, offer.id)}
                className="mt-3"
                confirm="Withdraw this offer?"
                testId="offer-withdraw"
              >
                <SubmitButton variant="danger" pendingLabel="Withdrawing…">
                  Withdraw
                </SubmitButton>
              </ActionForm>
            </Panel>
          ) : null}
          {!offer.can.respond && !offer.can.edit && offer.status !== 'accepted' ? (
            <Panel title={offer.status === 'pending' || offer.status === 'countered' ? `Waiting for ${other}` : 'Closed'}>
              <p className="text-sm text-gray-600">
                {offer.status === 'pending' || offer.status === 'countered'
                  ? offer.side === 'brand' && latest.proposedBySide !== 'brand'
                    ? 'Viewers can follow the negotiation; managers answer it.'
                    : 'You will be notified when they answer.'
                  : `This offer was ${offer.status}.`}
              </p>
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}
