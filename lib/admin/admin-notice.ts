import type { Tx } from '@/db/connect';
import { notifications } from '@/db/schema';
import { getEnv } from '../env';
import { email, queueEmails } from '../email/queue-email';

/** An admin action's notice to the user it affects: stored in-app (unless the user is deleted) and emailed. */
export type AdminNotice = { userId: string | null; email: string; name: string; title: string; body: string; url: string };

/** Stores the in-app part of admin notices inside the action's transaction. */
export async function storeAdminNotices(tx: Tx, notices: AdminNotice[]): Promise<void> {
  for (const n of notices)
    if (n.userId)
      await tx.insert(notifications).values({ userId: n.userId, kind: 'admin_action', title: n.title, body: n.body, url: n.url });
}

/**
 * Emails admin notices after commit. They go out whatever the user's preferences and even to a
 * suspended or deleted account: the person must learn what happened to it. Never throws.
 */
export async function emailAdminNotices(notices: AdminNotice[]): Promise<void> {
  const base = getEnv().appUrl;
  try {
    await queueEmails(
      notices.map((n) =>
        email(n.email, 'admin_action', { name: n.name, headline: n.title, details: n.body, url: new URL(n.url, base).toString() }),
      ),
    );
  } catch (error) {
    console.error('[admin] notice emails not queued', error instanceof Error ? error.message : error);
  }
}
