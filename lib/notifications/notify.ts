import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { getDb } from '@/db';
import { memberships, notifications, users } from '@/db/schema';
import { getEnv } from '../env';
import type { EmailTemplateName } from '../email/catalog';
import { email, queueEmails, type QueuedEmail } from '../email/queue-email';
import { requestMessageDigests } from '../inbox/message-digest';

/**
 * What a user can be notified of; each kind is one on/off switch of the user's email
 * preferences (absent = on). In-app notifications are always kept.
 */
export const NOTIFICATION_KINDS = {
  offer_received: 'A brand sends you an offer, or an influencer applies to your campaign',
  offer_countered: 'The other side counters an offer',
  offer_accepted: 'An offer is accepted',
  offer_rejected: 'An offer is rejected or withdrawn',
  deliverable_submitted: 'An influencer submits a deliverable for review',
  deliverable_reviewed: 'A brand approves a deliverable or asks for changes',
  message: 'A new message in your inbox',
  admin_action: 'A Reachboard admin acts on your account or campaign',
  account_failing: 'A tracked account has not refreshed for 3 days',
  daily_reminder: 'A daily digest of offers, deliverables and reviews waiting for you',
  weekly_report: 'Every Monday, the report of each active campaign of your brands (off until you turn it on)',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** Kinds that are off until the person turns them on (everything else is on unless switched off). */
export const OPT_IN_KINDS: ReadonlySet<NotificationKind> = new Set(['weekly_report']);

/** One notification to one user; `url` is a path inside the app. */
export type Notice = { userId: string; kind: NotificationKind; title: string; body?: string; url: string };

/**
 * Stores in-app notifications inside the caller's transaction. For `message`, a user who still has
 * an unread message notification for the same conversation gets no second one (no flood).
 * @returns the notices actually stored: pass them to {@link deliverNoticeEmails} after commit.
 */
export async function queueNotices(tx: Tx, notices: Notice[]): Promise<Notice[]> {
  const stored: Notice[] = [];
  for (const n of notices) {
    if (n.kind === 'message') {
      const [open] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, n.userId),
            eq(notifications.kind, 'message'),
            eq(notifications.url, n.url),
            isNull(notifications.readAt),
          ),
        )
        .limit(1);
      if (open) continue;
    }
    await tx.insert(notifications).values({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, url: n.url });
    stored.push(n);
  }
  return stored;
}

/** Notice kinds emailed one by one with their own template (messages go out as a digest). */
const NOTICE_TEMPLATES = [
  'offer_received',
  'offer_countered',
  'offer_accepted',
  'offer_rejected',
  'deliverable_submitted',
  'deliverable_reviewed',
  'account_failing',
] as const satisfies readonly (NotificationKind & EmailTemplateName)[];

/**
 * Emails each stored notice to its user unless they switched that kind off or are suspended: one
 * email per notice with its kind's template, or for messages a request for the user's message
 * digest. Delivery happens in the background (queue-email.ts). Call after the transaction that
 * created the notices has committed; never throws for a delivery failure.
 */
export async function deliverNoticeEmails(notices: Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const db = await getDb();
  const messageRecipients = notices.filter((n) => n.kind === 'message').map((n) => n.userId);
  const others = notices.filter((n) => n.kind !== 'message');
  try {
    if (messageRecipients.length) await requestMessageDigests(db, messageRecipients);
    if (others.length === 0) return;
    const ids = [...new Set(others.map((n) => n.userId))];
    const recipients = await db
      .select({ id: users.id, email: users.email, name: users.name, prefs: users.emailPreferences, flaggedAt: users.flaggedAt })
      .from(users)
      .where(inArray(users.id, ids));
    const byId = new Map(recipients.map((r) => [r.id, r]));
    const base = getEnv().appUrl;
    const outgoing: QueuedEmail[] = [];
    for (const n of others) {
      const user = byId.get(n.userId);
      const template = NOTICE_TEMPLATES.find((t) => t === n.kind);
      if (!template || !user || user.flaggedAt || user.prefs[n.kind] === false) continue;
      outgoing.push(
        email(user.email, template, {
          name: user.name,
          // Within the template's limits, so one long comment cannot hold back the batch.
          headline: n.title.slice(0, 300),
          details: n.body?.slice(0, 2_000),
          url: new URL(n.url, base).toString(),
          preferencesUrl: new URL('/settings#notifications', base).toString(),
        }),
      );
    }
    await queueEmails(outgoing);
  } catch (error) {
    console.error('[notify] emails not queued', error instanceof Error ? error.message : error);
  }
}

/** Members of a brand organization who act on its offers and deliverables (managers and owners). */
export async function orgManagerIds(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['owner', 'manager'])));
  return rows.map((r) => r.userId);
}
