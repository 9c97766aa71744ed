import { RefreshIntervalSelect, intervalLabel } from '@/components/tracking/refresh-interval-select';
import { TrackAccountFields } from '@/components/tracking/track-account-fields';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, formatNumber, formatRelative } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { REFRESH_INTERVALS } from '@/lib/connectors/internal';
import { listTrackedAccounts } from '@/lib/connectors/list-tracked-accounts';
import { schedulerMode } from '@/lib/jobs/send-event';
import { loadPage } from '@/lib/pages';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { refreshNowAction, setRefreshIntervalAction, trackAccountAction, untrackAction } from './actions';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Tracking' };

export default async function TrackingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const { access, accounts, connectors } = await loadPage(
    () => listTrackedAccounts({ ctx, input: { orgSlug: slug } }),
    `/o/${slug}/tracking`,
  );
  const canEdit = hasOrgRole(access.role, 'manager');
  const mode = schedulerMode();
  const usable = connectors.filter((c) => c.configured).map((c) => ({ value: c.platform, label: PLATFORM_NAMES[c.platform] }));
  return (
    <>
      <PageHeader
        title="Tracked accounts"
        description="Accounts kept current from the platform APIs: profile statistics and recent posts, captured with provenance “API”."
      />
      <div className="space-y-3">
        {mode === 'off' ? (
          <Notice tone="info" title="Scheduled refresh is off">
            Accounts refresh when you add them or press “Refresh now”. The server was started with <code>EMBEDDED_SCHEDULER=false</code> and
            no Inngest server is connected; remove the setting or connect Inngest (see the README) to refresh each account on its own
            schedule.
          </Notice>
        ) : (
          <p className="flex items-start gap-2 text-sm text-gray-600" data-testid="scheduler-mode">
            <span aria-hidden className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-emerald-500" />
            <span>
              <span className="font-medium text-gray-900">Scheduled refresh is on</span>
              {mode === 'inngest' ? ', run by Inngest' : ', run by this server (no Inngest server is connected)'}. Each account refreshes on
              its own schedule (daily unless you choose otherwise), checked hourly.
            </span>
          </p>
        )}
        {connectors
          .filter((c) => !c.configured)
          .map((c) => (
            <Notice key={c.platform} tone="info" title={`${PLATFORM_NAMES[c.platform]} is not configured`}>
              Set <code>{c.variable}</code> in the server environment to track {PLATFORM_NAMES[c.platform]} accounts.
            </Notice>
          ))}
      </div>
      {canEdit && usable.length ? (
        <Panel title="Track an account" className="mt-6">
          <ActionForm action={trackAccountAction.bind(null, slug)} className="space-y-3" resetOnSuccess testId="track-account">
            <TrackAccountFields platforms={usable} />
            <SubmitButton pendingLabel="Reading the account…">Track and refresh now</SubmitButton>
          </ActionForm>
        </Panel>
      ) : null}
      <Panel title={`${accounts.length} tracked`} className="mt-6" padded={accounts.length === 0}>
        {accounts.length === 0 ? (
          <EmptyState title="No tracked account yet">
            Paste a YouTube channel, a Twitch channel or a Dailymotion profile above to keep its numbers current.
          </EmptyState>
        ) : (
          <Table data-testid="tracked-accounts">
            <thead>
              <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                <th className="px-4 py-3">Account</th>
                <th className="px-4 py-3 text-right">Followers</th>
                <th className="px-4 py-3">Last refreshed</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {accounts.map((a) => (
                <tr key={a.id} data-testid="tracked-account">
                  <td className="px-4 py-3">
                    <p className="font-medium text-gray-900">{a.displayName ?? `@${a.handle}`}</p>
                    <p className="flex items-center gap-1 text-xs text-gray-500">
                      <Badge>{PLATFORM_NAMES[a.platform]}</Badge> @{a.handle}
                      {canEdit ? null : ` · refreshes ${intervalLabel(a.refreshIntervalHours)}`}
                    </p>
                    {canEdit ? (
                      <div className="mt-1.5">
                        <RefreshIntervalSelect
                          hours={a.refreshIntervalHours}
                          options={REFRESH_INTERVALS}
                          action={setRefreshIntervalAction.bind(null, slug, a.id)}
                          handle={a.handle}
                        />
                      </div>
                    ) : null}
                  </td>
                  <td
                    className="px-4 py-3 text-right tabular-nums"
                    title={a.followers === null ? 'Not measured yet' : 'From the platform API'}
                  >
                    {a.followers === null ? '—' : formatNumber(a.followers)}
                  </td>
                  <td className="px-4 py-3 text-gray-600" title={a.lastRefreshedAt ? formatDateTime(a.lastRefreshedAt) : undefined}>
                    {a.lastRefreshedAt ? formatRelative(a.lastRefreshedAt) : 'never'}
                  </td>
                  <td className="max-w-sm break-words px-4 py-3" data-testid="tracked-status">
                    {a.lastError && a.failingSince ? (
                      <span className="text-xs text-red-700">
                        <Badge tone="red">Failing since {formatRelative(a.failingSince)}</Badge> {a.lastError}
                      </span>
                    ) : a.lastError ? (
                      // Refreshed, with a part the platform refused this time ("Partly read: …").
                      <span className="text-xs text-amber-800">
                        <Badge tone="amber">Up to date, in part</Badge> {a.lastError}
                      </span>
                    ) : a.lastRefreshedAt ? (
                      <Badge tone="green">Up to date</Badge>
                    ) : (
                      <Badge tone="amber">Waiting for its first refresh</Badge>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {canEdit ? (
                      <div className="flex justify-end gap-2">
                        <ActionForm action={refreshNowAction.bind(null, slug, a.id)} testId="refresh-now">
                          <SubmitButton variant="secondary" pendingLabel="Refreshing…" className="py-1.5">
                            Refresh now
                          </SubmitButton>
                        </ActionForm>
                        <ActionForm
                          action={untrackAction.bind(null, slug, a.id)}
                          confirm={`Stop tracking @${a.handle}? Its numbers so far stay.`}
                        >
                          <SubmitButton variant="ghost" pendingLabel="…" className="py-1.5">
                            Stop
                          </SubmitButton>
                        </ActionForm>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Panel>
    </>
  );
}
