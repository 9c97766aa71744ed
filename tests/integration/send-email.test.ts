import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox } from '@/db/schema';
import { sendEmail } from '@/lib/email/send-email';
import { renderEmail } from '@/lib/email/render-email';

/** A stand-in for Resend's `POST /emails`: answers from a script, records each request. */
const script: { status: number; body: unknown }[] = [];
const received: { key: string | undefined; to: string }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ key: req.headers['idempotency-key'] as string | undefined, to: JSON.parse(body).to });
    const next = script.shift() ?? { status: 200, body: { id: `re_${received.length}` } };
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(next.body));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
// sendEmail reads its configuration once: point it at the stand-in before anything reads it.
process.env.RESEND_API_KEY = 're_test_key';
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.EMAIL_RETRY_DELAY_MS = '5';

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script.length = 0;
  received.length = 0;
});

const mail = () => renderEmail('password_reset', { name: 'Ada', url: 'http://localhost:3000/reset-password/abc' });
async function row(id: string) {
  const db = await getDb();
  return (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
}

describe('sendEmail through Resend', () => {
  it('retries a server error under one idempotency key and records the provider id', async () => {
    script.push({ status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'Something broke' } });
    const { id, status } = await sendEmail('ada@example.com', await mail());
    expect(status).toBe('sent');
    expect(received).toHaveLength(2);
    expect(received[0].key).toBeTruthy();
    expect(received[1].key).toBe(received[0].key);
    expect(await row(id)).toMatchObject({ status: 'sent', providerMessageId: 're_2', error: null });
  });

  it('does not retry a refused email, and gives up on a rate limit after 4 attempts', async () => {
    script.push({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field' } });
    const refused = await sendEmail('not-an-address', await mail());
    expect(refused.status).toBe('failed');
    expect(received).toHaveLength(1);
    expect(await row(refused.id)).toMatchObject({ status: 'failed', error: 'Invalid `to` field' });
    received.length = 0;
    for (let i = 0; i < 4; i++)
      script.push({ status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' } });
    const limited = await sendEmail('ada@example.com', await mail());
    expect(limited.status).toBe('failed');
    expect(received).toHaveLength(4);
  });
});
