import Link from 'next/link';
import { ProgressBar } from '@/components/campaigns/progress-bar';
import { CampaignStatusBadge } from '@/components/home/campaign-status-badge';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney, formatPercent } from '@/components/ui/format';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listCampaigns } from '@/lib/campaigns/list-campaigns';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';

export default async function CampaignsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const { campaigns, access } = await loadPage(() => listCampaigns({ ctx, input: { orgSlug: slug } }), `/o/${slug}/campaigns`);
  const canCreate = access.org.kind === 'brand' && hasOrgRole(access.role, 'manager');
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Spend, budget and linked content of each campaign; open one for its report"
        actions={
          canCreate ? (
            <ButtonLink href={`/o/${slug}/campaigns/new`} data-testid="new-campaign">
              New campaign
            </ButtonLink>
          ) : null
        }
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">
          {canCreate ? 'Create one to brief influencers, track its posts and measure its return.' : null}
        </EmptyState>
      ) : (
        <Panel padded={false}>
          <table className="min-w-full divide-y divide-gray-100 text-sm" data-testid="campaigns-table">
            <thead>
              <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                <th className="px-5 py-3">Campaign</th>
                <th className="px-5 py-3">Status</th>
                <th className="px-5 py-3">Dates</th>
                <th className="px-5 py-3 text-right">Budget</th>
                <th className="px-5 py-3 text-right">Spend</th>
                <th className="px-5 py-3 text-right">Influencers</th>
                <th className="px-5 py-3 text-right">Posts</th>
                <th className="px-5 py-3">Progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {campaigns.map((c) => (
                <tr key={c.id} className="hover:bg-gray-50">
                  <td className="px-5 py-3">
                    <Link href={`/o/${slug}/campaigns/${c.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                      {c.name}
                    </Link>
                    <p className="text-xs text-gray-500">{c.visibility === 'public' ? 'Public' : 'Private'}</p>
                  </td>
                  <td className="px-5 py-3">
                    <CampaignStatusBadge status={c.status} />
                  </td>
                  <td className="whitespace-nowrap px-5 py-3 text-gray-600">
                    {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{formatMoney(c.budgetMinor, c.currency)}</td>
                  <td className="px-5 py-3 text-right tabular-nums">
                    {formatMoney(c.spendMinor, c.currency)}
                    {c.spendMinor !== null && c.budgetMinor ? (
                      <div className="text-xs text-gray-400">{formatPercent(c.spendMinor / c.budgetMinor, 0)} of budget</div>
                    ) : null}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{c.collaborations}</td>
                  <td className="px-5 py-3 text-right tabular-nums">
                    {c.linkedPosts}
                    {c.proposedPosts ? (
                      <div>
                        <Badge tone="amber">{c.proposedPosts} to review</Badge>
                      </div>
                    ) : null}
                  </td>
                  <td className="px-5 py-3">
                    <ProgressBar progress={c.progress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
