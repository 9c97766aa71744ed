import { deliverEmail } from '@/lib/email/queue-email';
import { inngest } from '../client';
import { emailSendRequested } from '../events';

/**
 * Delivers the emails of one `email/send.requested` event, one step per email: a step that fails is
 * retried alone, and the email's key makes a retried step neither send nor record it twice.
 */
export const sendEmailFunction = inngest.createFunction(
  { id: 'send-email', retries: 4, triggers: [emailSendRequested] },
  async ({ event, step }) => {
    const { emails } = event.data;
    const statuses: string[] = [];
    for (const e of emails) statuses.push(await step.run(`send ${e.template} ${e.key}`, () => deliverEmail(e)));
    return { emails: emails.length, statuses };
  },
);
