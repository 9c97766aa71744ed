import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../sql';
import { campaigns, influencers, organizations, users } from '../schema';
import { confirmedSignUp } from './confirmed-sign-up';
import { addToShortlist } from '@/lib/campaigns/add-to-shortlist';
import { listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { reviewDeliverable } from '@/lib/deliverables/review-deliverable';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { followInfluencer } from '@/lib/follows/follow-influencer';
import { getConversation } from '@/lib/inbox/get-conversation';
import { getOffer } from '@/lib/offers/get-offer';
import { sendMessage } from '@/lib/inbox/send-message';
import { applyToCampaign } from '@/lib/offers/apply-to-campaign';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { withdrawOffer } from '@/lib/offers/withdraw-offer';
import { type UserActor, userActor } from '@/lib/context';

async function actorOf(db: Db, email: string): Promise<UserActor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return userActor(u);
}

async function campaignId(db: Db, orgId: string, name: string): Promise<string> {
  const [c] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.name, name)));
  return c.id;
}

async function conversationOf(actor: UserActor, offerId: string): Promise<string> {
  return (await getOffer({ ctx: { actor }, input: { offerId } })).conversationId!;
}

/**
 * The marketplace side of the demo, played through the product's own verbs: two more creators
 * (one claims the "CaseyNeistat" channel of the YouTube export — illustrative, SOURCE.md), a
 * shortlist on the Autumn Trail campaign, offers in every state (pending, countered, accepted,
 * rejected, withdrawn), a collaboration whose first deliverable links a real video of the export
 * (so the campaign report shows its metrics) while the second waits for review, conversations
 * with seen and unseen messages, and fans following creators.
 */
