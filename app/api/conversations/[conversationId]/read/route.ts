import { getRequestCtx } from '@/lib/auth/request-context';
import { crossSiteResponse, errorResponse } from '@/lib/http';
import { markConversationRead } from '@/lib/inbox/mark-conversation-read';

export const dynamic = 'force-dynamic';

/** Marks the conversation read by the signed-in party (sent by the open thread for what it shows). */
export async function POST(request: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  const refused = crossSiteResponse(request);
  if (refused) return refused;
  try {
    const { conversationId } = await params;
    await markConversationRead({ ctx: await getRequestCtx(), input: { conversationId } });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
