import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel, Stat } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listMyClaims } from '@/lib/claims/list-my-claims';
import { getInfluencerHome } from '@/lib/home/get-influencer-home';
import { loadPage } from '@/lib/pages';
import { PLATFORM_NAMES } from '@/lib/platforms';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Home' };

export default async function CreatorHomePage() {
  const ctx = await getRequestCtx();
  const [{ profile, accounts, counts, workspaceSlug }, claims] = await loadPage(
    () => Promise.all([getInfluencerHome({ ctx, input: undefined }), listMyClaims({ ctx, input: undefined })]),
    '/creator',
  );
  const pending = claims.filter((c) => c.status === 'pending');
  return (
    <>
      <PageHeader
        title={`Hi, ${profile.displayName}`}
        description="Your creator home: offers, collaborations and your audience on Reachboard."
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Open offers" value={counts.openOffers} sub="Waiting for your answer or the brand’s" testId="stat-open-offers" />
        <Stat
          label="Active collaborations"
          value={counts.activeCollaborations}
          sub={`${counts.deliverablesDueThisWeek} deliverables due within 7 days`}
        />
        <Stat label="Fans on Reachboard" value={counts.fans} sub="People following you here" testId="stat-fans" />
        <Stat label="Open public campaigns" value={counts.publicCampaigns} sub="From approved brands" />
      </div>
      {workspaceSlug ? (
        <div className="mt-8 rounded-lg border border-indigo-100 bg-indigo-50/60 px-5 py-4">
          <div className="flex flex-wrap items-center justify-between gap-4">
            <div>
              <p className="text-sm font-semibold text-gray-900">Your analytics</p>
              <p className="mt-1 max-w-2xl text-sm text-gray-600">
                Import your platform exports (YouTube Studio, Instagram insights, TikTok) into your private workspace to see follower
                history, engagement-rate trends, your best content and each post&rsquo;s history — the same views brands use. Only you and
                the people you invite see this data.
              </p>
            </div>
            <div className="flex gap-2">
              <Link
                href={`/o/${workspaceSlug}/influencers/${profile.id}`}
                className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
                data-testid="open-my-analytics"
              >
                Open your analytics
              </Link>
              <Link
                href={`/o/${workspaceSlug}/imports`}
                className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50"
              >
                Import an export
              </Link>
            </div>
          </div>
        </div>
      ) : null}
      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <Panel title="Your social accounts" className="lg:col-span-2" padded={accounts.length === 0 && pending.length === 0}>
          {accounts.length === 0 && pending.length === 0 ? (
            <EmptyState title="No social accounts yet">
              Brands find you through your accounts. Add your handles to your profile and prove they are yours to show your reach.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-gray-100">
              {accounts.map((a) => (
                <li key={a.id} className="flex items-center justify-between px-5 py-3">
                  <div>
                    <p className="text-sm font-medium text-gray-900">@{a.handle}</p>
                    <p className="text-xs text-gray-500">{PLATFORM_NAMES[a.platform]}</p>
                  </div>
                  <div className="text-right">
                    <p
                      className="text-sm font-semibold tabular-nums text-gray-900"
                      title={
                        a.followers === null
                          ? 'Not measured yet'
                          : `${a.source === 'import' ? 'From your imports' : 'Public API data'}, captured ${formatDate(a.capturedAt)}`
                      }
                    >
                      {a.followers === null ? '—' : a.followers.toLocaleString('en-US')}
                    </p>
                    <p className="text-xs text-gray-500">
                      {a.followers === null ? 'followers not measured yet' : `followers · ${formatDate(a.capturedAt)}`}
                    </p>
                  </div>
                </li>
              ))}
              {pending.map((c) => (
                <li key={c.id} className="flex items-center justify-between px-5 py-3" data-testid="pending-claim">
                  <div>
                    <p className="text-sm font-medium text-gray-900">@{c.handle}</p>
                    <p className="text-xs text-gray-500">{PLATFORM_NAMES[c.platform]}</p>
                  </div>
                  <div className="flex items-center gap-3">
                    <Badge tone="amber">unverified</Badge>
                    <Link href="/creator/profile" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                      Prove it is yours →
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel
          title="Profile"
          actions={
            <Link href="/creator/profile" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Edit
            </Link>
          }
        >
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-gray-500">Niche</dt>
              <dd className="font-medium text-gray-900">{profile.category ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-gray-500">Country</dt>
              <dd className="font-medium text-gray-900">{profile.country ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-gray-500">Rate</dt>
              <dd className="font-medium text-gray-900">
                {profile.rateMinor !== null && profile.rateCurrency
                  ? `${formatMoney(profile.rateMinor, profile.rateCurrency)} per deliverable`
                  : '—'}
              </dd>
            </div>
            <div>
              <dt className="text-gray-500">Bio</dt>
              <dd className="text-gray-700">{profile.bio ?? '—'}</dd>
            </div>
          </dl>
          <div className="mt-4">
            <Badge tone={accounts.length > 0 && profile.category ? 'green' : 'amber'}>
              {accounts.length > 0 && profile.category ? 'Discoverable by brands' : 'Add a niche and an account to be found'}
            </Badge>
          </div>
        </Panel>
      </div>
    </>
  );
}
