import Link from 'next/link';
import { CreatorStatusBadge } from '@/components/creators/creator-status-badge';
import { FollowButton } from '@/components/creators/follow-button';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel, Stat } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { getCreatorProfile } from '@/lib/influencers/creator-directory';
import { loadPage } from '@/lib/pages';
import { followAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Influencer' };

export default async function CreatorProfilePage({ params }: { params: Promise<{ influencerId: string }> }) {
  const { influencerId } = await params;
  const ctx = await getRequestCtx();
  const c = await loadPage(() => getCreatorProfile({ ctx, input: { influencerId } }), `/creators/${influencerId}`);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/creators" className="text-gray-500 hover:text-gray-900">
          ← Creators
        </Link>
      </p>
      <PageHeader
        title={c.displayName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CreatorStatusBadge claimed verified={c.verified} />
            {[c.category, c.country].filter(Boolean).join(' · ')}
          </span>
        }
        actions={
          ctx.actor?.role === 'fan' ? <FollowButton following={c.following} action={followAction.bind(null, c.id, !c.following)} /> : null
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="grid gap-4">
          <Stat label="Fans on Reachboard" value={c.fans} sub="People following here" testId="profile-fans" />
          {c.rate ? (
            <Stat
              label="Rate card"
              value={c.rate.rateMinor !== null && c.rate.rateCurrency ? formatMoney(c.rate.rateMinor, c.rate.rateCurrency) : null}
              sub="Per deliverable, as stated by the creator"
            />
          ) : null}
        </div>
        <Panel title="About" className="lg:col-span-2">
          <p className="whitespace-pre-line text-sm text-gray-700">{c.bio ?? 'No bio yet.'}</p>
          <h3 className="mt-5 text-sm font-semibold text-gray-900">Accounts</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {c.accounts.length === 0 ? <li className="text-sm text-gray-500">No account listed.</li> : null}
            {c.accounts.map((a) => (
              <li key={`${a.platform}:${a.handle}`}>
                <Badge tone="indigo">
                  {PLATFORM_NAMES[a.platform as keyof typeof PLATFORM_NAMES]} @{a.handle}
                </Badge>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    </>
  );
}
