import { eq } from 'drizzle-orm';
import type { Db } from '../connect';
import { campaigns, follows, influencers, organizations, users } from '../schema';
import { createAdmin } from '@/lib/accounts/create-admin';
import { signUp } from '@/lib/accounts/sign-up';
import { inviteMember } from '@/lib/orgs/invite-member';
import { acceptInvitationAsNewUser } from '@/lib/orgs/accept-invitation';
import { listOutbox } from '@/lib/email/list-outbox';
import { importFile } from '@/lib/imports/import-file';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '@/lib/context';

/** Every demo account signs in with this password (printed by `npm run dev`). */
export const DEMO_PASSWORD = 'reachboard-demo';

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@reachboard.example', note: 'platform admin' },
  { role: 'brand owner', email: 'olivia@northwind.example', note: 'Northwind Outfitters (approved)' },
  { role: 'brand manager', email: 'marcus@northwind.example', note: 'Northwind Outfitters' },
  { role: 'brand viewer', email: 'vera@northwind.example', note: 'Northwind Outfitters, read-only' },
  { role: 'brand owner', email: 'sam@globex.example', note: 'Globex Beauty (awaiting approval)' },
  { role: 'influencer', email: 'maya@creators.example', note: 'Maya Okafor, outdoors creator' },
  { role: 'fan', email: 'finn@fans.example', note: 'follows Maya' },
] as const;

const system = { actor: null, system: true } as const;

async function actor(db: Db, email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return { userId: u.id, role: u.role, email: u.email, name: u.name };
}

/** Invites `email` into `orgId` as `role` and accepts through the emailed link, as a teammate would. */
async function addTeammate(db: Db, owner: Actor, orgId: string, email: string, name: string, role: 'manager' | 'viewer') {
  await inviteMember({ ctx: { actor: owner }, input: { orgId, email, role } });
  const [mail] = await listOutbox({ ctx: system, input: { to: email } });
  const token = decodeURIComponent(mail.text.match(/\/invitations\/([^\s]+)/)![1]);
  await acceptInvitationAsNewUser({ ctx: system, input: { token, name, password: DEMO_PASSWORD } });
}

/**
 * Loads the demo: an admin, an approved brand with owner/manager/viewer and campaigns, a brand
 * awaiting approval, an influencer and a fan. Accounts are created through the product's own verbs.
 * Metrics come from real platform exports (db/seed/data, see SOURCE.md) imported into Northwind
 * through the same importer users run, with the mappings in db/seed/mappings.
 */
export async function seedDemo(db: Db): Promise<void> {
  await createAdmin({ ctx: system, input: { email: 'admin@reachboard.example', name: 'Ada Admin', password: DEMO_PASSWORD } });
  const admin = await actor(db, 'admin@reachboard.example');

  const northwind = await signUp({
    ctx: system,
    input: {
      role: 'brand',
      name: 'Olivia Hart',
      email: 'olivia@northwind.example',
      password: DEMO_PASSWORD,
      organizationName: 'Northwind Outfitters',
    },
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

  const globex = await signUp({
    ctx: system,
    input: { role: 'brand', name: 'Sam Rivera', email: 'sam@globex.example', password: DEMO_PASSWORD, organizationName: 'Globex Beauty' },
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

  const maya = await signUp({
    ctx: system,
    input: {
      role: 'influencer',
      name: 'Maya Okafor',
      email: 'maya@creators.example',
      password: DEMO_PASSWORD,
      category: 'Outdoors',
      platform: 'instagram',
      handle: 'maya.outdoors',
    },
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
    await importFile({
      ctx: { actor: marcus },
      input: {
        orgSlug: nw.slug,
        filePath: path.join(seedDir, 'data', file),
        mapping: JSON.parse(fs.readFileSync(path.join(seedDir, 'mappings', mapping), 'utf8')),
      },
    });
  }

  const finn = await signUp({
    ctx: system,
    input: { role: 'fan', name: 'Finn Keller', email: 'finn@fans.example', password: DEMO_PASSWORD },
  });
  await db.insert(follows).values({ fanId: finn.userId, influencerId: maya.influencerId! });
}
