import { Suspense } from 'react';
import { RecommendationsPanel, RecommendationsSkeleton } from '@/components/home/recommendations-panel';
import type { RequestCtx } from '@/lib/context';
import { recommendCreators } from '@/lib/recommendations/recommend-creators';
import { shortlistAction } from './campaigns/actions';

async function Recommendations({
  ctx,
  slug,
  campaignId,
  canShortlist,
}: {
  ctx: RequestCtx;
  slug: string;
  campaignId?: string;
  canShortlist: boolean;
}) {
  const recommendations = await recommendCreators({ ctx, input: { orgSlug: slug, campaignId } });
  const tryCampaign = recommendations.campaign;
  return (
    <RecommendationsPanel
      recommendations={recommendations}
      onCampaignPage={campaignId !== undefined}
      slug={slug}
      shortlistAction={
        tryCampaign && canShortlist ? (influencerId) => shortlistAction.bind(null, slug, tryCampaign.id, influencerId, true) : null
      }
    />
  );
}

/**
 * The recommendations panel of the brand home (`campaignId` absent: "try" is for the newest draft or
 * active campaign) or of a campaign's page, streamed after the rest of the page: it scores the whole
 * discoverable population, so the page does not wait for it.
 */
export function RecommendationsSection(props: { ctx: RequestCtx; slug: string; campaignId?: string; canShortlist: boolean }) {
  return (
    <Suspense fallback={<RecommendationsSkeleton />}>
      <Recommendations {...props} />
    </Suspense>
  );
}
