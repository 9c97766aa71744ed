import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../sql';
import { campaigns, collaborations, conversions, emailOutbox, follows, influencers, organizations, users } from '../schema';
import { createAdmin } from '@/lib/accounts/create-admin';
import { confirmedSignUp } from './confirmed-sign-up';
import { inviteMember } from '@/lib/orgs/invite-member';
import { acceptInvitationAsNewUser } from '@/lib/orgs/accept-invitation';
import { importFile } from '@/lib/imports/import-file';
import { decideClaim } from '@/lib/claims/decide-claim';
import { listMyClaims } from '@/lib/claims/list-my-claims';
import { requestClaimReview } from '@/lib/claims/request-claim-review';
import { proposeKeywordLinks } from '@/lib/campaigns/internal';
import { addBenchmarkAccount } from '@/lib/analytics/benchmarks';
import fs from 'node:fs';
import path from 'node:path';
import { type UserActor, userActor } from '@/lib/context';
import { seedMarketplace } from './marketplace';
import { seedAttribution } from './attribution';
import { systemCtx } from '@/lib/context';

/** Every demo account signs in with this password (printed by `npm run dev`). */
export const DEMO_PASSWORD = 'reachboard-demo';

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@reachboard.example', note: 'platform admin' },
  { role: 'brand owner', email: 'olivia@northwind.example', note: 'Northwind Outfitters (approved)' },
  { role: 'brand manager', email: 'marcus@northwind.example', note: 'Northwind Outfitters' },
  { role: 'brand viewer', email: 'vera@northwind.example', note: 'Northwind Outfitters, read-only' },
  { role: 'brand owner', email: 'sam@globex.example', note: 'Globex Beauty (awaiting approval)' },
  { role: 'influencer', email: 'maya@creators.example', note: 'Maya Okafor, outdoors creator' },
  { role: 'influencer', email: 'r29@creators.example', note: 'Refinery29 (YouTube), creator analytics with the export imported' },
  { role: 'influencer', email: 'casey@creators.example', note: 'Casey Neistat (YouTube), collaborating on Autumn Trail' },
  { role: 'influencer', email: 'priya@creators.example', note: 'Priya Shah (TikTok), an offer waiting' },
  { role: 'fan', email: 'finn@fans.example', note: 'follows Maya and Casey' },
] as const;

const system = systemCtx('seed');

async function actor(db: Db, email: string): Promise<UserActor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return userActor(u);
}

/**
 * A demo creator proves their claimed accounts the way a creator on a platform without a connector
 * does: they ask for a review, and the admin approves it from the queue. The claims are
 * illustrative (SOURCE.md); with `approve: false` the claim waits in the admin's queue.
 */
async function reviewDemoClaims(db: Db, admin: UserActor, email: string, approve = true) {
  const creator = await actor(db, email);
  for (const claim of await listMyClaims({ ctx: { actor: creator }, input: undefined })) {
    await requestClaimReview({
      ctx: { actor: creator },
      input: { claimId: claim.id, evidence: 'Demo data: the code is in the first line of the bio (illustrative, see SOURCE.md).' },
    });
    if (approve) await decideClaim({ ctx: { actor: admin }, input: { claimId: claim.id, decision: 'approve' } });
  }
}

/** Invites `email` into `orgId` as `role` and accepts through the emailed link, as a teammate would. */
async function addTeammate(db: Db, owner: UserActor, orgId: string, email: string, name: string, role: 'manager' | 'viewer') {
  await inviteMember({ ctx: { actor: owner }, input: { orgId, email, role } });
  const text = await latestEmailText(db, email, 'invitation');
  const token = decodeURIComponent(text!.match(/\/invitations\/([^\s]+)/)![1]);
  await acceptInvitationAsNewUser({ ctx: system, input: { token, name, password: DEMO_PASSWORD } });
}

/**
 * Loads the demo: an admin, an approved brand with owner/manager/viewer and campaigns, a brand
 * awaiting approval, an influencer and a fan. Accounts are created through the product's own verbs.
 * Metrics come from real platform exports (db/seed/data, see SOURCE.md) imported into Northwind
 * through the same importer users run, with the mappings in db/seed/mappings.
 */
