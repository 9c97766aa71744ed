import { Donut } from '@/components/admin/donut';
import { Chart } from '@/components/analytics/chart';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { getPlatformInsights } from '@/lib/admin/get-platform-insights';
import { getRequestCtx } from '@/lib/auth/request-context';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Insights' };

export default async function AdminInsightsPage() {
  const ctx = await getRequestCtx();
  const i = await loadPage(() => getPlatformInsights({ ctx, input: undefined }), '/admin/insights');
  return (
    <>
      <PageHeader title="Insights" description="The platform at a glance: campaigns, people and collaborations." />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel
          title="Week by week"
          description={`Sign-ups, campaigns created and collaborations started, the last ${i.weekly.length} weeks (weeks start Monday, UTC)`}
          className="lg:col-span-2"
        >
          <Chart
            kind="line"
            data={i.weekly.map((w) => ({
              week: formatDate(w.week),
              'Sign-ups': w.signUps,
              Campaigns: w.campaigns,
              Collaborations: w.collaborations,
            }))}
            index="week"
            categories={['Sign-ups', 'Campaigns', 'Collaborations']}
            format="number"
            colors={['indigo', 'amber', 'emerald']}
            testId="chart-weekly"
          />
        </Panel>
        <Panel title="Campaigns: flagged vs not">
          <Donut data={i.campaignsByFlag} category="campaigns" colors={['emerald', 'rose']} testId="chart-flags" />
        </Panel>
        <Panel title="Campaigns: public vs private">
          <Donut data={i.campaignsByVisibility} category="campaigns" colors={['indigo', 'slate']} testId="chart-visibility" />
        </Panel>
        <Panel title="Users by role">
          <Chart
            kind="bar"
            data={i.usersByRole}
            index="name"
            categories={['users']}
            format="number"
            colors={['indigo']}
            testId="chart-roles"
          />
        </Panel>
        <Panel title="Collaborations by status">
          <Chart
            kind="bar"
            data={i.collaborationsByStatus}
            index="name"
            categories={['collaborations']}
            format="number"
            colors={['emerald']}
            testId="chart-collaborations"
          />
        </Panel>
        <Panel title="Fans per influencer" description="Followers on Reachboard, most followed first" className="lg:col-span-2">
          {i.fansPerInfluencer.length === 0 ? (
            <EmptyState title="No fan follows anyone yet" />
          ) : (
            <Chart
              kind="bar"
              data={i.fansPerInfluencer}
              index="name"
              categories={['fans']}
              format="number"
              colors={['amber']}
              testId="chart-fans"
            />
          )}
        </Panel>
      </div>
    </>
  );
}
