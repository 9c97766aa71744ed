import { downloadExport } from '@/lib/exports/background-export';
import { csvResponse, errorResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** A background export's file, by its signed link (`?expires=…&signature=…`, valid 24 hours). */
export async function GET(request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  try {
    const { exportId } = await params;
    const query = new URL(request.url).searchParams;
    const { fileName, chunks } = await downloadExport({
      ctx: { actor: null },
      input: { exportId, expires: query.get('expires') ?? '', signature: query.get('signature') ?? '' },
    });
    return csvResponse(fileName, chunks);
  } catch (error) {
    return errorResponse(error);
  }
}
