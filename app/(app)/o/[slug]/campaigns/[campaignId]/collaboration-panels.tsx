import Link from 'next/link';
import { MetricLabel } from '@/components/analytics/metric-label';
import { DeliverableStatusBadge } from '@/components/collaborations/deliverable-status-badge';
import { CampaignForecastCell } from '@/components/forecasts/campaign-forecast-cell';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/field';
import { formatDate, formatMoney, formatPercent, formatRelative } from '@/components/ui/format';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ShortlistRow } from '@/lib/campaigns/list-shortlist';
import type { CollaborationView } from '@/lib/collaborations/list-collaborations';
import { PLATFORM_NAMES } from '@/lib/platforms';
import type { CampaignProgress } from '@/lib/metrics/campaign-progress';
import type { OfferSummary } from '@/lib/offers/list-offers';
import { reviewDeliverableAction, shortlistAction } from '../actions';

/** Progress bar with the weighted task and goal parts; the formula is on the label's hover. */
export function ProgressPanel({
  progress,
  deliverables,
}: {
  progress: CampaignProgress;
  deliverables: { approved: number; submitted: number; total: number };
}) {
  const bar = (v: number | null, tone: string) => (
    <div className="mt-1 h-2 rounded bg-gray-100">
      <div className={`h-2 rounded ${tone}`} style={{ width: `${Math.min(1, v ?? 0) * 100}%` }} />
    </div>
  );
  return (
    <Panel title="Progress" description="Deliverables and goals, weighted as the campaign says">
      <div className="grid grid-cols-1 gap-6 md:grid-cols-3" data-testid="campaign-progress">
        <div>
          <div className="flex items-baseline justify-between">
            <MetricLabel metric="campaignProgress" />
            <span className="text-2xl font-semibold tabular-nums text-gray-900" data-testid="progress-overall">
              {progress.overall.value === null ? '—' : formatPercent(progress.overall.value, 0)}
            </span>
          </div>
          {bar(progress.overall.value, 'bg-indigo-600')}
          <p className="mt-1 text-xs text-gray-500">{progress.overall.value === null ? progress.overall.reason : 'Overall'}</p>
        </div>
        <div>
          <div className="flex items-baseline justify-between text-sm">
            <span className="font-medium text-gray-900">Deliverables ({Math.round(progress.weights.task * 100)} %)</span>
            <span className="tabular-nums text-gray-600" data-testid="progress-task">
              {deliverables.approved} / {deliverables.total} approved
            </span>
          </div>
          {bar(progress.task.value, 'bg-emerald-500')}
          <p className="mt-1 text-xs text-gray-500">
            {deliverables.submitted ? `${deliverables.submitted} waiting for your review` : (progress.task.reason ?? ' ')}
          </p>
        </div>
        <div>
          <div className="flex items-baseline justify-between text-sm">
            <span className="font-medium text-gray-900">Goals ({Math.round(progress.weights.goal * 100)} %)</span>
            <span className="tabular-nums text-gray-600" data-testid="progress-goal">
              {progress.goal.value === null ? '—' : formatPercent(progress.goal.value, 0)}
            </span>
          </div>
          {bar(progress.goal.value, 'bg-cyan-500')}
          <p className="mt-1 text-xs text-gray-500">
            {progress.goal.value === null
              ? progress.goal.reason
              : progress.goal.missing.length
                ? `Not measured yet, left out: ${progress.goal.missing.join(', ')}`
                : 'Mean of the goals, each capped at 100 %'}
          </p>
        </div>
      </div>
    </Panel>
  );
}

