'use server';

import { formAction } from '@/lib/actions/form-action';
import type { FormState } from '@/lib/forms';
import { hideConversation } from '@/lib/inbox/hide-conversation';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';

/** Sends the composer's message. */
export async function sendMessageAction(conversationId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => sendMessage({ ctx, input: { conversationId, body: v.body ?? '' } }), {
    revalidate: '/inbox',
    success: { ok: true },
  });
}

/** Deletes the conversation for the signed-in user only, back to the inbox. */
export async function hideConversationAction(conversationId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => hideConversation({ ctx, input: { conversationId } }), {
    revalidate: '/inbox',
    redirectTo: () => '/inbox',
  });
}

/** A brand manager opens the conversation with an influencer. */
export async function startConversationAction(slug: string, influencerId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => startConversation({ ctx, input: { orgSlug: slug, influencerId } }), {
    redirectTo: ({ id }) => `/inbox/${id}`,
  });
}