export async function seedDemo(db: Db, progress: (step: string) => void = () => {}): Promise<void> {
  progress('accounts, the Northwind and Globex teams, campaigns');
  await createAdmin({ ctx: system, input: { email: 'admin@reachboard.example', name: 'Ada Admin', password: DEMO_PASSWORD } });
  const admin = await actor(db, 'admin@reachboard.example');

  const northwind = await confirmedSignUp(db, {
    role: 'brand',
    name: 'Olivia Hart',
    email: 'olivia@northwind.example',
    password: DEMO_PASSWORD,
    organizationName: 'Northwind Outfitters',
  });
  const [nw] = await db
    .update(organizations)
    .set({ approvalStatus: 'approved', approvedAt: new Date(), approvedBy: admin.userId, website: 'https://northwind.example' })
    .where(eq(organizations.slug, northwind.orgSlug!))
    .returning();
  const olivia = await actor(db, 'olivia@northwind.example');
  await addTeammate(db, olivia, nw.id, 'marcus@northwind.example', 'Marcus Webb', 'manager');
  await addTeammate(db, olivia, nw.id, 'vera@northwind.example', 'Vera Lindqvist', 'viewer');
  await inviteMember({ ctx: { actor: olivia }, input: { orgId: nw.id, email: 'jordan@northwind.example', role: 'viewer' } });
  const marcus = await actor(db, 'marcus@northwind.example');

  await db.insert(campaigns).values([
    {
      orgId: nw.id,
      name: 'Autumn Trail Collection',
      description: 'Launch of the autumn hiking line with outdoor creators in North America.',
      brief: 'One Reel or video per creator wearing the Trail jacket on a real hike; mention #northwindtrail and the tracking link.',
      budgetMinor: 2_500_000,
      currency: 'USD',
      startsOn: '2026-10-01',
      endsOn: '2026-12-15',
      visibility: 'public',
      status: 'active',
      category: 'Outdoors',
      goals: { views: 2_000_000, engagements: 120_000, conversions: 1_500 },
      trackingKeywords: ['#northwindtrail'],
      maxInfluencers: 8,
      createdBy: olivia.userId,
    },
    {
      orgId: nw.id,
      name: 'Holiday Gift Guide 2026',
      description: 'Gift-guide features across YouTube and Instagram for the holiday season.',
      budgetMinor: 4_000_000,
      currency: 'USD',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      visibility: 'private',
      status: 'draft',
      category: 'Lifestyle',
      goals: { impressions: 5_000_000, clicks: 40_000 },
      maxInfluencers: 12,
      createdBy: olivia.userId,
    },
    {
      orgId: nw.id,
      name: 'Summer Camp Essentials',
      description: 'Camping gear round-ups for the summer season.',
      budgetMinor: 1_800_000,
      currency: 'USD',
      startsOn: '2026-06-01',
      endsOn: '2026-08-31',
      visibility: 'public',
      status: 'completed',
      category: 'Outdoors',
      goals: { views: 1_000_000 },
      maxInfluencers: 5,
      createdBy: olivia.userId,
    },
  ]);

  const globex = await confirmedSignUp(db, {
    role: 'brand',
    name: 'Sam Rivera',
    email: 'sam@globex.example',
    password: DEMO_PASSWORD,
    organizationName: 'Globex Beauty',
  });
  const [gx] = await db.select().from(organizations).where(eq(organizations.slug, globex.orgSlug!));
  await db.insert(campaigns).values({
    orgId: gx.id,
    name: 'Glow Serum Launch',
    description: 'Skincare routine videos featuring the new Glow serum.',
    budgetMinor: 1_200_000,
    currency: 'EUR',
    startsOn: '2027-01-15',
    endsOn: '2027-03-01',
    visibility: 'public',
    status: 'draft',
    category: 'Beauty',
    goals: { engagements: 50_000 },
    createdBy: (await actor(db, 'sam@globex.example')).userId,
  });

  const maya = await confirmedSignUp(db, {
    role: 'influencer',
    name: 'Maya Okafor',
    email: 'maya@creators.example',
    password: DEMO_PASSWORD,
    category: 'Outdoors',
    platform: 'instagram',
    handle: 'maya.outdoors',
  });
  await db
    .update(influencers)
    .set({
      country: 'Canada',
      bio: 'Trail runner and hiker sharing routes, gear tests and safety tips from the Canadian Rockies.',
      rateMinor: 120_000,
      rateCurrency: 'USD',
    })
    .where(eq(influencers.id, maya.influencerId!));

  const seedDir = path.join(process.cwd(), 'db', 'seed');
  for (const [file, mapping] of [
    ['youtube-trending-us-2017-09.csv', 'youtube-trending-us-2017.json'],
    ['instagram-top-influencers.csv', 'instagram-top-influencers.json'],
  ]) {
    progress(`importing ${file} through the importer`);
    await importFile({
      ctx: { actor: marcus },
      input: {
        orgSlug: nw.slug,
        filePath: path.join(seedDir, 'data', file),
        mapping: JSON.parse(fs.readFileSync(path.join(seedDir, 'mappings', mapping), 'utf8')),
      },
    });
  }

  progress('the pilot campaign, benchmarks and creator workspaces');
  await seedPilotCampaign(db, nw.id, olivia.userId, marcus.userId);
  // Rival accounts Northwind, an outdoor outfitter, watches on the Benchmarks page: outdoor and
  // sports brands from the imported files — three YouTube channels with videos in the default
  // period, and Nike's Instagram account, whose follower count was captured in 2022.
  const rivals: { platform: 'youtube' | 'instagram'; handle: string }[] = [{ platform: 'instagram', handle: 'nike' }];
  for (const title of ['GoPro', 'Columbia Sportswear', 'National Geographic'])
    rivals.push({ platform: 'youtube', handle: await youtubeHandle(db, title) });
  for (const { platform, handle } of rivals)
    await addBenchmarkAccount({ ctx: { actor: olivia }, input: { orgSlug: nw.slug, platform, handle, kind: 'competitor' } });

  await reviewDemoClaims(db, admin, 'maya@creators.example');
  await seedCreatorWorkspace(db, admin);

  progress('fans and the creator marketplace');
  const finn = await confirmedSignUp(db, { role: 'fan', name: 'Finn Keller', email: 'finn@fans.example', password: DEMO_PASSWORD });
  await db.insert(follows).values({ fanId: finn.userId, influencerId: maya.influencerId! });
  await seedMarketplace(db, DEMO_PASSWORD, {
    handleOf: (title) => youtubeHandle(db, title),
    reviewClaims: (email, approve) => reviewDemoClaims(db, admin, email, approve),
  });
  progress('tracking links, clicks and sales through the tracking API');
  await seedAttribution(db, nw.slug, nw.id, olivia, marcus);
}

