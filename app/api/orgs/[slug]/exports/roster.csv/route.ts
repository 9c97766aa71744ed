import { getRequestCtx } from '@/lib/auth/request-context';
import { rosterCsv } from '@/lib/exports/roster-csv';
import { csvResponse, errorResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The roster with the page's filters and sort (query string), streamed as CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const query = Object.fromEntries(new URL(request.url).searchParams.entries());
    const { fileName, chunks } = await rosterCsv({ ctx: await getRequestCtx(), input: { orgSlug: slug, query } });
    return csvResponse(fileName, chunks);
  } catch (error) {
    return errorResponse(error);
  }
}
