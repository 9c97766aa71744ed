import { getDb } from '@/db';
import { organizations, socialAccounts, trackedAccounts } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { deliverNoticeEmails, orgManagerIds, queueNotices } from '../notifications/notify';

/** Tells the managers of every brand tracking the account that it has been failing for 3 days (in-app and email). */
export async function alertFailingAccount(socialAccountId: string): Promise<void> {
  const db = await getDb();
  const stored = await db.transaction(async (tx) => {
    const [account] = await tx.select().from(socialAccounts).where(eq(socialAccounts.id, socialAccountId));
    if (!account) return [];
    const orgs = await tx
      .select({ orgId: trackedAccounts.orgId })
      .from(trackedAccounts)
      .where(eq(trackedAccounts.socialAccountId, account.id));
    const notices = [];
    for (const { orgId } of orgs) {
      const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
      for (const userId of await orgManagerIds(tx, orgId))
        notices.push({
          userId,
          kind: 'account_failing' as const,
          title: `@${account.handle} on ${account.platform} has not refreshed for 3 days`,
          body: account.lastError ?? undefined,
          url: `/o/${org.slug}/tracking`,
        });
    }
    return queueNotices(tx, notices);
  });
  await deliverNoticeEmails(stored);
}
