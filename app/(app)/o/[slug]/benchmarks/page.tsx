import { InvalidQuery } from '@/components/analytics/invalid-query';
import { flatSearch } from '@/components/analytics/search-params';
import { Chart } from '@/components/analytics/chart';
import { MetricLabel } from '@/components/analytics/metric-label';
import { PeriodPicker } from '@/components/analytics/period-picker';
import { ValueCell } from '@/components/analytics/unknown';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { formatNumber, formatPercent } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getBenchmarks } from '@/lib/analytics/benchmarks';
import { periodQuerySchema } from '@/lib/analytics/period';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { ValidationError } from '@/lib/errors';
import { PLATFORMS } from '@/lib/imports/mapping';
import { loadPage } from '@/lib/pages';
import { addBenchmarkAction, removeBenchmarkAction } from './actions';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Benchmarks' };

const input = 'mt-1 block w-full rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500';

export default async function BenchmarksPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const basePath = `/o/${slug}/benchmarks`;
  const parsed = periodQuerySchema.safeParse(flatSearch(await searchParams));
  let b;
  try {
    b = await loadPage(() => getBenchmarks({ ctx, input: { orgSlug: slug, period: parsed.success ? parsed.data : {} } }), basePath);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <InvalidQuery
        page="Benchmarks"
        problem="This period cannot be shown"
        message={error.message}
        back={{ href: basePath, label: 'Show the default period' }}
      />
    );
  }
  const canEdit = hasOrgRole(b.access.role, 'manager');
  return (
    <>
      <PageHeader title="Benchmarks" description="Your own accounts next to the rivals you track, over the same period" />
      <div className="mb-6">
        <PeriodPicker period={b.period} basePath={basePath} />
      </div>
      {b.rows.length === 0 ? (
        <EmptyState title="No accounts benchmarked yet">
          Add your brand’s own accounts and the rival accounts you want to watch; their metrics come from your imports.
        </EmptyState>
      ) : (
        <>
          <Panel padded={false} className="mb-6">
            <Table data-testid="benchmarks-table">
              <thead>
                <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                  <th className="px-5 py-3">Account</th>
                  <th className="px-5 py-3 text-right">
                    <MetricLabel metric="followers" align="right" />
                  </th>
                  <th className="px-5 py-3 text-right">
                    <MetricLabel metric="followerGrowth" label="Growth" align="right" />
                  </th>
                  <th className="px-5 py-3 text-right">
                    <MetricLabel metric="posts" align="right" />
                  </th>
                  <th className="px-5 py-3 text-right">Posts / week</th>
                  <th className="px-5 py-3 text-right">
                    <MetricLabel
                      metric="engagementRateByViews"
                      label="Median eng. rate"
                      align="right"
                      detail="Median over the period's posts of engagements ÷ views."
                    />
                  </th>
                  <th className="px-5 py-3 text-right">Median views</th>
                  <th className="px-5 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {b.rows.map((r) => (
                  <tr key={r.socialAccountId}>
                    <td className="px-5 py-3">
                      <span className="font-medium text-gray-900">{r.name}</span>{' '}
                      <Badge tone={r.kind === 'own' ? 'indigo' : 'amber'}>{r.kind === 'own' ? 'yours' : 'competitor'}</Badge>
                      <p className="text-xs text-gray-500">
                        {r.platform} @{r.handle}
                      </p>
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums">
                      <ValueCell
                        value={r.followersEnd}
                        format={(v) => formatNumber(v, { compact: true })}
                        reason="No follower count up to the period's end"
                      />
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums">
                      <ValueCell
                        value={r.growth.absolute.value}
                        format={(v) => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v, { compact: true })}`)}
                        reason={r.growth.absolute.reason}
                      />
                      <div className="text-xs text-gray-500">
                        <ValueCell value={r.growth.percent.value} format={(v) => formatPercent(v, 1)} reason={r.growth.percent.reason} />
                      </div>
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums">{r.posts}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{formatNumber(r.postsPerWeek, { digits: 1 })}</td>
                    <td className="px-5 py-3 text-right tabular-nums">
                      <ValueCell value={r.engagementRate} format={(v) => formatPercent(v)} reason="No posts with views in the period" />
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums">
                      <ValueCell
                        value={r.medianViews}
                        format={(v) => formatNumber(v, { compact: true })}
                        reason="No posts with views in the period"
                      />
                    </td>
                    <td className="px-5 py-3 text-right">
                      {canEdit ? (
                        <ActionForm action={removeBenchmarkAction.bind(null, slug)}>
                          <input type="hidden" name="socialAccountId" value={r.socialAccountId} />
                          <SubmitButton variant="ghost" pendingLabel="…">
                            Remove
                          </SubmitButton>
                        </ActionForm>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Panel>
          <Panel title="Followers over the period" description="Days with a capture" className="mb-6">
            {b.followerTrend.some((d) => Object.entries(d).some(([k, v]) => k !== 'day' && typeof v === 'number')) ? (
              <Chart
                kind="line"
                data={b.followerTrend}
                index="day"
                categories={b.rows.map((r) => `${r.platform} @${r.handle}`)}
                connectNulls
                testId="benchmarks-chart"
              />
            ) : (
              <p className="text-sm text-gray-600" data-testid="benchmarks-chart-empty">
                None of these accounts has a follower count captured in this period. Follower counts come from account-level imports (an
                Instagram profile export, YouTube Studio&rsquo;s audience report) and from tracked accounts&rsquo; API refreshes; post-level
                files such as a trending-videos export carry none.
              </p>
            )}
          </Panel>
        </>
      )}
      {canEdit ? (
        <Panel title="Add an account">
          <ActionForm action={addBenchmarkAction.bind(null, slug)} className="grid grid-cols-1 gap-3 sm:grid-cols-4" testId="add-benchmark">
            <label className="text-xs font-medium text-gray-600">
              Platform
              <select name="platform" className={input} defaultValue="instagram">
                {PLATFORMS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-xs font-medium text-gray-600">
              Handle
              <input name="handle" placeholder="@account" required className={input} />
            </label>
            <label className="text-xs font-medium text-gray-600">
              Whose
              <select name="kind" className={input} defaultValue="competitor">
                <option value="own">Yours</option>
                <option value="competitor">Competitor</option>
              </select>
            </label>
            <div className="flex items-end">
              <SubmitButton pendingLabel="Adding…">Add to benchmarks</SubmitButton>
            </div>
          </ActionForm>
        </Panel>
      ) : null}
    </>
  );
}
