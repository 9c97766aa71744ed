import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { formatRelative } from '@/components/ui/format';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getFanHome, type FanInfluencer } from '@/lib/home/get-fan-home';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Your influencers' };

function Creator({ c, extra }: { c: FanInfluencer; extra?: string }) {
  const initials = c.displayName
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex items-center gap-3">
      <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700">
        {initials}
      </span>
      <div className="min-w-0">
        <Link href={`/creators/${c.id}`} className="block truncate text-sm font-medium text-gray-900 hover:text-indigo-600">
          {c.displayName}
        </Link>
        <p className="truncate text-xs text-gray-500">
          {[c.category, c.country].filter(Boolean).join(' · ') || 'Creator'} · {c.fans.toLocaleString('en-US')}{' '}
          {c.fans === 1 ? 'fan' : 'fans'}
          {extra ? ` · ${extra}` : ''}
        </p>
      </div>
    </div>
  );
}

export default async function FanHomePage() {
  const ctx = await getRequestCtx();
  const home = await loadPage(() => getFanHome({ ctx, input: undefined }), '/fan');
  return (
    <>
      <PageHeader
        title="Your creators"
        description={`You follow ${home.following.length} ${home.following.length === 1 ? 'creator' : 'creators'}.`}
        actions={<ButtonLink href="/creators">Find creators</ButtonLink>}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Following" padded>
          {home.following.length === 0 ? (
            <EmptyState title="You do not follow anyone yet">Creators you follow appear here.</EmptyState>
          ) : (
            <ul className="space-y-4" data-testid="following">
              {home.following.map((c) => (
                <li key={c.id}>
                  <Creator c={c} extra={`followed ${formatRelative(c.followedAt)}`} />
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Popular on Reachboard" description="Creators with the most fans here" padded>
          {home.popular.length === 0 ? (
            <EmptyState title="No other creators yet">When creators join Reachboard they appear here.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {home.popular.map((c) => (
                <li key={c.id}>
                  <Creator c={c} />
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}
