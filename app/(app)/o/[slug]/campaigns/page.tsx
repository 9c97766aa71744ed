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
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Campaigns' };

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
          <Table data-testid="campaigns-table">
            <TableHead>
              <Th>Campaign</Th>
              <Th>Status</Th>
              <Th>Dates</Th>
              <Th numeric>Budget</Th>
              <Th numeric>Spend</Th>
              <Th numeric>Influencers</Th>
              <Th numeric>Posts</Th>
              <Th>Progress</Th>
            </TableHead>
            <TableBody>
              {campaigns.map((c) => (
                <tr key={c.id} className="hover:bg-gray-50">
                  <Td>
                    <Link href={`/o/${slug}/campaigns/${c.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                      {c.name}
                    </Link>
                    <p className="text-xs text-gray-500">{c.visibility === 'public' ? 'Public' : 'Private'}</p>
                  </Td>
                  <Td>
                    <CampaignStatusBadge status={c.status} />
                  </Td>
                  <Td className="whitespace-nowrap text-gray-600">
                    {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                  </Td>
                  <Td numeric>{formatMoney(c.budgetMinor, c.currency)}</Td>
                  <Td numeric>
                    {formatMoney(c.spendMinor, c.currency)}
                    {c.spendMinor !== null && c.budgetMinor ? (
                      <div className="text-xs text-gray-500">{formatPercent(c.spendMinor / c.budgetMinor, 0)} of budget</div>
                    ) : null}
                  </Td>
                  <Td numeric>{c.collaborations}</Td>
                  <Td numeric>
                    {c.linkedPosts}
                    {c.proposedPosts ? (
                      <div>
                        <Badge tone="amber">{c.proposedPosts} to review</Badge>
                      </div>
                    ) : null}
                  </Td>
                  <Td>
                    <ProgressBar progress={c.progress} />
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </Panel>
      )}
    </>
  );
}
