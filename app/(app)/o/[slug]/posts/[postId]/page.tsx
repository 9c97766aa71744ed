import Link from 'next/link';
import { Chart } from '@/components/analytics/chart';
import { MetricLabel } from '@/components/analytics/metric-label';
import { ValueCell } from '@/components/analytics/unknown';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, formatNumber, formatPercent } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getPostDrilldown, type SnapshotPoint } from '@/lib/analytics/get-post-drilldown';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { loadPage } from '@/lib/pages';
import { linkPostAction } from '../../campaigns/actions';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Post' };

const COLUMNS: [keyof SnapshotPoint, string][] = [
  ['views', 'Views'],
  ['likes', 'Likes'],
  ['dislikes', 'Dislikes'],
  ['comments', 'Comments'],
  ['shares', 'Shares'],
  ['saves', 'Saves'],
  ['reach', 'Reach'],
  ['impressions', 'Impressions'],
  ['clicks', 'Clicks'],
  ['conversions', 'Conversions'],
];

export default async function PostPage({ params }: { params: Promise<{ slug: string; postId: string }> }) {
  const { slug, postId } = await params;
  const ctx = await getRequestCtx();
  const d = await loadPage(() => getPostDrilldown({ ctx, input: { orgSlug: slug, postId } }), `/o/${slug}/posts/${postId}`);
  const canEdit = hasOrgRole(d.access.role, 'manager');
  const shown = COLUMNS.filter(([k]) => d.snapshots.some((s) => s[k] !== null));
  const unknownCols = COLUMNS.filter(([k]) => !d.snapshots.some((s) => s[k] !== null)).map(([, l]) => l.toLowerCase());
  const day = (s: SnapshotPoint) => formatDateTime(s.capturedAt).replace(', 00:00 UTC', '');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/influencers/${d.influencer.id}`} className="text-gray-500 hover:text-gray-900">
          ← {d.influencer.name}
        </Link>
      </p>
      <PageHeader
        title={d.post.title ?? 'Untitled post'}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{d.post.platform}</Badge> @{d.account.handle} · {d.post.mediaType ?? 'media type unknown'} ·{' '}
            {d.post.publishedAt
              ? `Published ${formatDateTime(d.post.publishedAt)}`
              : `Publish time unknown; first captured ${formatDateTime(d.post.firstCapturedAt)}`}
            {d.post.url && /^https?:\/\//i.test(d.post.url) ? (
              <a href={d.post.url} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-600 hover:text-indigo-500">
                Open on {d.post.platform} ↗
              </a>
            ) : null}
          </span>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Views over time" description={`${d.snapshots.length} snapshots`}>
          <Chart
            kind="line"
            data={d.snapshots.map((s) => ({ captured: day(s), Views: s.views }))}
            index="captured"
            categories={['Views']}
            testId="post-views-chart"
          />
        </Panel>
        <Panel title="Likes and comments over time">
          <Chart
            kind="line"
            data={d.snapshots.map((s) => ({ captured: day(s), Likes: s.likes, Comments: s.comments }))}
            index="captured"
            categories={['Likes', 'Comments']}
            colors={['rose', 'amber']}
          />
        </Panel>
        <Panel title="Engagement rate over time" description="Engagements ÷ views at each capture">
          <Chart
            kind="line"
            data={d.snapshots.map((s) => ({ captured: day(s), 'Engagement rate': s.engagementRate }))}
            index="captured"
            categories={['Engagement rate']}
            format="percent"
            colors={['emerald']}
          />
        </Panel>
        {/* A creator workspace runs no campaigns. */}
        {d.access.org.kind === 'brand' ? (
          <Panel title="Campaigns" description="Linked posts count in the campaign report">
            {d.campaigns.length ? (
              <ul className="mb-4 space-y-1 text-sm" data-testid="post-campaigns">
                {d.campaigns.map((c) => (
                  <li key={c.id}>
                    <Link href={`/o/${slug}/campaigns/${c.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                      {c.name}
                    </Link>{' '}
                    <Badge tone={c.status === 'confirmed' ? 'green' : c.status === 'proposed' ? 'amber' : 'gray'}>
                      {c.status === 'proposed' ? 'keyword match to review' : c.status}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-gray-500">Not linked to any campaign.</p>
            )}
            {canEdit && d.linkable.length ? (
              <ActionForm action={linkPostAction.bind(null, slug)} className="flex items-end gap-2" testId="link-campaign">
                <input type="hidden" name="postId" value={d.post.id} />
                <label className="text-xs font-medium text-gray-600">
                  Link to campaign
                  <select name="campaignId" className="mt-1 block w-64 rounded-md border-gray-300 py-1.5 text-sm shadow-sm">
                    {d.linkable.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
                <SubmitButton variant="secondary" pendingLabel="Linking…">
                  Link
                </SubmitButton>
              </ActionForm>
            ) : null}
          </Panel>
        ) : null}
      </div>
      <Panel
        title="Snapshot history"
        description={
          unknownCols.length
            ? `Every captured value with its source. Not in any snapshot (unknown): ${unknownCols.join(', ')}.`
            : 'Every captured value with its source.'
        }
        className="mt-6"
        padded={false}
      >
        <Table data-testid="snapshot-table">
          <thead>
            <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
              <th className="px-4 py-3">Captured</th>
              {shown.map(([k, l]) => (
                <th key={k} className="px-4 py-3 text-right">
                  {l}
                </th>
              ))}
              <th className="px-4 py-3 text-right">
                <MetricLabel
                  metric="engagementRateByViews"
                  label="Eng. rate"
                  align="right"
                  detail="At each capture: engagements ÷ views."
                />
              </th>
              <th className="px-4 py-3">Provenance</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {d.snapshots.map((s) => (
              <tr key={s.capturedAt}>
                <td className="whitespace-nowrap px-4 py-2 text-gray-700">{formatDateTime(s.capturedAt)}</td>
                {shown.map(([k]) => (
                  <td key={k} className="px-4 py-2 text-right tabular-nums">
                    <ValueCell value={s[k] as number | null} format={(v) => formatNumber(v)} reason="Not in this snapshot" />
                  </td>
                ))}
                <td className="px-4 py-2 text-right tabular-nums">
                  <ValueCell value={s.engagementRate} format={(v) => formatPercent(v)} />
                </td>
                <td className="whitespace-nowrap px-4 py-2 text-xs text-gray-500">
                  <Badge>{s.provenance}</Badge>{' '}
                  {s.source ? (
                    <Link href={`/o/${slug}/imports/${s.source.importJobId}`} className="hover:text-gray-900">
                      {s.source.fileName}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
    </>
  );
}