/**
 * The text of the newest email of `kind` to `to`, read from the outbox table directly: the seed
 * never depends on the development mailbox being published.
 */
async function latestEmailText(db: Db, to: string, kind: string): Promise<string | undefined> {
  const [mail] = await db
    .select({ text: emailOutbox.text })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), eq(emailOutbox.kind, kind)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return mail?.text;
}

/**
 * A completed campaign over the dates of the YouTube export, so the campaign report has real
 * metrics: collaborations with the three channels that drew the most engagements (fees stated
 * here), their four most-engaged videos linked by hand, posts mentioning "back to school" proposed
 * by keyword for review, and tracked conversions (illustrative orders, stated in SOURCE.md).
 */
async function seedPilotCampaign(db: Db, orgId: string, ownerId: string, managerId: string) {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      orgId,
      name: 'Back to School Creator Pilot',
      description: 'Pilot with YouTube creators trending in the US during back-to-school season.',
      brief: 'One dedicated video or an integration in a trending upload; mention "back to school" and the tracking link.',
      budgetMinor: 3_000_000,
      currency: 'USD',
      startsOn: '2017-09-13',
      endsOn: '2017-10-11',
      visibility: 'private',
      status: 'completed',
      category: 'Lifestyle',
      goals: { views: 50_000_000, engagements: 2_000_000, conversions: 600, revenueMinor: 4_000_000 },
      trackingKeywords: ['back to school'],
      maxInfluencers: 3,
      createdBy: ownerId,
    })
    .returning();
  const top = rowsOf<{ influencer_id: string }>(
    await db.execute(sql`
      select sa.influencer_id from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
      where pm.owner_org_id = ${orgId}::uuid and sa.platform = 'youtube'
      group by sa.influencer_id order by sum(pm.engagements) desc nulls last, sa.influencer_id limit 3`),
  );
  const fees = [1_200_000, 900_000, 600_000];
  const orders = [260, 180, 95];
  for (const [n, { influencer_id }] of top.entries()) {
    await db
      .insert(collaborations)
      .values({ campaignId: campaign.id, influencerId: influencer_id, agreedFeeMinor: fees[n], currency: 'USD' });
    await db.execute(sql`
      insert into campaign_posts (campaign_id, post_id, source, status, linked_by)
      select ${campaign.id}::uuid, pm.post_id, 'manual', 'confirmed', ${managerId}::uuid
      from post_metrics pm join social_accounts sa on sa.id = pm.social_account_id
      where pm.owner_org_id = ${orgId}::uuid and sa.influencer_id = ${influencer_id}::uuid
      order by pm.engagements desc nulls last, pm.post_id limit 4
      on conflict (campaign_id, post_id) do nothing`);
    await db.insert(conversions).values(
      Array.from({ length: orders[n] }, (_, i) => ({
        orgId,
        campaignId: campaign.id,
        influencerId: influencer_id,
        externalId: `demo-pilot-${n + 1}-${i + 1}`,
        occurredAt: new Date(Date.UTC(2017, 8, 14) + ((i * 7 + n) % 27) * 86_400_000),
        revenueMinor: 4_500 + ((i * 37) % 40) * 100,
        currency: 'USD',
        provenance: 'manual' as const,
        attributedBy: 'manual' as const,
      })),
    );
  }
  await proposeKeywordLinks(db, orgId, campaign.id);
}

