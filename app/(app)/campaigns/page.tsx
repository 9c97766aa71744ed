import { SearchNicheFields } from '@/components/ui/search-niche-fields';
import Link from 'next/link';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { Badge } from '@/components/ui/badge';
import { Select } from '@/components/ui/field';
import { formatDate, formatMoney } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listPublicCampaigns, type PublicCampaignQuery } from '@/lib/campaigns/list-public-campaigns';
import { FitScoreBadge } from '@/components/discovery/fit-score-badge';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Campaigns' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function PublicCampaignsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const ctx = await getRequestCtx();
  const { campaigns, niches, query } = await loadPage(
    () =>
      listPublicCampaigns({
        ctx,
        input: { q: first(sp.q), niche: first(sp.niche), sort: (first(sp.sort) || undefined) as PublicCampaignQuery['sort'] },
      }),
    '/campaigns',
  );
  return (
    <>
      <PageHeader title="Campaigns" description="Public campaigns of brands approved by Reachboard. Apply with a pitch and your fee." />
      <form className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <SearchNicheFields q={query.q} niche={query.niche} niches={niches} placeholder="Name or description" />
        <div className="w-48">
          <label htmlFor="sort" className="mb-1 block text-xs font-medium text-gray-600">
            Sort by
          </label>
          <Select id="sort" name="sort" defaultValue={query.sort}>
            {ctx.actor?.kind === 'user' && ctx.actor.role === 'influencer' ? <option value="fit">Best fit for you</option> : null}
            <option value="startsOn">Start date</option>
            <option value="budget">Budget</option>
            <option value="newest">Newest</option>
          </Select>
        </div>
        <button className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white hover:bg-indigo-500">Apply filters</button>
      </form>
      {campaigns.length === 0 ? (
        <EmptyState title="No public campaign matches">
          Try another niche, or check back soon: brands publish new campaigns every week.
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="public-campaigns">
          {campaigns.map((c) => (
            <li key={c.id} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="text-xs font-medium uppercase tracking-wide text-gray-500">{c.brand.name}</p>
                  <Link href={`/campaigns/${c.id}`} className="mt-1 block text-base font-semibold text-gray-900 hover:text-indigo-600">
                    {c.name}
                  </Link>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  {c.fit ? <FitScoreBadge fit={c.fit} /> : null}
                  {c.myOffer ? (
                    <OfferStatusBadge status={c.myOffer.status} />
                  ) : c.category ? (
                    <Badge tone="indigo">{c.category}</Badge>
                  ) : null}
                </div>
              </div>
              <p className="mt-2 line-clamp-2 flex-1 text-sm text-gray-600">{c.description ?? 'No description.'}</p>
              <dl className="mt-4 grid grid-cols-3 gap-2 text-xs">
                <div>
                  <dt className="text-gray-500">Budget</dt>
                  <dd className="font-semibold text-gray-900">{formatMoney(c.budgetMinor, c.currency)}</dd>
                </div>
                <div>
                  <dt className="text-gray-500">Dates</dt>
                  <dd className="font-semibold text-gray-900">
                    {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                  </dd>
                </div>
                <div>
                  <dt className="text-gray-500">Places left</dt>
                  <dd className="font-semibold text-gray-900">{c.placesLeft === null ? 'Open' : c.placesLeft}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
