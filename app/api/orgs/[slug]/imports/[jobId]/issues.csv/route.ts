import { getRequestCtx } from '@/lib/auth/request-context';
import { csvResponse, errorResponse } from '@/lib/http';
import { importIssuesCsv } from '@/lib/imports/import-issues-csv';

export const dynamic = 'force-dynamic';

/** The rejected and duplicate rows of an import, streamed as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; jobId: string }> }) {
  try {
    const { slug, jobId } = await params;
    const { fileName, chunks } = await importIssuesCsv({ ctx: await getRequestCtx(), input: { orgSlug: slug, jobId } });
    return csvResponse(fileName, chunks);
  } catch (error) {
    return errorResponse(error);
  }
}
