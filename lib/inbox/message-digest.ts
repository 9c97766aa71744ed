import { getDb } from '@/db';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { rowsOf } from '@/db/sql';
import { users } from '@/db/schema';
import { email, queueEmails } from '../email/queue-email';
import { getEnv } from '../env';
import { afterResponse } from '../jobs/after-response';
import { sendEvent } from '../jobs/send-event';
import { messageDigestRequested } from '@/inngest/events';

/** How long the digest waits for more messages (and for the person to read them in the app). */
export const MESSAGE_DIGEST_DELAY = '10m';

/** One conversation of a digest: the other side, its unread count and the newest unread message. */
type UnreadConversation = { conversationId: string; with: string; unread: number; lastMessage: string };

/**
 * The user's conversations with messages from the other side they have not read (newer than their
 * last read mark), newest first, at most 20. An influencer reads their own conversations; a brand
 * member those of the organizations they manage.
 */
async function unreadConversations(db: Db, userId: string): Promise<UnreadConversation[]> {
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!user || (user.role !== 'influencer' && user.role !== 'brand')) return [];
  const mySide = user.role;
  const scope =
    mySide === 'influencer'
      ? sql`i.user_id = ${userId}::uuid`
      : sql`exists (select 1 from memberships m where m.org_id = c.org_id and m.user_id = ${userId}::uuid and m.role in ('owner', 'manager'))`;
  const rows = rowsOf<{ id: string; org_name: string; influencer_name: string; unread: number; last_body: string }>(
    await db.execute(sql`
      select c.id, o.name as org_name, i.display_name as influencer_name, u.unread, u.last_body
      from conversations c
      join organizations o on o.id = c.org_id
      join influencers i on i.id = c.influencer_id
      left join conversation_members cm on cm.conversation_id = c.id and cm.user_id = ${userId}::uuid
      join lateral (
        select count(*)::int as unread, (array_agg(m.body order by m.created_at desc))[1] as last_body
        from messages m
        where m.conversation_id = c.id and m.sender_side::text <> ${mySide}
          and (cm.last_read_at is null or m.created_at > cm.last_read_at)
      ) u on u.unread > 0
      where ${scope}
      order by c.last_message_at desc
      limit 20`),
  );
  return rows.map((r) => ({
    conversationId: r.id,
    with: mySide === 'influencer' ? r.org_name : r.influencer_name,
    unread: Number(r.unread),
    lastMessage: r.last_body,
  }));
}

/** {@link sendMessageDigest} on the process's database: what a background function calls. */
export async function sendMessageDigestTo(userId: string): Promise<boolean> {
  return sendMessageDigest(await getDb(), userId);
}

/**
 * Emails the user a digest of their unread conversations, unless they read everything meanwhile,
 * switched message emails off, or are suspended.
 * @returns whether a digest was queued.
 */
async function sendMessageDigest(db: Db, userId: string): Promise<boolean> {
  const [user] = await db
    .select({ email: users.email, name: users.name, prefs: users.emailPreferences, flaggedAt: users.flaggedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.flaggedAt || user.prefs.message === false) return false;
  const unread = await unreadConversations(db, userId);
  if (unread.length === 0) return false;
  const base = getEnv().appUrl;
  await queueEmails([
    email(user.email, 'message_digest', {
      name: user.name,
      conversations: unread.map((c) => ({
        with: c.with,
        unread: c.unread,
        lastMessage: c.lastMessage,
        url: new URL(`/inbox/${c.conversationId}`, base).toString(),
      })),
      preferencesUrl: new URL('/settings#notifications', base).toString(),
    }),
  ]);
  return true;
}

/**
 * Asks for each user's message digest: through Inngest, which waits {@link MESSAGE_DIGEST_DELAY}
 * after the last message and sends one digest per burst; without Inngest, right after the response.
 */
export async function requestMessageDigests(db: Db, userIds: string[]): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (await sendEvent(messageDigestRequested, { userId })) continue;
    await afterResponse('message digest', () => sendMessageDigest(db, userId));
  }
}
