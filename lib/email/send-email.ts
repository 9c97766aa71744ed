import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pRetry, { AbortError } from 'p-retry';
import { Resend } from 'resend';
import { getDb } from '@/db';
import { emailOutbox } from '@/db/schema';
import { getEnv } from '../env';
import type { EmailContent } from './render-email';

let resend: Resend | undefined;

/** Attempts per email when Resend answers with a transient error (rate limit, 5xx, network). */
const EMAIL_ATTEMPTS = 4;

type ResendError = { name?: string; message: string; statusCode?: number | null };

/** A rate limit, a server error or no answer at all: worth another attempt. */
function transient(e: ResendError): boolean {
  const code = e.statusCode ?? null;
  return code === null || code === 429 || code >= 500 || e.name === 'rate_limit_exceeded' || e.name === 'internal_server_error';
}

/**
 * Sends one email and records it in the outbox. With RESEND_API_KEY it goes through Resend
 * (status `sent`, or `failed` with the provider's error), retried with exponential back-off on
 * transient errors ({@link EMAIL_ATTEMPTS} attempts) under one idempotency key, so a retry never
 * delivers twice; without, it is only captured (status `captured`) for the development mailbox.
 * Never throws for a delivery failure: call it after the transaction that caused it has committed.
 * With `idempotencyKey` (a background job's retry), an email already recorded under that key is
 * neither sent nor recorded again. Callers normally go through `queueEmails` (queue-email.ts).
 * @returns the outbox row id and its status.
 */
export async function sendEmail(
  to: string,
  content: EmailContent,
  options: { idempotencyKey?: string } = {},
): Promise<{ id: string; status: 'captured' | 'sent' | 'failed' }> {
  const env = getEnv();
  const db = await getDb();
  if (options.idempotencyKey) {
    const [done] = await db
      .select({ id: emailOutbox.id, status: emailOutbox.status })
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, options.idempotencyKey));
    if (done) return done;
  }
  let status: 'captured' | 'sent' | 'failed' = 'captured';
  let providerMessageId: string | null = null;
  let error: string | null = null;
  if (env.RESEND_API_KEY) {
    resend ??= new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
    const client = resend;
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    try {
      const data = await pRetry(
        async () => {
          const result = await client.emails.send(
            { from: env.EMAIL_FROM, to, subject: content.subject, html: content.html, text: content.text },
            { idempotencyKey },
          );
          if (!result.error) return result.data;
          const e = result.error as ResendError;
          if (transient(e)) throw new Error(e.message);
          throw new AbortError(e.message);
        },
        { retries: EMAIL_ATTEMPTS - 1, minTimeout: env.EMAIL_RETRY_DELAY_MS, factor: 2, randomize: false },
      );
      status = 'sent';
      providerMessageId = data?.id ?? null;
    } catch (e) {
      status = 'failed';
      error = e instanceof Error ? e.message : String(e);
    }
    if (error) console.error(`[email] ${content.kind} not delivered: ${error}`);
  }
  const [row] = await db
    .insert(emailOutbox)
    .values({
      to,
      subject: content.subject,
      html: content.html,
      text: content.text,
      kind: content.kind,
      status,
      providerMessageId,
      error,
      idempotencyKey: options.idempotencyKey ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  if (!row) {
    // A concurrent retry of the same delivery recorded it first.
    const [done] = await db
      .select({ id: emailOutbox.id, status: emailOutbox.status })
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, options.idempotencyKey!));
    return done;
  }
  return { id: row.id, status };
}
