import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActivityList } from '@/components/home/activity-list';
import { CampaignStatusBadge } from '@/components/home/campaign-status-badge';
import { Badge } from '@/components/ui/badge';
import { ProgressBar } from '@/components/campaigns/progress-bar';
import { formatDate, formatMoney } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel, Stat } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getOrgHome } from '@/lib/home/get-org-home';
import { RecommendationsSection } from './recommendations-section';
import { loadPage } from '@/lib/pages';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Brand home' };

export default async function OrgHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const home = await loadPage(() => getOrgHome({ ctx, input: { slug } }), `/o/${slug}`);
  const { org, role } = home.access;
  // A creator workspace has no campaigns or brand activity: its home is the analytics overview.
  if (org.kind === 'creator') redirect(`/o/${org.slug}/analytics`);
  return (
    <>
      <PageHeader
        title={org.name}
        description={
          <span className="inline-flex items-center gap-2">
            Brand overview <Badge tone={role === 'viewer' ? 'gray' : 'indigo'}>You are {role === 'owner' ? 'an owner' : `a ${role}`}</Badge>
          </span>
        }
      />
      {org.approvalStatus !== 'approved' ? (
        <div className="mb-6">
          <Notice tone="warning" title={org.approvalStatus === 'pending' ? 'Waiting for approval' : 'Not approved'}>
            {org.approvalStatus === 'pending'
              ? 'A Reachboard admin reviews every new brand. Until then your public campaigns are not shown to influencers; everything else works.'
              : 'A Reachboard admin did not approve this organization. Public campaigns stay hidden from influencers.'}
          </Notice>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Campaigns" value={home.counts.campaigns} sub={`${home.counts.activeCampaigns} active`} testId="stat-campaigns" />
        <Stat label="Influencers on roster" value={home.counts.influencers} sub="Tracked or worked with" testId="stat-influencers" />
        <Stat label="Posts with metrics" value={home.counts.posts} sub="Measured by your organization" testId="stat-posts" />
        <Stat label="Team members" value={home.counts.members} sub={`${home.counts.imports} imports so far`} testId="stat-members" />
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <Panel title="Recent campaigns" className="lg:col-span-2" padded={home.recentCampaigns.length === 0}>
          {home.recentCampaigns.length === 0 ? (
            <EmptyState title="No campaigns yet">Campaigns your team creates appear here with their status, budget and dates.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                  <th className="px-5 py-3">Campaign</th>
                  <th className="px-5 py-3">Status</th>
                  <th className="px-5 py-3 text-right">Budget</th>
                  <th className="px-5 py-3">Dates</th>
                  <th className="px-5 py-3">Progress</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {home.recentCampaigns.map((c) => (
                  <tr key={c.id}>
                    <td className="px-5 py-3">
                      <Link href={`/o/${slug}/campaigns/${c.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                        {c.name}
                      </Link>
                      <p className="text-xs text-gray-500">{c.visibility === 'public' ? 'Public' : 'Private'}</p>
                    </td>
                    <td className="px-5 py-3">
                      <CampaignStatusBadge status={c.status} />
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums text-gray-900">{formatMoney(c.budgetMinor, c.currency)}</td>
                    <td className="px-5 py-3 text-gray-600">
                      {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                    </td>
                    <td className="px-5 py-3">
                      <ProgressBar progress={c.progress} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Panel>
        <Panel title="Team activity" padded>
          {home.recentActivity.length === 0 ? (
            <p className="text-sm text-gray-500">Nothing yet.</p>
          ) : (
            <ActivityList items={home.recentActivity} />
          )}
        </Panel>
      </div>
      <div className="mt-8">
        <RecommendationsSection ctx={ctx} slug={slug} canShortlist={role !== 'viewer'} />
      </div>
    </>
  );
}
