import { getRequestCtx } from '@/lib/auth/request-context';
import { errorResponse } from '@/lib/http';
import { getCampaignClickStats } from '@/lib/links/get-campaign-click-stats';

export const dynamic = 'force-dynamic';

/** A campaign's link clicks now (totals and by day), polled every 2 s by its links page. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; campaignId: string }> }) {
  try {
    const { slug, campaignId } = await params;
    const stats = await getCampaignClickStats({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId } });
    return Response.json(stats, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
