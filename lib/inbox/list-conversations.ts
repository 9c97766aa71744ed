import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/sql';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';

/** One inbox row. */
export type InboxRow = {
  id: string;
  /** The other side: the brand for an influencer, the influencer for a brand member. */
  counterpart: string;
  /** The brand's organization (for a brand member in several). */
  orgName: string;
  lastMessage: { body: string; at: Date; fromMe: boolean; offerStatus: string | null } | null;
  unread: boolean;
  campaigns: string[];
};

/**
 * The signed-in user's inbox, latest message first: an influencer's conversations with brands,
 * or a brand member's conversations of every brand organization they belong to. A conversation
 * the user deleted stays hidden until a newer message arrives. At most 100.
 * @throws ForbiddenError for fans and admins.
 */
export async function listConversations({ ctx }: VerbArgs<void>): Promise<InboxRow[]> {
  const actor = requireUserRole(ctx, 'brand', 'influencer');
  const db = await reader(ctx);
  const mySide = actor.role === 'influencer' ? 'influencer' : 'brand';
  const scope =
    actor.role === 'influencer'
      ? sql`i.user_id = ${actor.userId}::uuid`
      : sql`exists (select 1 from memberships m where m.org_id = c.org_id and m.user_id = ${actor.userId}::uuid)`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, o.name as org_name, i.display_name as influencer_name, cm.last_read_at,
        lm.body as last_body, lm.created_at as last_at, lm.sender_side::text as last_side, lo.status::text as last_offer_status,
        exists (select 1 from messages u where u.conversation_id = c.id and u.sender_side::text <> ${mySide}
                and (cm.last_read_at is null or u.created_at > cm.last_read_at)) as unread,
        array(select distinct ca.name from messages x join campaigns ca on ca.id = x.campaign_id where x.conversation_id = c.id order by ca.name) as campaigns
      from conversations c
      join organizations o on o.id = c.org_id
      join influencers i on i.id = c.influencer_id
      left join conversation_members cm on cm.conversation_id = c.id and cm.user_id = ${actor.userId}::uuid
      left join lateral (select * from messages m where m.conversation_id = c.id order by m.created_at desc limit 1) lm on true
      left join offers lo on lo.id = lm.offer_id
      where ${scope} and c.last_message_at is not null
        and (cm.hidden_at is null or c.last_message_at > cm.hidden_at)
      order by c.last_message_at desc
      limit 100`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    counterpart: String(mySide === 'influencer' ? r.org_name : r.influencer_name),
    orgName: String(r.org_name),
    lastMessage: r.last_at
      ? {
          body: String(r.last_body),
          at: new Date(r.last_at as string),
          fromMe: r.last_side === mySide,
          offerStatus: (r.last_offer_status as string | null) ?? null,
        }
      : null,
    unread: Boolean(r.unread),
    campaigns: (r.campaigns as string[] | null) ?? [],
  }));
}
