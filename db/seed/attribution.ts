import { Server } from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../connect';
import { campaigns, collaborations, influencers, users } from '../schema';
import { authenticateApiKey } from '@/lib/api-keys/authenticate-api-key';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { createDiscountCode } from '@/lib/attribution/create-discount-code';
import { trackConversion } from '@/lib/attribution/track-conversion';
import { trackRefund } from '@/lib/attribution/track-refund';
import { installPeerAddressHeader } from '@/lib/auth/client-ip';
import type { UserActor } from '@/lib/context';
import { flushClicks } from '@/lib/links/click-writer';
import { createTrackingLinks } from '@/lib/links/create-tracking-links';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { answerVisit } from '@/lib/links/resolve-link';

const HOUR = 3_600_000;
const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
];
const REFERRERS = ['https://www.youtube.com/', 'https://l.instagram.com/', 'https://t.co/', ''];

/**
 * The Autumn Trail campaign's attribution, played through the product as a brand and its shop would
 * (db/seed/data/SOURCE.md): the manager creates a tracking link for every collaboration and a
 * discount code for Casey, the owner creates an API key, visitors follow the links (the redirect's
 * own code: `answerVisit`, with the click writer), and the shop's server sends leads, sales and a
 * refund through the tracking API's verbs with that key. Visitors, orders and amounts are
 * illustrative and deterministic (no randomness), dated in the 20 days before `now`.
 */
export async function seedAttribution(db: Db, orgSlug: string, orgId: string, owner: UserActor, manager: UserActor, now = new Date()) {
  // Visitors' addresses reach the click writer the way the server hands them over (lib/auth/client-ip.ts).
  installPeerAddressHeader(Server);
  const [autumn] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.name, 'Autumn Trail Collection')));
  const collaborators = await db
    .select({ influencerId: collaborations.influencerId })
    .from(collaborations)
    .where(eq(collaborations.campaignId, autumn.id));
  if (!collaborators.length) return;
  await createTrackingLinks({
    ctx: { actor: manager },
    input: { orgSlug, campaignId: autumn.id, destinationUrl: 'https://northwind.example/trail-jacket', expiresOn: '2027-01-15' },
  });
  const [casey] = await db
    .select({ id: influencers.id })
    .from(influencers)
    .innerJoin(users, eq(users.id, influencers.userId))
    .where(eq(users.email, 'casey@creators.example'));
  if (!collaborators.some((c) => c.influencerId === casey?.id)) throw new Error('The demo expects Casey to collaborate on Autumn Trail');
  await createDiscountCode({ ctx: { actor: manager }, input: { orgSlug, campaignId: autumn.id, influencerId: casey.id, code: 'CASEY15' } });
  const { key } = await createApiKey({ ctx: { actor: owner }, input: { orgSlug, name: 'Northwind shop (demo)' } });
  const shop = await authenticateApiKey(`Bearer ${key}`);

  const links = await listCampaignLinks({ ctx: { actor: manager }, input: { orgSlug, campaignId: autumn.id } });
  const clicks: { clickId: string; at: Date }[] = [];
  for (const link of links)
    for (let i = 0; i < 240; i++) {
      // Spread over 20 days; every fourth visit repeats the one before a few minutes later (same
      // visitor, same hour: one unique click); two visits in three from returning visitors.
      const slot = i - (i % 4 === 3 ? 1 : 0);
      const at = new Date(now.getTime() - ((slot * 7) % 480) * HOUR - (slot % 50) * 60_000 + (i % 4 === 3 ? 5 * 60_000 : 0));
      const visitor = slot % 3 === 2 ? 1_000 + slot : slot % 40;
      const answer = await answerVisit({
        key: link.key,
        at,
        header: (name) =>
          ({
            'user-agent': AGENTS[slot % AGENTS.length],
            'x-reachboard-peer-address': `198.51.100.${visitor % 250}`,
            'x-forwarded-for': undefined,
            referer: REFERRERS[i % REFERRERS.length] || undefined,
          })[name],
      });
      if (answer.status === 302) clicks.push({ clickId: answer.clickId, at });
    }
  // A link-preview bot, kept and never counted.
  await answerVisit({ key: links[0].key, header: (name) => (name === 'user-agent' ? 'facebookexternalhit/1.1' : undefined) });
  await flushClicks();

  // One order in twelve clicks, two hours after it; every fifth with Casey's code; amounts $39–$188.
  for (let i = 0; i < clicks.length; i += 12) {
    const { clickId, at } = clicks[i];
    const n = i / 12;
    await trackConversion({
      ctx: shop,
      input: {
        kind: 'sale',
        externalId: `NW-${10_400 + n}`,
        clickId,
        discountCode: n % 5 === 0 ? 'CASEY15' : undefined,
        amountMinor: 3_900 + ((n * 1_700) % 14_900),
        currency: 'USD',
        occurredAt: new Date(Math.min(at.getTime() + 2 * HOUR, now.getTime())).toISOString(),
      },
    });
  }
  await trackConversion({
    ctx: shop,
    input: { kind: 'lead', externalId: 'newsletter-2201', clickId: clicks[5].clickId, customerExternalId: 'cus_2201' },
  });
  await trackConversion({
    ctx: shop,
    input: { kind: 'sale', externalId: 'NW-10900', customerExternalId: 'cus_2201', amountMinor: 12_900, currency: 'USD' },
  });
  await trackConversion({ ctx: shop, input: { kind: 'sale', externalId: 'NW-10901', amountMinor: 5_400, currency: 'USD' } });
  await trackRefund({ ctx: shop, input: { externalId: 'RF-10401', saleExternalId: 'NW-10401' } });
}
