import Link from 'next/link';
import { ConversationThread } from '@/components/inbox/conversation-thread';
import { ActionForm } from '@/components/ui/action-form';
import { PageHeader } from '@/components/ui/page-header';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getConversation } from '@/lib/inbox/get-conversation';
import { MESSAGE_MAX_LENGTH } from '@/lib/inbox/post-message';
import { loadPage } from '@/lib/pages';
import { hideConversationAction, sendMessageAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Conversation' };

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  const ctx = await getRequestCtx();
  const view = await loadPage(() => getConversation({ ctx, input: { conversationId } }), `/inbox/${conversationId}`);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/inbox" className="text-gray-500 hover:text-gray-900">
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title={view.counterpart}
        description={view.side === 'brand' ? `${view.org.name} ↔ ${view.influencer.displayName}` : `Conversation with ${view.org.name}`}
        actions={
          <>
            {view.side === 'brand' ? (
              <Link
                href={`/creators/${view.influencer.id}`}
                className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
              >
                View profile
              </Link>
            ) : null}
            <ActionForm
              action={hideConversationAction.bind(null, view.id)}
              confirm="Delete this conversation for you? The other side keeps it."
            >
              <SubmitButton variant="ghost" pendingLabel="Deleting…">
                Delete for me
              </SubmitButton>
            </ActionForm>
          </>
        }
      />
      <ConversationThread initial={view} send={sendMessageAction.bind(null, view.id)} maxLength={MESSAGE_MAX_LENGTH} />
    </>
  );
}
