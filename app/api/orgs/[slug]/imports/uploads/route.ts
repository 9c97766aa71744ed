import { getRequestCtx } from '@/lib/auth/request-context';
import { ValidationError } from '@/lib/errors';
import { badRequest, crossSiteResponse, errorResponse } from '@/lib/http';
import { storeUpload } from '@/lib/imports/uploads';

export const dynamic = 'force-dynamic';

/** Receives a CSV as the raw request body (streamed into the file store); the file name comes URI-encoded in X-File-Name. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const refused = crossSiteResponse(request);
  if (refused) return refused;
  let fileName: string;
  try {
    fileName = decodeURIComponent(request.headers.get('x-file-name') ?? 'upload.csv');
  } catch {
    return badRequest('X-File-Name must be the file name, URI-encoded');
  }
  try {
    const { slug } = await params;
    if (!request.body) throw new ValidationError('No file was sent');
    const upload = await storeUpload({ ctx: await getRequestCtx(), input: { orgSlug: slug, fileName, body: request.body } });
    return Response.json({ uploadId: upload.id, fileName: upload.fileName, size: upload.size }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
