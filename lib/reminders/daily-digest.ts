import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { reminderDigests, users } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { getEnv } from '../env';
import { email, queueEmails } from '../email/queue-email';
import type { ReminderItem } from '../email/templates/digests';

/** Deliverables due within this many days are in the influencer's reminder. */
const DUE_WITHIN_DAYS = 2;

/**
 * What each person has waiting on `day` (UTC): an influencer, offers whose latest round is the
 * brand's and deliverables to do or redo due within 48 hours; a brand manager or owner,
 * applications and counters awaiting the brand and deliverables submitted for review. Flagged
 * users and people who switched daily reminders off are left out.
 * @returns the items per user id.
 */
export async function collectReminders(db: Db | Tx, day: string): Promise<Map<string, ReminderItem[]>> {
  const dueBy = formatISO(addDays(new Date(`${day}T00:00:00Z`), DUE_WITHIN_DAYS), { representation: 'date' });
  const rows = rowsOf<{ user_id: string; kind: ReminderItem['kind']; title: string; url: string; due_on: string | null }>(
    await db.execute(sql`
      with latest as (
        select distinct on (r.offer_id) r.offer_id, r.proposed_by_side from offer_rounds r order by r.offer_id, r.round_number desc
      )
      select i.user_id, 'offer' as kind, 'Offer for ' || c.name || ' from ' || o2.name as title, '/offers/' || o.id as url, null::text as due_on
        from offers o join latest l on l.offer_id = o.id join influencers i on i.id = o.influencer_id
        join campaigns c on c.id = o.campaign_id join organizations o2 on o2.id = o.org_id
        where o.status in ('pending', 'countered') and l.proposed_by_side = 'brand' and i.user_id is not null
      union all
      select i.user_id, 'deliverable_due', d.title || ' for ' || c.name, '/creator/collaborations', d.due_on::text
        from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns c on c.id = co.campaign_id
        join influencers i on i.id = co.influencer_id
        where co.status = 'active' and d.status in ('pending', 'changes_requested') and d.due_on <= ${dueBy}::date and i.user_id is not null
      union all
      select m.user_id, case when o.initiated_by = 'influencer' and l.proposed_by_side = 'influencer' and
               not exists (select 1 from offer_rounds r2 where r2.offer_id = o.id and r2.round_number > 1) then 'application' else 'counter' end,
             inf.display_name || ' on ' || c.name, '/offers/' || o.id, null
        from offers o join latest l on l.offer_id = o.id join campaigns c on c.id = o.campaign_id
        join influencers inf on inf.id = o.influencer_id
        join memberships m on m.org_id = o.org_id and m.role in ('owner', 'manager')
        where o.status in ('pending', 'countered') and l.proposed_by_side = 'influencer'
      union all
      select m.user_id, 'review', d.title || ' by ' || inf.display_name || ' (' || c.name || ')', '/o/' || org.slug || '/campaigns/' || c.id || '#deliverables', null
        from deliverables d join collaborations co on co.id = d.collaboration_id join campaigns c on c.id = co.campaign_id
        join organizations org on org.id = c.org_id join influencers inf on inf.id = co.influencer_id
        join memberships m on m.org_id = c.org_id and m.role in ('owner', 'manager')
        where d.status = 'submitted'
      order by 1, 2, 3`),
  );
  const people = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from users where flagged_at is null and coalesce((email_preferences ->> 'daily_reminder')::boolean, true)`,
    ),
  );
  const allowed = new Set(people.map((p) => p.id));
  const out = new Map<string, ReminderItem[]>();
  for (const r of rows) {
    if (!allowed.has(r.user_id)) continue;
    const list = out.get(r.user_id) ?? [];
    list.push({ kind: r.kind, title: r.title, url: r.url, dueOn: r.due_on });
    out.set(r.user_id, list);
  }
  return out;
}

/**
 * Sends `userId` their reminder digest for `day`, at most once: the day is claimed in
 * `reminder_digests` before the email goes out, so a retried or repeated run sends nothing more.
 * @returns whether this call sent it.
 */
export async function sendReminderDigest(db: Db | Tx, userId: string, day: string, items: ReminderItem[]): Promise<boolean> {
  if (items.length === 0) return false;
  const claimed = await db.insert(reminderDigests).values({ userId, day, items: items.length }).onConflictDoNothing().returning();
  if (claimed.length === 0) return false;
  const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (!user) return false;
  const base = getEnv().appUrl;
  await queueEmails([
    email(user.email, 'daily_reminder', {
      name: user.name,
      items: items.map((i) => ({ ...i, url: new URL(i.url, base).toString() })),
      preferencesUrl: new URL('/settings#notifications', base).toString(),
    }),
  ]);
  return true;
}
