import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { formatRelative } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { loadPage } from '@/lib/pages';
import { markAllReadAction, openNotificationAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const ctx = await getRequestCtx();
  const { items, unread } = await loadPage(() => listNotifications({ ctx, input: { limit: 50 } }), '/notifications');
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            {unread ? `${unread} unread` : 'All caught up'} ·{' '}
            <Link href="/settings#notifications" className="text-indigo-600">
              Email preferences
            </Link>
          </>
        }
        actions={
          unread ? (
            <ActionForm action={markAllReadAction} testId="mark-all-read">
              <SubmitButton variant="secondary" pendingLabel="…">
                Mark all read
              </SubmitButton>
            </ActionForm>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title="No notifications yet">Offers, answers, deliverable reviews and messages show up here.</EmptyState>
      ) : (
        <ul
          className="divide-y divide-gray-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200"
          data-testid="notifications"
        >
          {items.map((n) => (
            <li key={n.id}>
              <ActionForm action={openNotificationAction.bind(null, n.id, n.url ?? '/home')}>
                <button type="submit" className="flex w-full items-start gap-3 px-5 py-4 text-left hover:bg-gray-50">
                  <span className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${n.readAt ? 'bg-transparent' : 'bg-indigo-600'}`} />
                  <span className="min-w-0 flex-1">
                    <span className={`block text-sm ${n.readAt ? 'text-gray-700' : 'font-semibold text-gray-900'}`}>{n.title}</span>
                    {n.body ? <span className="block truncate text-sm text-gray-500">{n.body}</span> : null}
                  </span>
                  <span className="shrink-0 text-xs text-gray-500">{formatRelative(n.createdAt)}</span>
                </button>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
