import fs from 'node:fs';
import path from 'node:path';
import { InngestTestEngine } from '@inngest/test';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox, users } from '@/db/schema';
import { functions } from '@/inngest/functions';
import { messageDigestFunction } from '@/inngest/functions/message-digest';
import { sendEmailFunction } from '@/inngest/functions/send-email';
import { email, queueEmails } from '@/lib/email/queue-email';
import { emailSendRequested, messageDigestRequested } from '@/inngest/events';
import { ValidationError } from '@/lib/errors';
import { markConversationRead } from '@/lib/inbox/mark-conversation-read';
import { sendMessage } from '@/lib/inbox/send-message';
import { startConversation } from '@/lib/inbox/start-conversation';
import { createInfluencerUser, createOrg, ctxOf, uniq } from '../factories';

async function outbox(to: string, kind?: string) {
  const db = await getDb();
  return db
    .select()
    .from(emailOutbox)
    .where(kind ? and(eq(emailOutbox.to, to), eq(emailOutbox.kind, kind)) : eq(emailOutbox.to, to));
}

describe('the function registry', () => {
  it('serves every function defined under inngest/functions', async () => {
    const dir = path.resolve('inngest/functions');
    const defined: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const value of Object.values(mod))
        if (value && typeof value === 'object' && 'id' in value && typeof (value as { id: unknown }).id === 'function')
          defined.push((value as { id: () => string }).id());
    }
    expect(defined.length).toBeGreaterThanOrEqual(8);
    expect(functions.map((f) => f.id()).sort()).toEqual(defined.sort());
  });
});

describe('send-email', () => {
  it('renders and records each email of the event once, even when the run is repeated', async () => {
    const to = [`a-${uniq()}@example.com`, `b-${uniq()}@example.com`];
    const emails = [
      email(to[0], 'password_reset', { name: 'Ada', url: 'http://localhost:3000/reset-password?token=t1' }),
      email(to[1], 'invitation', { orgName: 'Northwind', inviterName: 'Ann', role: 'viewer', url: 'http://localhost:3000/invitations/t2' }),
    ];
    const events: [{ name: string; data: Record<string, unknown> }] = [{ name: emailSendRequested.name, data: { emails } }];
    const first = await new InngestTestEngine({ function: sendEmailFunction, events }).execute();
    expect(first.result).toEqual({ emails: 2, statuses: ['captured', 'captured'] });
    const [reset] = await outbox(to[0]);
    expect(reset.kind).toBe('password_reset');
    expect(reset.html).toContain('href="http://localhost:3000/reset-password?token=t1"');
    expect(reset.text).toContain('expires in 1 hour');
    // Inngest retries a step, or the whole run, with the same event: the email keys stop a second delivery.
    await new InngestTestEngine({ function: sendEmailFunction, events }).execute();
    expect(await outbox(to[0])).toHaveLength(1);
    expect(await outbox(to[1])).toHaveLength(1);
  });

  it('without Inngest, outside a request, queueEmails delivers at once; wrong props fail at the call and record nothing', async () => {
    const to = `now-${uniq()}@example.com`;
    await queueEmails([email(to, 'welcome', { name: 'Now', role: 'fan', url: 'http://localhost:3000/home' })]);
    expect(await outbox(to, 'welcome')).toHaveLength(1);
    const bad = `bad-${uniq()}@example.com`;
    await expect(queueEmails([email(bad, 'welcome', { name: '', role: 'fan', url: 'http://localhost:3000/home' })])).rejects.toThrow(
      ValidationError,
    );
    await expect(queueEmails([email(bad, 'welcome', { name: 'X', role: 'fan', url: 'ftp://x' })])).rejects.toThrow(/Email "welcome": url/);
    expect(await outbox(bad)).toHaveLength(0);
  });
});

describe('message-digest', () => {
  let brand: Awaited<ReturnType<typeof createOrg>>;
  let creator: Awaited<ReturnType<typeof createInfluencerUser>>;
  let conversationId: string;
  beforeAll(async () => {
    brand = await createOrg({ approved: true });
    creator = await createInfluencerUser();
    ({ id: conversationId } = await startConversation({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, influencerId: creator.profile.id },
    }));
  });
  const digests = () => outbox(creator.user.email, 'message_digest');
  const run = () =>
    new InngestTestEngine({
      function: messageDigestFunction,
      events: [{ name: messageDigestRequested.name, data: { userId: creator.user.id } }],
    }).execute();

  it('emails what is unread when it runs, and nothing once the person has read it', async () => {
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Hi! Are you free in October?' } });
    // Without Inngest the digest goes right after the first unread message.
    expect(await digests()).toHaveLength(1);
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'We can pay <b>$2,000</b>.' } });
    expect(await digests()).toHaveLength(1); // one unread notice per conversation: no second request
    // With Inngest the function runs once the burst is over and lists everything still unread.
    const result = await run();
    expect(result.result).toEqual({ userId: creator.user.id, sent: true });
    const latest = (await digests()).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    expect(latest.subject).toBe(`2 unread messages on Reachboard from ${brand.org.name}`);
    expect(latest.text).toContain(`${brand.org.name} · 2 unread`);
    expect(latest.text).toContain('We can pay <b>$2,000</b>.');
    expect(latest.html).toContain('We can pay &lt;b&gt;$2,000&lt;/b&gt;.');
    expect(latest.text).toContain(`/inbox/${conversationId}`);
    // Read in the app: the next run has nothing to say.
    await markConversationRead({ ctx: ctxOf(creator.user), input: { conversationId } });
    expect((await run()).result).toEqual({ userId: creator.user.id, sent: false });
    expect(await digests()).toHaveLength(2);
  });

  it('respects the person’s preference', async () => {
    await sendMessage({ ctx: ctxOf(brand.manager), input: { conversationId, body: 'Any news?' } });
    const before = (await digests()).length;
    const db = await getDb();
    await db
      .update(users)
      .set({ emailPreferences: { message: false } })
      .where(eq(users.id, creator.user.id));
    expect((await run()).result).toEqual({ userId: creator.user.id, sent: false });
    expect(await digests()).toHaveLength(before);
  });
});
