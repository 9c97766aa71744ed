import { getRequestCtx } from '@/lib/auth/request-context';
import { errorResponse } from '@/lib/http';
import { getImportSummary } from '@/lib/imports/get-import-summary';

export const dynamic = 'force-dynamic';

/** Progress of an import, polled by its page: counts and the first 20 rejected rows. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; jobId: string }> }) {
  try {
    const { slug, jobId } = await params;
    const summary = await getImportSummary({ ctx: await getRequestCtx(), input: { orgSlug: slug, jobId } });
    return Response.json(
      { ...summary, errorCount: summary.errors.length, errors: summary.errors.slice(0, 20) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