/** Collaborations with their deliverables; managers review submissions here. */
export function CollaborationsPanel({
  slug,
  collaborations,
  canEdit,
}: {
  slug: string;
  collaborations: CollaborationView[];
  canEdit: boolean;
}) {
  return (
    <Panel
      title="Collaborations and deliverables"
      description="Approved deliverables link their post to this report"
      padded={collaborations.length === 0}
    >
      <div id="deliverables" />
      {collaborations.length === 0 ? (
        <EmptyState title="No collaboration yet">Accepted offers appear here with the deliverables agreed.</EmptyState>
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="collaborations">
          {collaborations.map((c) => (
            <li key={c.id} className="px-5 py-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm font-semibold text-gray-900">
                  {c.influencer.displayName}{' '}
                  <span className="font-normal text-gray-500">
                    · {formatMoney(c.agreedFeeMinor, c.currency)} · since {formatDate(c.createdAt)}
                  </span>
                </p>
                {c.offerId ? (
                  <Link href={`/offers/${c.offerId}`} className="text-xs font-medium text-indigo-600">
                    Negotiation
                  </Link>
                ) : null}
              </div>
              <ul className="mt-3 space-y-2">
                {c.deliverables.map((d) => (
                  <li key={d.id} className="rounded-md px-3 py-2 ring-1 ring-gray-100" data-testid="deliverable">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="flex items-center gap-2 text-sm text-gray-900">
                        <Badge>{PLATFORM_NAMES[d.platform]}</Badge> {d.title}
                        <span className="text-xs text-gray-500">{d.dueOn ? `due ${formatDate(d.dueOn)}` : ''}</span>
                      </span>
                      <DeliverableStatusBadge status={d.status} />
                    </div>
                    {d.postUrl ? (
                      <a href={d.postUrl} target="_blank" rel="noreferrer noopener" className="mt-1 block truncate text-xs text-indigo-600">
                        {d.postUrl}
                      </a>
                    ) : null}
                    {d.reviewComment ? <p className="mt-1 text-xs text-gray-500">Review: {d.reviewComment}</p> : null}
                    {canEdit && d.status === 'submitted' ? (
                      <div className="mt-2 flex flex-wrap items-start gap-2">
                        <ActionForm action={reviewDeliverableAction.bind(null, slug, d.id)} testId="approve-deliverable">
                          <input type="hidden" name="decision" value="approve" />
                          <SubmitButton pendingLabel="Approving…">Approve</SubmitButton>
                        </ActionForm>
                        <ActionForm
                          action={reviewDeliverableAction.bind(null, slug, d.id)}
                          className="flex flex-1 gap-2"
                          testId="request-changes"
                        >
                          <input type="hidden" name="decision" value="request_changes" />
                          <Input name="comment" placeholder="What should change?" aria-label="What should change" className="min-w-48" />
                          <SubmitButton variant="secondary" pendingLabel="Sending…">
                            Request changes
                          </SubmitButton>
                        </ActionForm>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Offers and applications of the campaign with whose turn it is. */
export function OffersPanel({ offers }: { offers: OfferSummary[] }) {
  return (
    <Panel title="Offers and applications" padded={offers.length === 0}>
      {offers.length === 0 ? (
        <EmptyState title="No offer yet">Shortlist creators from Discover and send them an offer, or wait for applications.</EmptyState>
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="campaign-offers">
          {offers.map((o) => {
            const yourTurn = (o.status === 'pending' || o.status === 'countered') && o.latest.proposedBySide === 'influencer';
            return (
              <li key={o.id}>
                <Link href={`/offers/${o.id}`} className="flex items-center justify-between gap-3 px-5 py-3 hover:bg-gray-50">
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium text-gray-900">{o.influencer.displayName}</span>
                    <span className="text-xs text-gray-500">
                      {o.initiatedBy === 'influencer' ? 'Application' : 'Offer'} · round {o.latest.roundNumber} ·{' '}
                      {yourTurn ? <span className="font-medium text-amber-700">your turn</span> : `updated ${formatRelative(o.updatedAt)}`}
                    </span>
                  </span>
                  <span className="flex shrink-0 items-center gap-3">
                    <span className="text-sm font-semibold tabular-nums">{formatMoney(o.latest.feeMinor, o.latest.currency)}</span>
                    <OfferStatusBadge status={o.status} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}

/** The campaign's shortlist with "Send offer" for those without an open offer. */
export function ShortlistPanel({
  slug,
  campaignId,
  currency,
  rows,
  canEdit,
}: {
  slug: string;
  campaignId: string;
  /** The campaign's currency, the forecasts' fees and costs are in. */
  currency: string;
  rows: ShortlistRow[];
  canEdit: boolean;
}) {
  return (
    <Panel
      title="Shortlist"
      actions={
        canEdit ? (
          <ButtonLink href={`/o/${slug}/discover?campaign=${campaignId}&sort=fit`} variant="secondary" className="py-1.5">
            Find creators
          </ButtonLink>
        ) : null
      }
      padded={rows.length === 0}
    >
      {rows.length === 0 ? (
        <EmptyState title="Nobody shortlisted">Discover ranks creators by fit for this campaign.</EmptyState>
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="shortlist">
          {rows.map((r) => (
            <li key={r.influencerId} className="flex items-center justify-between gap-3 px-5 py-3">
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium text-gray-900">{r.displayName}</span>
                <span className="text-xs text-gray-500">
                  {r.category ?? 'No niche'} · {r.hasAccount ? 'on Reachboard' : 'not on Reachboard yet'}
                </span>
              </span>
              <span className="flex shrink-0 items-center gap-3">
                <CampaignForecastCell forecast={r.forecast} currency={currency} />
                {r.offerStatus ? (
                  <Link href={`/offers/${r.offerId}`}>
                    <OfferStatusBadge status={r.offerStatus} />
                  </Link>
                ) : canEdit && r.hasAccount ? (
                  <ButtonLink href={`/o/${slug}/campaigns/${campaignId}/offers/new?influencer=${r.influencerId}`} className="py-1.5">
                    Send offer
                  </ButtonLink>
                ) : null}
                {canEdit ? (
                  <ActionForm action={shortlistAction.bind(null, slug, campaignId, r.influencerId, false)}>
                    <SubmitButton variant="ghost" pendingLabel="…">
                      Remove
                    </SubmitButton>
                  </ActionForm>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
