'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { hideConversation } from '@/lib/inbox/hide-conversation';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';

/** Sends the composer's message. */
export async function sendMessageAction(conversationId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await sendMessage({ ctx: await getRequestCtx(), input: { conversationId, body: v.body ?? '' } });
  } catch (error) {
    return { ...toFormState(error), values: v };
  }
  revalidatePath('/inbox');
  return { ok: true };
}

/** Deletes the conversation for the signed-in user only, back to the inbox. */
export async function hideConversationAction(conversationId: string, _prev: FormState): Promise<FormState> {
  try {
    await hideConversation({ ctx: await getRequestCtx(), input: { conversationId } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/inbox');
  redirect('/inbox');
}

/** A brand manager opens the conversation with an influencer. */
export async function startConversationAction(slug: string, influencerId: string, _prev: FormState): Promise<FormState> {
  let id: string;
  try {
    ({ id } = await startConversation({ ctx: await getRequestCtx(), input: { orgSlug: slug, influencerId } }));
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/inbox/${id}`);
}