/** The handle the importer gave a YouTube channel of the trending export, by its title (the label Northwind's import gave it). */
async function youtubeHandle(db: Db, title: string): Promise<string> {
  const [row] = rowsOf<{ handle: string }>(
    await db.execute(sql`
      select sa.handle from social_accounts sa join org_influencers oi on oi.influencer_id = sa.influencer_id
      where sa.platform = 'youtube' and oi.display_name = ${title} limit 1`),
  );
  if (!row) throw new Error(`The YouTube export has no channel "${title}"`);
  return row.handle;
}

/**
 * A creator with analytics: the team of the "Refinery29" channel (in the YouTube export) signs
 * up claiming it, imports the same export into their creator workspace — their own videos and
 * the channels trending beside them — and benchmarks their channel against two lifestyle
 * channels. The claim is illustrative (SOURCE.md); the numbers are the export's.
 */
async function seedCreatorWorkspace(db: Db, admin: UserActor) {
  const handle = await youtubeHandle(db, 'Refinery29');
  const r29 = await confirmedSignUp(db, {
    role: 'influencer',
    name: 'Refinery29',
    email: 'r29@creators.example',
    password: DEMO_PASSWORD,
    category: 'Lifestyle',
    platform: 'youtube',
    handle,
  });
  await reviewDemoClaims(db, admin, 'r29@creators.example');
  const creator = await actor(db, 'r29@creators.example');
  const seedDir = path.join(process.cwd(), 'db', 'seed');
  await importFile({
    ctx: { actor: creator },
    input: {
      orgSlug: r29.orgSlug!,
      filePath: path.join(seedDir, 'data', 'youtube-trending-us-2017-09.csv'),
      mapping: JSON.parse(fs.readFileSync(path.join(seedDir, 'mappings', 'youtube-trending-us-2017.json'), 'utf8')),
    },
  });
  for (const [title, kind] of [
    ['Refinery29', 'own'],
    ['BuzzFeedVideo', 'competitor'],
    ['Vogue', 'competitor'],
  ] as const)
    await addBenchmarkAccount({
      ctx: { actor: creator },
      input: { orgSlug: r29.orgSlug!, platform: 'youtube', handle: await youtubeHandle(db, title), kind },
    });
}
