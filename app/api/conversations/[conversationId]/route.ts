import { getRequestCtx } from '@/lib/auth/request-context';
import { errorResponse } from '@/lib/http';
import { getConversation } from '@/lib/inbox/get-conversation';

export const dynamic = 'force-dynamic';

/** The conversation's latest messages as JSON, for the thread's polling. Reads only. */
export async function GET(_request: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  try {
    const { conversationId } = await params;
    const view = await getConversation({ ctx: await getRequestCtx(), input: { conversationId } });
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