export async function seedMarketplace(
  db: Db,
  password: string,
  demo: { handleOf: (title: string) => Promise<string>; reviewClaims: (email: string, approve: boolean) => Promise<void> },
): Promise<void> {
  const [nw] = await db.select().from(organizations).where(eq(organizations.slug, 'northwind-outfitters'));
  const olivia = await actorOf(db, 'olivia@northwind.example');
  const marcus = await actorOf(db, 'marcus@northwind.example');
  const casey = await confirmedSignUp(db, {
    role: 'influencer',
    name: 'Casey Neistat',
    email: 'casey@creators.example',
    password,
    category: 'Outdoors',
    platform: 'youtube',
    handle: await demo.handleOf('CaseyNeistat'),
  });
  const priya = await confirmedSignUp(db, {
    role: 'influencer',
    name: 'Priya Shah',
    email: 'priya@creators.example',
    password,
    category: 'Outdoors',
    platform: 'tiktok',
    handle: 'priya.trails',
  });
  // Casey's channel is verified (it merges the tracked profile of Northwind's import); Priya's
  // TikTok waits in the admin's review queue, so brands see her as unverified.
  await demo.reviewClaims('casey@creators.example', true);
  await demo.reviewClaims('priya@creators.example', false);
  await db
    .update(influencers)
    .set({
      country: 'United States',
      bio: 'Filmmaker and daily vlogger: city rides, long trips and the gear that survives them.',
      rateMinor: 450_000,
      rateCurrency: 'USD',
    })
    .where(eq(influencers.id, casey.influencerId!));
  await db
    .update(influencers)
    .set({
      country: 'Canada',
      bio: 'Short trail videos from British Columbia: routes, packing lists and camp food.',
      rateMinor: 60_000,
      rateCurrency: 'USD',
    })
    .where(eq(influencers.id, priya.influencerId!));
  const [maya] = await db
    .select()
    .from(influencers)
    .innerJoin(users, eq(users.id, influencers.userId))
    .where(eq(users.email, 'maya@creators.example'));
  const caseyActor = await actorOf(db, 'casey@creators.example');
  const mayaActor = await actorOf(db, 'maya@creators.example');
  const r29Actor = await actorOf(db, 'r29@creators.example');

  const autumn = await campaignId(db, nw.id, 'Autumn Trail Collection');
  const holiday = await campaignId(db, nw.id, 'Holiday Gift Guide 2026');
  for (const influencerId of [maya.influencers.id, priya.influencerId!, casey.influencerId!])
    await addToShortlist({ ctx: { actor: marcus }, input: { orgSlug: nw.slug, campaignId: autumn, influencerId } });

  // Accepted, with deliverables: Casey.
  const caseyOffer = await sendOffer({
    ctx: { actor: marcus },
    input: {
      orgSlug: nw.slug,
      campaignId: autumn,
      influencerId: casey.influencerId!,
      terms: {
        fee: '4,000',
        terms: 'Usage rights for 6 months on Northwind channels. Payment 30 days after approval.',
        dueOn: '2026-12-10',
        deliverables: [
          { title: 'Dedicated vlog wearing the Trail jacket', platform: 'youtube', dueOn: '2026-11-15' },
          { title: 'Follow-up video with the tracking link', platform: 'youtube', dueOn: '2026-12-05' },
        ],
      },
    },
  });
  await respondToOffer({ ctx: { actor: caseyActor }, input: { offerId: caseyOffer.id, roundNumber: 1, response: { action: 'accept' } } });
  const [collab] = await listMyCollaborations({ ctx: { actor: caseyActor }, input: undefined });
  const videos = rowsOf<{ platform_post_id: string }>(
    await db.execute(sql`
      select p.platform_post_id from org_posts p join social_accounts sa on sa.id = p.social_account_id
      where p.org_id = ${nw.id}::uuid and sa.influencer_id = ${casey.influencerId!}::uuid and sa.platform = 'youtube'
      order by p.published_at desc nulls last, p.platform_post_id limit 2`),
  );
  const [first, second] = collab.deliverables.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
  await submitDeliverable({
    ctx: { actor: caseyActor },
    input: { deliverableId: first.id, postUrl: `https://www.youtube.com/watch?v=${videos[0].platform_post_id}` },
  });
  await reviewDeliverable({
    ctx: { actor: marcus },
    input: { deliverableId: first.id, decision: 'approve', comment: 'Great shots of the jacket in the rain.' },
  });
  await submitDeliverable({
    ctx: { actor: caseyActor },
    input: { deliverableId: second.id, postUrl: `https://youtu.be/${videos[1].platform_post_id}` },
  });
  const caseyChat = await conversationOf(marcus, caseyOffer.id);
  await sendMessage({
    ctx: { actor: caseyActor },
    input: { conversationId: caseyChat, body: 'The follow-up is live. The tracking link is in the first line of the description.' },
  });
  await getConversation({ ctx: { actor: marcus }, input: { conversationId: caseyChat } });
  await sendMessage({ ctx: { actor: marcus }, input: { conversationId: caseyChat, body: 'Thanks Casey! Reviewing it today.' } });

  // Countered: Maya applied, Northwind countered; her turn.
  const mayaOffer = await applyToCampaign({
    ctx: { actor: mayaActor },
    input: {
      campaignId: autumn,
      pitch:
        'I hike the Rockies every weekend and my audience asks about my gear in every post. Two Reels and a Story set would fit the Trail line.',
      fee: '1,600',
    },
  });
  await respondToOffer({
    ctx: { actor: marcus },
    input: {
      offerId: mayaOffer.id,
      roundNumber: 1,
      response: {
        action: 'counter',
        terms: {
          fee: '1,300',
          terms: 'Two Reels and one Story set; usage rights 3 months.',
          deliverables: [
            { title: 'Reel: a day hike in the Trail jacket', platform: 'instagram', dueOn: '2026-12-01' },
            { title: 'Reel: packing list for autumn hikes', platform: 'instagram', dueOn: '2026-12-08' },
            { title: 'Story set with the tracking link', platform: 'instagram', dueOn: '2026-12-08' },
          ],
        },
      },
    },
  });
  const mayaChat = await conversationOf(marcus, mayaOffer.id);
  await sendMessage({
    ctx: { actor: marcus },
    input: {
      conversationId: mayaChat,
      body: 'Love the pitch, Maya. We countered at $1,300 for two Reels and a Story set — happy to talk usage rights.',
    },
  });

  // Pending: a brand offer Priya has not answered.
  await sendOffer({
    ctx: { actor: olivia },
    input: {
      orgSlug: nw.slug,
      campaignId: autumn,
      influencerId: priya.influencerId!,
      terms: {
        fee: '600',
        dueOn: '2026-12-10',
        deliverables: [{ title: 'TikTok: first hike in the Trail jacket', platform: 'tiktok', dueOn: '2026-12-06' }],
      },
    },
  });

  // Rejected: an application that did not fit.
  const r29Offer = await applyToCampaign({
    ctx: { actor: r29Actor },
    input: {
      campaignId: autumn,
      pitch: 'Our audience loves autumn fashion; a styling video with the Trail jacket would reach millions.',
      fee: '15,000',
    },
  });
  await respondToOffer({
    ctx: { actor: marcus },
    input: {
      offerId: r29Offer.id,
      roundNumber: 1,
      response: { action: 'reject', reason: 'We are looking for outdoor creators for this line.' },
    },
  });

  // Withdrawn: an early offer for the holiday guide.
  const holidayOffer = await sendOffer({
    ctx: { actor: olivia },
    input: {
      orgSlug: nw.slug,
      campaignId: holiday,
      influencerId: maya.influencers.id,
      terms: { fee: '900', deliverables: [{ title: 'Gift guide carousel', platform: 'instagram', dueOn: '2026-12-15' }] },
    },
  });
  await withdrawOffer({ ctx: { actor: olivia }, input: { offerId: holidayOffer.id } });

  const finn = await actorOf(db, 'finn@fans.example');
  await followInfluencer({ ctx: { actor: finn }, input: { influencerId: casey.influencerId! } });
  await confirmedSignUp(db, { role: 'fan', name: 'Nora Lind', email: 'nora@fans.example', password });
  const nora = await actorOf(db, 'nora@fans.example');
  for (const influencerId of [maya.influencers.id, casey.influencerId!, priya.influencerId!])
    await followInfluencer({ ctx: { actor: nora }, input: { influencerId } });
}
