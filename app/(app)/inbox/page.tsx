import Link from 'next/link';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { formatRelative } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listConversations } from '@/lib/inbox/list-conversations';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const ctx = await getRequestCtx();
  const rows = await loadPage(() => listConversations({ ctx, input: undefined }), '/inbox');
  const isBrand = ctx.actor?.role === 'brand';
  return (
    <>
      <PageHeader title="Inbox" description="One conversation per brand and creator, with every offer inline." />
      {rows.length === 0 ? (
        <EmptyState title="No conversations yet">
          {isBrand
            ? 'Send an offer or message a creator from Discover to start one.'
            : 'Conversations start when a brand sends you an offer or you apply to a campaign.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200" data-testid="inbox">
          {rows.map((c) => (
            <li key={c.id}>
              <Link href={`/inbox/${c.id}`} className="flex items-start gap-3 px-5 py-4 hover:bg-gray-50" data-testid="conversation-row">
                <span
                  className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${c.unread ? 'bg-indigo-600' : 'bg-transparent'}`}
                  data-testid={c.unread ? 'unread-dot' : undefined}
                  aria-label={c.unread ? 'Unread' : undefined}
                />
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline justify-between gap-3">
                    <p className={`truncate text-sm ${c.unread ? 'font-semibold text-gray-900' : 'font-medium text-gray-800'}`}>
                      {c.counterpart}
                      {isBrand ? <span className="font-normal text-gray-500"> · {c.orgName}</span> : null}
                    </p>
                    <span className="shrink-0 text-xs text-gray-500">{c.lastMessage ? formatRelative(c.lastMessage.at) : ''}</span>
                  </div>
                  <p className="mt-0.5 flex items-center gap-2 text-sm text-gray-600">
                    {c.lastMessage?.offerStatus ? <OfferStatusBadge status={c.lastMessage.offerStatus} /> : null}
                    <span className="truncate">
                      {c.lastMessage?.fromMe ? 'You: ' : ''}
                      {c.lastMessage?.body}
                    </span>
                  </p>
                  {c.campaigns.length ? <p className="mt-1 truncate text-xs text-gray-500">{c.campaigns.join(' · ')}</p> : null}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
