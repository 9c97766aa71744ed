import Link from 'next/link';
import { FlagForm } from '@/components/admin/flag-form';
import { CampaignStatusBadge } from '@/components/home/campaign-status-badge';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { SubmitButton } from '@/components/ui/submit-button';
import { listRecentCampaigns } from '@/lib/admin/list-admin-directory';
import { formatDate, formatRelative } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel, Stat } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getAdminHome } from '@/lib/home/get-admin-home';
import { loadPage } from '@/lib/pages';
import { campaignFlagAction, deleteCampaignAsAdminAction, reviewBrandAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Platform overview' };

const ROLE_TONE = { admin: 'red', brand: 'indigo', influencer: 'green', fan: 'gray' } as const;

export default async function AdminHomePage() {
  const ctx = await getRequestCtx();
  const [home, recentCampaigns] = await loadPage(
    () => Promise.all([getAdminHome({ ctx, input: undefined }), listRecentCampaigns({ ctx, input: undefined })]),
    '/admin',
  );
  const totalUsers = Object.values(home.usersByRole).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title="Platform overview" description="Everyone on Reachboard, and what needs an admin." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat
          label="Users"
          value={totalUsers}
          sub={`${home.usersByRole.brand} brand · ${home.usersByRole.influencer} creator · ${home.usersByRole.fan} fan`}
          testId="stat-users"
        />
        <Stat label="Brands awaiting approval" value={home.pendingBrands.length} sub="Oldest first below" testId="stat-pending-brands" />
        <Stat label="Campaigns" value={home.campaigns.total} sub={`${home.campaigns.public} public · ${home.campaigns.flagged} flagged`} />
        <Stat label="Flagged users" value={home.flaggedUsers} sub="Cannot sign in" />
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Panel title="Brand approval queue" padded={home.pendingBrands.length === 0}>
          {home.pendingBrands.length === 0 ? (
            <EmptyState title="No brand is waiting">New brand organizations appear here for review.</EmptyState>
          ) : (
            <ul className="divide-y divide-gray-100" data-testid="pending-brands">
              {home.pendingBrands.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                  <div>
                    <p className="text-sm font-medium text-gray-900">{b.name}</p>
                    <p className="text-xs text-gray-500">{b.ownerEmail ?? 'no owner'}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-xs text-gray-500">signed up {formatDate(b.createdAt)}</span>
                    <ActionForm action={reviewBrandAction.bind(null, b.id, 'approve')} testId={`approve-${b.slug}`}>
                      <SubmitButton pendingLabel="…">Approve</SubmitButton>
                    </ActionForm>
                    <ActionForm action={reviewBrandAction.bind(null, b.id, 'reject')} confirm={`Reject ${b.name}?`}>
                      <SubmitButton variant="ghost" pendingLabel="…">
                        Reject
                      </SubmitButton>
                    </ActionForm>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Latest sign-ups" padded={false}>
          <ul className="divide-y divide-gray-100">
            {home.recentUsers.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-3 px-5 py-3">
                <div className="min-w-0">
                  <Link
                    href={`/admin/users?${new URLSearchParams({ ...(u.role === 'admin' ? {} : { role: u.role }), q: u.email })}`}
                    className="block truncate text-sm font-medium text-gray-900 hover:text-indigo-600"
                  >
                    {u.name}
                  </Link>
                  <p className="truncate text-xs text-gray-500">{u.email}</p>
                </div>
                <div className="flex shrink-0 items-center gap-3">
                  <Badge tone={ROLE_TONE[u.role]}>{u.role}</Badge>
                  <span className="w-24 text-right text-xs text-gray-500">{formatRelative(u.createdAt)}</span>
                </div>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
      <Panel title="Recent campaigns" description="Flag a campaign to take it out of every public list" className="mt-6" padded={false}>
        {recentCampaigns.length === 0 ? (
          <p className="px-5 py-6 text-sm text-gray-500">No campaign yet.</p>
        ) : (
          <ul className="divide-y divide-gray-100" data-testid="admin-campaigns">
            {recentCampaigns.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="admin-campaign">
                <div className="min-w-0">
                  <Link href={`/campaigns/${c.id}`} className="block truncate text-sm font-medium text-gray-900 hover:text-indigo-600">
                    {c.name}
                  </Link>
                  <p className="flex items-center gap-2 text-xs text-gray-500">
                    {c.brand} · <CampaignStatusBadge status={c.status} /> · {c.visibility}
                    {c.flagged ? <Badge tone="red">Flagged</Badge> : null}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <FlagForm flagged={c.flagged} action={campaignFlagAction.bind(null, c.id, !c.flagged)} testId="campaign" />
                  <ActionForm
                    action={deleteCampaignAsAdminAction.bind(null, c.id)}
                    confirm={`Delete ${c.name} with its offers and collaborations?`}
                  >
                    <SubmitButton variant="ghost" pendingLabel="…">
                      Delete
                    </SubmitButton>
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
