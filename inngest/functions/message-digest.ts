import { MESSAGE_DIGEST_DELAY, sendMessageDigestTo } from '@/lib/inbox/message-digest';
import { inngest } from '../client';
import { messageDigestRequested } from '../events';

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
    triggers: [messageDigestRequested],
  },
  async ({ event, step }) => {
    const { userId } = event.data;
    const sent = await step.run('send digest', () => sendMessageDigestTo(userId));
    return { userId, sent };
  },
);
