import { Resend } from 'resend';
import { getDb } from '@/db';
import { emailOutbox } from '@/db/schema';
import { getEnv } from '../env';
import type { EmailContent } from './templates';

let resend: Resend | undefined;

/**
 * Sends one email and records it in the outbox. With RESEND_API_KEY it goes through Resend
 * (status `sent`, or `failed` with the provider's error); without, it is only captured
 * (status `captured`) for the development mailbox. Never throws for a delivery failure:
 * call it after the transaction that caused it has committed.
 * @returns the outbox row id and its status.
 */
export async function sendEmail(to: string, content: EmailContent): Promise<{ id: string; status: 'captured' | 'sent' | 'failed' }> {
  const env = getEnv();
  let status: 'captured' | 'sent' | 'failed' = 'captured';
  let providerMessageId: string | null = null;
  let error: string | null = null;
  if (env.RESEND_API_KEY) {
    resend ??= new Resend(env.RESEND_API_KEY);
    try {
      const result = await resend.emails.send({
        from: env.EMAIL_FROM,
        to,
        subject: content.subject,
        html: content.html,
        text: content.text,
      });
      if (result.error) {
        status = 'failed';
        error = result.error.message;
      } else {
        status = 'sent';
        providerMessageId = result.data?.id ?? null;
      }
    } catch (e) {
      status = 'failed';
      error = e instanceof Error ? e.message : String(e);
    }
    if (error) console.error(`[email] ${content.kind} to ${to} failed: ${error}`);
  }
  const db = await getDb();
  const [row] = await db
    .insert(emailOutbox)
    .values({ to, subject: content.subject, html: content.html, text: content.text, kind: content.kind, status, providerMessageId, error })
    .returning({ id: emailOutbox.id });
  return { id: row.id, status };
}
