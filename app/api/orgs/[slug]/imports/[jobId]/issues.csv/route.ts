import { getRequestCtx } from '@/lib/auth/request-context';
import { errorResponse } from '@/lib/http';
import { importIssuesCsv } from '@/lib/imports/import-issues-csv';

export const dynamic = 'force-dynamic';

/** The rejected and duplicate rows of an import, streamed as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; jobId: string }> }) {
  try {
    const { slug, jobId } = await params;
    const { fileName, chunks } = await importIssuesCsv({ ctx: await getRequestCtx(), input: { orgSlug: slug, jobId } });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
