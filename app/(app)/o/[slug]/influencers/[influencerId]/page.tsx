import { PROVENANCE_LABEL } from '@/components/analytics/provenance';
import Link from 'next/link';
import { ExportButtons } from '@/components/exports/export-buttons';
import { EXPORT_BACKGROUND_ROWS } from '@/lib/exports/background-export';
import { requestExportAction } from '../../export-actions';
import { AudiencePanel } from '@/components/analytics/audience-panel';
import { CredibilityPanel } from '@/components/analytics/credibility-panel';
import { Chart } from '@/components/analytics/chart';
import { ContentGroups } from '@/components/analytics/content-groups';
import { MetricLabel } from '@/components/analytics/metric-label';
import { PostsTable } from '@/components/analytics/posts-table';
import { flatSearch, withParams } from '@/components/analytics/search-params';
import { Pager, sliceOf } from '@/components/ui/pager';
import { ValueCell } from '@/components/analytics/unknown';
import { CreatorStatusBadge } from '@/components/creators/creator-status-badge';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { getInfluencerAnalytics, INFLUENCER_POSTS_LIMIT } from '@/lib/analytics/get-influencer-analytics';
import { getRequestCtx } from '@/lib/auth/request-context';
import { loadPage } from '@/lib/pages';
import { Table, TableBody, TableHead } from '@/components/ui/table';
import { listInfluencerLinks } from '@/lib/links/list-influencer-links';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Influencer analytics' };

/** Rows per page of the posts table (of the newest INFLUENCER_POSTS_LIMIT the page loads). */
const POSTS_PER_PAGE = 25;

