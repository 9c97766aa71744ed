import { getRequestCtx } from '@/lib/auth/request-context';
import { influencerPostsCsv } from '@/lib/exports/posts-csv';
import { csvResponse, errorResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** Every post of one roster influencer, streamed as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; influencerId: string }> }) {
  try {
    const { slug, influencerId } = await params;
    const { fileName, chunks } = await influencerPostsCsv({ ctx: await getRequestCtx(), input: { orgSlug: slug, influencerId } });
    return csvResponse(fileName, chunks);
  } catch (error) {
    return errorResponse(error);
  }
}
