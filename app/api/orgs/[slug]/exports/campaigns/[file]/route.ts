import { getRequestCtx } from '@/lib/auth/request-context';
import { NotFoundError } from '@/lib/errors';
import { campaignCsv } from '@/lib/exports/campaign-csv';
import { csvResponse, errorResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** `/exports/campaigns/<campaignId>.csv`: the campaign report (summary, influencers, posts) as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; file: string }> }) {
  try {
    const { slug, file } = await params;
    const campaignId = file.replace(/\.csv$/, '');
    if (campaignId === file) throw new NotFoundError('Export');
    const { fileName, chunks } = await campaignCsv({ ctx: await getRequestCtx(), input: { orgSlug: slug, campaignId } });
    return csvResponse(fileName, chunks);
  } catch (error) {
    return errorResponse(error);
  }
}