export default async function InfluencerPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; influencerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, influencerId } = await params;
  const current = flatSearch(await searchParams);
  const ctx = await getRequestCtx();
  const [a, links] = await loadPage(
    () =>
      Promise.all([
        getInfluencerAnalytics({ ctx, input: { orgSlug: slug, influencerId } }),
        listInfluencerLinks({ ctx, input: { orgSlug: slug, influencerId } }),
      ]),
    `/o/${slug}/influencers/${influencerId}`,
  );
  const { influencer } = a;
  const posts = sliceOf(a.posts, current.posts, POSTS_PER_PAGE);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/influencers`} className="text-gray-500 hover:text-gray-900">
          ← Influencers
        </Link>
      </p>
      <PageHeader
        title={influencer.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {a.tier ? <Badge tone="indigo">{a.tier}</Badge> : null}
            {influencer.category ? <Badge>{influencer.category}</Badge> : null}
            {influencer.country ? <span>{influencer.country}</span> : null}
            {influencer.claimed ? (
              <CreatorStatusBadge claimed verified={influencer.verified} />
            ) : (
              <span className="text-gray-500">tracked profile</span>
            )}
            {influencer.connections.map((c) => (
              <Badge
                key={`${c.platform}-${c.handle}`}
                tone={c.status === 'connected' ? 'green' : c.status === 'expiring' ? 'amber' : 'red'}
              >
                {PLATFORM_NAMES[c.platform as keyof typeof PLATFORM_NAMES]}{' '}
                {c.status === 'connected'
                  ? 'connected'
                  : c.status === 'expiring'
                    ? `connection expiring (since ${formatDate(c.since)})`
                    : `connection lost since ${formatDate(c.since)}`}
              </Badge>
            ))}
            {influencer.rateMinor !== null && influencer.rateCurrency ? (
              <span>Rate {formatMoney(influencer.rateMinor, influencer.rateCurrency)} per deliverable</span>
            ) : null}
          </span>
        }
        actions={
          <>
            <Link
              href={`/o/${slug}/influencers/compare?ids=${influencer.id}`}
              className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
            >
              Compare…
            </Link>
            <Link
              href={`/o/${slug}/analytics/cohorts?influencer=${influencer.id}`}
              className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
            >
              Cohorts
            </Link>
            <ExportButtons
              href={`/api/orgs/${slug}/exports/influencers/${influencer.id}/posts.csv`}
              label="Export posts CSV"
              background={a.postCount > EXPORT_BACKGROUND_ROWS}
              rows={a.postCount}
              action={requestExportAction.bind(null, slug, { kind: 'influencer_posts', influencerId: influencer.id })}
              testId="export-posts"
            />
          </>
        }
      />
      {influencer.bio ? <p className="-mt-4 mb-6 max-w-3xl text-sm text-gray-600">{influencer.bio}</p> : null}
      {a.accounts.length === 0 ? (
        <EmptyState title="No metrics for this influencer yet">Import an export that includes their accounts.</EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2" data-testid="accounts">
          {a.accounts.map((acc) => (
            <Panel
              key={acc.socialAccountId}
              title={`${acc.platform} · @${acc.handle}`}
              description={
                acc.followersCapturedAt ? `Followers captured ${formatDate(acc.followersCapturedAt)}` : 'No follower count imported'
              }
            >
              <dl className="grid grid-cols-3 gap-4 text-sm">
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel metric="followers" />
                  </dt>
                  <dd className="mt-1 text-lg font-semibold tabular-nums">
                    <ValueCell value={acc.followers} format={(v) => formatNumber(v, { compact: true })} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel metric="followerGrowth" label="Growth 30d" detail={acc.growth30d.absolute.reason} />
                  </dt>
                  <dd className="mt-1 text-lg font-semibold tabular-nums">
                    <ValueCell
                      value={acc.growth30d.percent.value}
                      format={(v) => formatPercent(v, 1)}
                      reason={acc.growth30d.percent.reason}
                    />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel metric="medianViews" />
                  </dt>
                  <dd className="mt-1 text-lg font-semibold tabular-nums">
                    <ValueCell value={acc.medianViews} format={(v) => formatNumber(v, { compact: true })} reason="No posts with views" />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel metric="engagementRate" label="ER by followers" />
                  </dt>
                  <dd className="mt-1 font-semibold tabular-nums">
                    <ValueCell value={acc.engagementRateByFollowers} format={(v) => formatPercent(v)} reason="Needs followers and posts" />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel
                      metric="engagementRate"
                      label="ER reported"
                      detail="The rate the export itself reported (e.g. a 60-day rate)."
                    />
                  </dt>
                  <dd className="mt-1 font-semibold tabular-nums">
                    <ValueCell value={acc.reportedEngagementRate} format={(v) => formatPercent(v)} reason="The source reported none" />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">
                    <MetricLabel metric="engagementRateByViews" label="ER by views" detail="Median over posts of engagements ÷ views." />
                  </dt>
                  <dd className="mt-1 font-semibold tabular-nums">
                    <ValueCell value={acc.engagementRateByViews} format={(v) => formatPercent(v)} reason="No posts with views" />
                  </dd>
                </div>
              </dl>
              <div className="mt-4">
                {acc.followerHistory.filter((h) => h.followers !== null).length >= 2 ? (
                  <Chart
                    kind="line"
                    data={acc.followerHistory.map((h) => ({ day: formatDate(h.day), Followers: h.followers }))}
                    index="day"
                    categories={['Followers']}
                    height="h-40"
                    connectNulls
                    testId="follower-history"
                  />
                ) : (
                  <p className="rounded-md bg-gray-50 px-3 py-2 text-xs text-gray-500">
                    Follower history needs counts captured on two or more days; {acc.followerHistory.length === 0 ? 'none was' : 'one was'}{' '}
                    imported.
                  </p>
                )}
              </div>
              {acc.reported ? (
                <div className="mt-4 rounded-md bg-gray-50 px-3 py-2" data-testid="reported-account-fields">
                  <p className="text-xs text-gray-500">
                    As the source reported it ({PROVENANCE_LABEL[acc.reported.provenance] ?? acc.reported.provenance}, captured{' '}
                    {formatDate(acc.reported.capturedAt)})
                  </p>
                  <dl className="mt-2 grid grid-cols-3 gap-3 sm:grid-cols-5">
                    {(
                      [
                        ['Average likes', acc.reported.avgLikes],
                        ['Posts', acc.reported.postsCount],
                        ['Total likes', acc.reported.totalLikes],
                        ['Total views', acc.reported.totalViews],
                        ['Following', acc.reported.following],
                      ] as const
                    ).map(([label, value]) => (
                      <div key={label}>
                        <dt className="text-xs text-gray-500">{label}</dt>
                        <dd
                          className="text-sm font-semibold tabular-nums"
                          data-testid={`reported-${label.toLowerCase().replace(' ', '-')}`}
                        >
                          <ValueCell value={value} format={(v) => formatNumber(v, { compact: true })} reason="The source reported none" />
                        </dd>
                      </div>
                    ))}
                  </dl>
                </div>
              ) : null}
              {acc.firstParty ? (
                <div className="mt-4 rounded-md bg-emerald-50 px-3 py-2 ring-1 ring-emerald-100" data-testid="first-party">
                  <p className="text-xs text-emerald-800">
                    <Badge tone="green">First-party</Badge> Read with the creator’s own connection (
                    {PLATFORM_NAMES[acc.platform as keyof typeof PLATFORM_NAMES] ?? acc.platform} insights), captured{' '}
                    {formatDate(acc.firstParty.capturedAt)}
                  </p>
                  <dl className="mt-2 grid grid-cols-2 gap-3">
                    <div>
                      <dt className="text-xs text-gray-500">
                        <MetricLabel
                          metric="reach"
                          label="Median reach"
                          detail="Median over posts of the unique accounts that saw each post (the platform’s insights)."
                        />
                      </dt>
                      <dd className="text-sm font-semibold tabular-nums" data-testid="first-party-median-reach">
                        <ValueCell
                          value={acc.firstParty.medianReach}
                          format={(v) => formatNumber(v, { compact: true })}
                          reason="No post with reach"
                        />
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-gray-500">Posts with reach</dt>
                      <dd className="text-sm font-semibold tabular-nums">{acc.firstParty.postsWithReach.toLocaleString('en-US')}</dd>
                    </div>
                    {acc.periodInsights ? (
                      <>
                        <div>
                          <dt className="text-xs text-gray-500">
                            <MetricLabel
                              metric="reach"
                              label="Account reach"
                              detail={`Unique accounts that saw any of the account’s content from ${acc.periodInsights.start} to ${acc.periodInsights.end}, as the platform counted them (not a sum of days).`}
                            />
                          </dt>
                          <dd className="text-sm font-semibold tabular-nums" data-testid="period-reach">
                            <ValueCell
                              value={acc.periodInsights.reach}
                              format={(v) => formatNumber(v, { compact: true })}
                              reason="Not reported"
                            />
                          </dd>
                        </div>
                        <div>
                          <dt className="text-xs text-gray-500">Accounts engaged</dt>
                          <dd className="text-sm font-semibold tabular-nums" data-testid="period-engaged">
                            <ValueCell
                              value={acc.periodInsights.accountsEngaged}
                              format={(v) => formatNumber(v, { compact: true })}
                              reason="Not reported"
                            />
                          </dd>
                        </div>
                      </>
                    ) : null}
                  </dl>
                </div>
              ) : null}
              {acc.channelInsights ? (
                <div className="mt-4 rounded-md bg-emerald-50 px-3 py-2 ring-1 ring-emerald-100" data-testid="channel-insights">
                  <p className="text-xs text-emerald-800">
                    <Badge tone="green">First-party</Badge> {PLATFORM_NAMES[acc.platform as keyof typeof PLATFORM_NAMES] ?? acc.platform}{' '}
                    through the creator’s connection, {acc.channelInsights.days} days up to {formatDate(acc.channelInsights.lastDay)}
                  </p>
                  <dl className="mt-2 grid grid-cols-3 gap-3">
                    {acc.channelInsights.views !== null || acc.channelInsights.watchMinutes !== null ? (
                      <>
                        <div>
                          <dt className="text-xs text-gray-500">Views</dt>
                          <dd className="text-sm font-semibold tabular-nums" data-testid="channel-insights-views">
                            <ValueCell
                              value={acc.channelInsights.views}
                              format={(v) => formatNumber(v, { compact: true })}
                              reason="Not reported"
                            />
                          </dd>
                        </div>
                        <div>
                          <dt className="text-xs text-gray-500">Watch time</dt>
                          <dd className="text-sm font-semibold tabular-nums" data-testid="channel-insights-watch">
                            <ValueCell
                              value={acc.channelInsights.watchMinutes}
                              format={(v) => `${formatNumber(Math.round((v ?? 0) / 60), { compact: true })} h`}
                              reason="Not reported"
                            />
                          </dd>
                        </div>
                        <div>
                          <dt className="text-xs text-gray-500">Subscribers</dt>
                          <dd className="text-sm font-semibold tabular-nums" data-testid="channel-insights-subscribers">
                            {acc.channelInsights.subscribersGained === null || acc.channelInsights.subscribersLost === null ? (
                              '—'
                            ) : (
                              <span
                                title={`+${acc.channelInsights.subscribersGained} gained, −${acc.channelInsights.subscribersLost} lost`}
                              >
                                {acc.channelInsights.subscribersGained - acc.channelInsights.subscribersLost >= 0 ? '+' : '−'}
                                {formatNumber(Math.abs(acc.channelInsights.subscribersGained - acc.channelInsights.subscribersLost))}
                              </span>
                            )}
                          </dd>
                        </div>
                      </>
                    ) : null}
                    {acc.channelInsights.paidSubscribers !== null ? (
                      <div>
                        <dt className="text-xs text-gray-500">Paid subscriptions</dt>
                        <dd
                          className="text-sm font-semibold tabular-nums"
                          data-testid="channel-insights-paid-subscribers"
                          title={`${formatNumber(acc.channelInsights.subscriberPoints ?? 0)} sub points`}
                        >
                          {formatNumber(acc.channelInsights.paidSubscribers)}
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                </div>
              ) : null}
              <p className="mt-3 text-xs text-gray-500">
                {acc.postsTracked.toLocaleString('en-US')} post{acc.postsTracked === 1 ? '' : 's'} tracked · {acc.posts90d} in the 90 days
                up to the latest
              </p>
            </Panel>
          ))}
        </div>
      )}
      {a.audience.length ? <AudiencePanel audience={a.audience} /> : null}
      {a.accounts.length ? <CredibilityPanel accounts={a.accounts} /> : null}
      {a.postCount > 0 ? (
        <>
          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <Panel
              title="Engagement rate by week"
              description="Median of engagements ÷ views over the posts dated each week"
              className="lg:col-span-2"
            >
              <Chart
                kind="line"
                data={a.engagementTrend.map((t) => ({
                  week: formatDate(t.week),
                  'Median engagement rate': t.medianEngagementRate,
                  Posts: t.posts,
                }))}
                index="week"
                categories={['Median engagement rate']}
                format="percent"
                connectNulls
                testId="er-trend"
              />
            </Panel>
            <Panel title="Content analysis" description="Median engagement rate (by views) per group, with group sizes">
              <div className="space-y-5">
                <ContentGroups title="Media type" groups={a.content.byMediaType} empty="No posts." testId="content-media" />
                <ContentGroups
                  title="Tags (on 2+ posts)"
                  groups={a.content.byTag}
                  empty="No tag is on two or more posts."
                  testId="content-tags"
                />
              </div>
            </Panel>
          </div>
          <Panel title="Posting time" description="Weekday and hour (UTC) of publication" className="mt-6">
            {a.content.postsWithPublishTime === 0 ? (
              <p className="text-sm text-gray-500" data-testid="content-time-unknown">
                {a.postCount === 1 ? 'This post has no' : `None of these ${a.postCount.toLocaleString('en-US')} posts has a`} publish time
                in the imported data (dates shown are first captures), so posting weekday and hour cannot be analysed.
              </p>
            ) : (
              <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
                <ContentGroups title="Weekday" groups={a.content.byWeekday} empty="—" testId="content-weekday" />
                <ContentGroups title="Hour (UTC)" groups={a.content.byHour} empty="—" testId="content-hour" />
              </div>
            )}
          </Panel>
          {links.length ? (
            <Panel
              title="Tracking links"
              description="Clicks by people (unique per visitor-hour) and the sales attributed to each link, by campaign"
              className="mt-6"
              padded={false}
            >
              <Table data-testid="influencer-links">
                <TableHead>
                  <th className="px-4 py-3">Campaign</th>
                  <th className="px-4 py-3">Link</th>
                  <th className="px-4 py-3 text-right">Clicks</th>
                  <th className="px-4 py-3 text-right">Unique</th>
                  <th className="px-4 py-3 text-right">Sales</th>
                  <th className="px-4 py-3 text-right">Revenue</th>
                </TableHead>
                <TableBody>
                  {links.map((l) => (
                    <tr key={l.id}>
                      <td className="px-4 py-3">
                        <Link
                          href={`/o/${slug}/campaigns/${l.campaignId}/links`}
                          className="font-medium text-gray-900 hover:text-indigo-600"
                        >
                          {l.campaignName}
                        </Link>
                      </td>
                      <td className="px-4 py-3 font-mono text-xs text-gray-700">
                        {l.shortUrl} {l.state !== 'active' ? <Badge>{l.state === 'expired' ? 'Expired' : 'Off'}</Badge> : null}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">{formatNumber(l.clicks)}</td>
                      <td className="px-4 py-3 text-right tabular-nums">{formatNumber(l.uniqueClicks)}</td>
                      <td className="px-4 py-3 text-right tabular-nums">{formatNumber(l.sales)}</td>
                      <td className="px-4 py-3 text-right tabular-nums">{l.sales ? formatMoney(l.revenueMinor, l.currency) : '—'}</td>
                    </tr>
                  ))}
                </TableBody>
              </Table>
            </Panel>
          ) : null}
          <Panel
            title="Posts"
            description={
              a.postCount > INFLUENCER_POSTS_LIMIT
                ? `Newest ${INFLUENCER_POSTS_LIMIT} of ${a.postCount.toLocaleString('en-US')}; the CSV export has all`
                : `${a.postCount} post${a.postCount === 1 ? '' : 's'}, newest first`
            }
            className="mt-6"
            padded={false}
          >
            <PostsTable posts={posts.rows} slug={slug} testId="posts-table" showCost={a.posts.some((p) => p.costMinor !== null)} />
            <Pager
              {...posts}
              href={(n) => withParams(`/o/${slug}/influencers/${influencer.id}`, current, { posts: String(n) })}
              noun="posts"
              testId="posts-pager"
            />
          </Panel>
        </>
      ) : null}
    </>
  );
}
