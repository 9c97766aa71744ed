import Link from 'next/link';
import { DeliverableStatusBadge } from '@/components/collaborations/deliverable-status-badge';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { DeliverableLinkField } from '@/components/collaborations/deliverable-link-field';
import { formatDate, formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { listMyLinks } from '@/lib/links/list-my-links';
import { CopyButton } from '@/components/ui/copy-button';
import { LinkQrCode } from '@/components/links/link-qr-code';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { loadPage } from '@/lib/pages';
import { submitDeliverableAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Collaborations' };

export default async function CreatorCollaborationsPage() {
  const ctx = await getRequestCtx();
  const [collaborations, links] = await loadPage(
    () => Promise.all([listMyCollaborations({ ctx, input: undefined }), listMyLinks({ ctx, input: undefined })]),
    '/creator/collaborations',
  );
  return (
    <>
      <PageHeader title="Collaborations" description="What you agreed to deliver, and where each deliverable stands." />
      {collaborations.length === 0 ? (
        <EmptyState title="No collaboration yet">
          Accepted offers appear here with their deliverables.{' '}
          <Link href="/campaigns" className="font-medium text-indigo-600">
            Browse public campaigns
          </Link>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {collaborations.map((c) => (
            <Panel
              key={c.id}
              title={`${c.campaign.name} · ${c.brand.name}`}
              description={`Agreed fee ${formatMoney(c.agreedFeeMinor, c.currency)} · ${c.deliverables.filter((d) => d.status === 'approved').length} of ${c.deliverables.length} deliverables approved`}
              padded={false}
            >
              {links
                .filter((l) => l.campaignId === c.campaign.id && l.influencerId === c.influencer.id)
                .map((l) => (
                  <div key={l.id} className="flex flex-wrap items-center gap-4 border-b border-gray-100 px-5 py-4" data-testid="my-link">
                    <LinkQrCode url={l.shortUrl} label={`QR code of your link for ${c.campaign.name}`} />
                    <div className="min-w-0 flex-1">
                      <p className="text-sm font-medium text-gray-900">
                        Your tracking link{' '}
                        {l.state !== 'active' ? (
                          <Badge tone={l.state === 'expired' ? 'amber' : 'gray'}>{l.state === 'expired' ? 'Expired' : 'Off'}</Badge>
                        ) : null}
                      </p>
                      <div className="mt-1 flex items-center gap-2">
                        <code className="truncate font-mono text-sm text-gray-900" data-testid="my-link-url">
                          {l.shortUrl}
                        </code>
                        <CopyButton text={l.shortUrl} label="Copy link" testId="copy-my-link" />
                      </div>
                      <p className="mt-1 text-xs text-gray-500">
                        Goes to {new URL(l.destinationUrl).host} · {l.clicks} {l.clicks === 1 ? 'click' : 'clicks'} ({l.uniqueClicks}{' '}
                        unique) · {l.sales} {l.sales === 1 ? 'sale' : 'sales'}
                      </p>
                    </div>
                  </div>
                ))}
              {c.deliverables.length === 0 ? (
                <p className="px-5 py-4 text-sm text-gray-500">No deliverables were listed in the agreed offer.</p>
              ) : (
                <ul className="divide-y divide-gray-100" data-testid="my-deliverables">
                  {c.deliverables.map((d) => (
                    <li key={d.id} className="px-5 py-4">
                      <div className="flex flex-wrap items-center justify-between gap-3">
                        <div>
                          <p className="text-sm font-medium text-gray-900">{d.title}</p>
                          <p className="mt-0.5 flex items-center gap-2 text-xs text-gray-500">
                            <Badge>{PLATFORM_NAMES[d.platform]}</Badge> {d.dueOn ? `due ${formatDate(d.dueOn)}` : 'no due date'}
                            {d.postUrl ? (
                              <a href={d.postUrl} className="truncate text-indigo-600" rel="noreferrer noopener" target="_blank">
                                {d.postUrl}
                              </a>
                            ) : null}
                          </p>
                        </div>
                        <DeliverableStatusBadge status={d.status} />
                      </div>
                      {d.status === 'changes_requested' && d.reviewComment ? (
                        <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                          {c.brand.name}: {d.reviewComment}
                        </p>
                      ) : null}
                      {(d.status === 'pending' || d.status === 'changes_requested') && c.status === 'active' ? (
                        <ActionForm
                          action={submitDeliverableAction.bind(null, d.id)}
                          className="mt-3 flex flex-wrap items-end gap-2"
                          testId="submit-deliverable"
                        >
                          <div className="min-w-72 flex-1">
                            <DeliverableLinkField deliverableId={d.id} platformName={PLATFORM_NAMES[d.platform]} />
                          </div>
                          <SubmitButton pendingLabel="Submitting…">Submit for review</SubmitButton>
                        </ActionForm>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}
