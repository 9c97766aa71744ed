import { randomUUID } from 'node:crypto';
import { afterResponse } from '../jobs/after-response';
import { sendEvent } from '../jobs/send-event';
import { EMAIL_TEMPLATES, type EmailProps, type EmailTemplateName } from './catalog';
import { renderEmail } from './render-email';
import { sendEmail } from './send-email';
import { emailSendRequested } from '@/inngest/events';

/** Inngest event that carries emails to deliver (`inngest/functions/send-email.ts`). */

/** One email to deliver: recipient, template and its props; `key` makes its delivery idempotent. */
export type QueuedEmail<K extends EmailTemplateName = EmailTemplateName> = {
  to: string;
  template: K;
  props: EmailProps<K>;
  key: string;
};

/** Builds a {@link QueuedEmail}, typed by its template. */
export function email<K extends EmailTemplateName>(to: string, template: K, props: EmailProps<K>): QueuedEmail<K> {
  return { to, template, props, key: randomUUID() };
}

/**
 * Hands emails to delivery without making the caller wait: as one Inngest event when background
 * jobs are connected (the `send-email` function renders, sends and retries them), otherwise in
 * this process after the response has gone out. Props are checked now, so a wrong call fails where
 * it is made. Call it after the transaction that caused the emails has committed.
 * @throws ValidationError when a template's props are wrong (a programming error).
 */
export async function queueEmails(emails: QueuedEmail[]): Promise<void> {
  if (emails.length === 0) return;
  for (const e of emails) {
    const checked = EMAIL_TEMPLATES[e.template].props.safeParse(e.props);
    if (!checked.success) await renderEmail(e.template, e.props as never); // throws the named ValidationError
  }
  if (await sendEvent(emailSendRequested, { emails })) return;
  await afterResponse('email', () => deliverEmails(emails));
}

/**
 * Renders and sends each email (see `sendEmail` for retries and the outbox). Idempotent per email
 * `key`: delivering the same list twice sends each email once.
 * @returns each email's outbox status, in order.
 */
async function deliverEmails(emails: QueuedEmail[]): Promise<('captured' | 'sent' | 'failed')[]> {
  const statuses: ('captured' | 'sent' | 'failed')[] = [];
  for (const e of emails) statuses.push(await deliverEmail(e));
  return statuses;
}

/** Renders and sends one queued email under its key. @returns its outbox status. */
export async function deliverEmail(e: Omit<QueuedEmail, 'props'> & { props: unknown }): Promise<'captured' | 'sent' | 'failed'> {
  const content = await renderEmail(e.template, e.props as never);
  return (await sendEmail(e.to, content, { idempotencyKey: e.key })).status;
}
