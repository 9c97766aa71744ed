import { getDb } from '@/db';
import { MESSAGE_DIGEST_DELAY, MESSAGE_DIGEST_EVENT, sendMessageDigest } from '@/lib/inbox/message-digest';
import { inngest } from '../client';

/**
 * New-message digest: runs {@link MESSAGE_DIGEST_DELAY} after a user's last incoming message (a
 * burst of messages gives one email, at most every 30 minutes under a steady stream) and emails
 * what is still unread then; nothing when the person has read it in the app meanwhile.
 */
export const messageDigestFunction = inngest.createFunction(
  {
    id: 'message-digest',
    retries: 3,
    debounce: { key: 'event.data.userId', period: MESSAGE_DIGEST_DELAY, timeout: '30m' },
    triggers: [{ event: MESSAGE_DIGEST_EVENT }],
  },
  async ({ event, step }) => {
    const userId = (event.data as { userId: string }).userId;
    const sent = await step.run('send digest', async () => sendMessageDigest(await getDb(), userId));
    return { userId, sent };
  },
);
