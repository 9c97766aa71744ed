import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';
import type { Recommendation, Recommendations } from '@/lib/recommendations/recommend-creators';

function Column({
  title,
  hint,
  items,
  slug,
  testId,
  empty,
  shortlist,
}: {
  title: string;
  hint: string;
  items: Recommendation[];
  slug: string;
  testId: string;
  empty: string;
  shortlist?: (influencerId: string) => ((prev: FormState) => Promise<FormState>) | null;
}) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
      <p className="text-xs text-gray-500">{hint}</p>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-gray-500">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {items.map((r) => {
            const action = shortlist?.(r.influencerId) ?? null;
            return (
              <li key={r.influencerId} className="rounded-md p-3 ring-1 ring-gray-200" data-testid="recommendation">
                <div className="flex items-start justify-between gap-2">
                  <Link
                    href={`/o/${slug}/influencers/${r.influencerId}`}
                    className="text-sm font-medium text-gray-900 hover:text-indigo-600"
                  >
                    {r.name}
                  </Link>
                  {r.shortlisted ? (
                    <Badge tone="indigo">Shortlisted</Badge>
                  ) : action ? (
                    <ActionForm action={action}>
                      <SubmitButton variant="secondary" pendingLabel="…" className="px-2 py-1 text-xs">
                        Shortlist
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                </div>
                <ul className="mt-1 space-y-0.5 text-xs text-gray-600">
                  {r.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/**
 * The brand's recommendations: creators to work with again, to try for a campaign (one click to
 * shortlist, for managers) and to avoid — each with the reasons from the organization's record.
 */
export function RecommendationsPanel({
  recommendations: r,
  slug,
  shortlistAction,
  onCampaignPage = false,
}: {
  recommendations: Recommendations;
  slug: string;
  /** The shortlist action for the "try" campaign, bound per creator; null for viewers. */
  shortlistAction: ((influencerId: string) => (prev: FormState) => Promise<FormState>) | null;
  /** On the campaign's own page the "try" column does not repeat the campaign's name. */
  onCampaignPage?: boolean;
}) {
  return (
    <Panel
      title="Recommendations"
      description="From your own record: measured cost per engagement, attributed sales, deliverables, fit and forecasts"
    >
      <div className="grid gap-6 lg:grid-cols-3" data-testid="recommendations">
        <Column
          title="Work with again"
          hint={`Best measured CPE with you (${r.currency}), nothing missed`}
          items={r.again}
          slug={slug}
          testId="recommend-again"
          empty="No creator with a fee and measured engagements yet."
        />
        <Column
          title={r.campaign && !onCampaignPage ? `Try for ${r.campaign.name}` : 'Creators to try'}
          hint="High fit, never worked with you, forecast CPE under the campaign’s target"
          items={r.try}
          slug={slug}
          testId="recommend-try"
          empty={r.campaign ? 'No creator in your data fits this campaign well enough yet.' : 'Create a campaign to get suggestions.'}
          shortlist={shortlistAction ?? undefined}
        />
        <Column
          title="Think twice"
          hint="Missed deliverables or a CPE far above your median"
          items={r.avoid}
          slug={slug}
          testId="recommend-avoid"
          empty="Nobody: every creator delivered at a usual cost."
        />
      </div>
    </Panel>
  );
}

/** The recommendations panel while they are computed (streamed after the page). */
export function RecommendationsSkeleton() {
  return (
    <Panel
      title="Recommendations"
      description="From your own record: measured cost per engagement, attributed sales, deliverables, fit and forecasts"
    >
      <div role="status" aria-live="polite" className="grid gap-6 lg:grid-cols-3" data-testid="recommendations-loading">
        <span className="sr-only">Loading recommendations</span>
        {[0, 1, 2].map((i) => (
          <div key={i}>
            <Skeleton className="h-4 w-32" />
            <Skeleton className="mt-2 h-3 w-48" />
            <Skeleton className="mt-4 h-16 w-full" />
            <Skeleton className="mt-3 h-16 w-full" />
          </div>
        ))}
      </div>
    </Panel>
  );
}
