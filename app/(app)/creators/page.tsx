import { SearchNicheFields } from '@/components/ui/search-niche-fields';
import Link from 'next/link';
import { FollowButton } from '@/components/creators/follow-button';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { searchCreators } from '@/lib/influencers/creator-directory';
import { loadPage } from '@/lib/pages';
import { followAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Influencers' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CreatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const ctx = await getRequestCtx();
  const { creators, niches, query } = await loadPage(
    () => searchCreators({ ctx, input: { q: first(sp.q), niche: first(sp.niche) } }),
    '/creators',
  );
  const isFan = ctx.actor?.role === 'fan';
  return (
    <>
      <PageHeader title="Influencers" description="Influencers on Reachboard, most followed first." />
      <form className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <SearchNicheFields q={query.q} niche={query.niche} niches={niches} placeholder="Name, handle or bio" />
        <button className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white hover:bg-indigo-500">Search</button>
      </form>
      {creators.length === 0 ? (
        <EmptyState title="No creator matches">Try another name or niche.</EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="creators">
          {creators.map((c) => (
            <li key={c.id} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid="creator-card">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <Link href={`/creators/${c.id}`} className="block truncate text-base font-semibold text-gray-900 hover:text-indigo-600">
                    {c.displayName}
                  </Link>
                  <p className="text-xs text-gray-500">{[c.category, c.country].filter(Boolean).join(' · ') || 'No niche yet'}</p>
                </div>
                <span className="shrink-0 text-right text-xs text-gray-500">
                  <span className="block text-lg font-semibold tabular-nums text-gray-900" data-testid="fan-count">
                    {c.fans.toLocaleString('en-US')}
                  </span>
                  fan{c.fans === 1 ? '' : 's'}
                </span>
              </div>
              <p className="mt-2 line-clamp-2 flex-1 text-sm text-gray-600">{c.bio ?? ''}</p>
              <div className="mt-3 flex flex-wrap gap-1">
                {c.accounts.map((a) => (
                  <Badge key={`${a.platform}:${a.handle}`}>
                    {PLATFORM_NAMES[a.platform as keyof typeof PLATFORM_NAMES]} @{a.handle}
                  </Badge>
                ))}
              </div>
              {isFan ? (
                <div className="mt-4">
                  <FollowButton following={c.following} action={followAction.bind(null, c.id, !c.following)} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
