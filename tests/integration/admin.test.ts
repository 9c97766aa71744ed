import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { auditLog, campaigns, influencers, notifications, organizations, users } from '@/db/schema';
import { authenticate } from '@/lib/accounts/authenticate';
import { getPlatformInsights } from '@/lib/admin/get-platform-insights';
import { listRecentCampaigns, listUsers } from '@/lib/admin/list-admin-directory';
import { AUDIT_PAGE_SIZE, listAuditLog } from '@/lib/admin/list-audit-log';
import { adminDeleteCampaign, setCampaignFlag } from '@/lib/admin/moderate-campaign';
import { deleteUser, setUserFlag } from '@/lib/admin/moderate-user';
import { reviewBrand } from '@/lib/admin/review-brand';
import { getPublicCampaign, listPublicCampaigns } from '@/lib/campaigns/list-public-campaigns';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { followInfluencer } from '@/lib/follows/follow-influencer';
import {
  createCampaign,
  createInfluencerUser,
  createOrg,
  createUser,
  ctxOf,
  lastEmailTo,
  PASSWORD,
  signUpConfirmed,
  uniq,
} from '../factories';

let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  admin = await createUser('admin');
});

async function auditOf(targetId: string) {
  const db = await getDb();
  // In the order written (the identity id): without an order, Postgres may return them either way.
  return db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);
}

describe('brand approval', () => {
  it('approving makes the brand’s public campaigns visible to influencers; the owner is told', async () => {
    const brand = await createOrg();
    const c = await createCampaign({ orgId: brand.org.id, name: `Approval ${uniq()}`, status: 'active', visibility: 'public' });
    const creator = await createInfluencerUser();
    const visible = async () => (await listPublicCampaigns({ ctx: ctxOf(creator.user), input: {} })).campaigns.map((x) => x.id);
    expect(await visible()).not.toContain(c.id);
    await expect(reviewBrand({ ctx: ctxOf(brand.owner), input: { orgId: brand.org.id, decision: 'approve' } })).rejects.toThrow(
      ForbiddenError,
    );
    await reviewBrand({ ctx: ctxOf(admin), input: { orgId: brand.org.id, decision: 'approve' } });
    expect(await visible()).toContain(c.id);
    expect((await lastEmailTo(brand.owner.email))?.subject).toBe(`${brand.org.name} is approved on Reachboard`);
    const [entry] = await auditOf(brand.org.id);
    expect(entry).toMatchObject({
      actorId: admin.id,
      action: 'admin.brand_approved',
      before: { approvalStatus: 'pending' },
      after: { approvalStatus: 'approved' },
    });
    await expect(reviewBrand({ ctx: ctxOf(admin), input: { orgId: 'nope', decision: 'approve' } })).rejects.toThrow(NotFoundError);
  });
});

describe('users', () => {
  it('the directory lists brand users with their organizations', async () => {
    const brand = await createOrg();
    const { users: found } = await listUsers({ ctx: ctxOf(admin), input: { role: 'brand', q: brand.owner.email } });
    expect(found.map((u) => [u.id, u.organizations])).toEqual([[brand.owner.id, [brand.org.name]]]);
    await expect(listUsers({ ctx: ctxOf(brand.owner), input: {} })).rejects.toThrow(ForbiddenError);
  });

  it('a flagged user cannot sign in and is told why; unflagging restores access', async () => {
    const fan = await createUser('fan');
    await expect(setUserFlag({ ctx: ctxOf(fan), input: { userId: fan.id, flagged: true, reason: 'spam' } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(setUserFlag({ ctx: ctxOf(admin), input: { userId: fan.id, flagged: true, reason: '' } })).rejects.toThrow(
      'reason: Give a reason the user will read',
    );
    await expect(setUserFlag({ ctx: ctxOf(admin), input: { userId: admin.id, flagged: true, reason: 'oops' } })).rejects.toThrow(
      ForbiddenError,
    );
    await setUserFlag({ ctx: ctxOf(admin), input: { userId: fan.id, flagged: true, reason: 'Spam messages' } });
    await expect(authenticate({ ctx: ctxOf(null), input: { email: fan.email, password: PASSWORD } })).rejects.toThrow(/suspended/);
    const mail = await lastEmailTo(fan.email);
    expect(mail?.subject).toBe('Your Reachboard account is suspended');
    expect(mail?.text).toContain('Reason: Spam messages.');
    expect(
      (await listUsers({ ctx: ctxOf(admin), input: { role: 'fan', status: 'flagged', q: fan.email } })).users.map((u) => u.id),
    ).toEqual([fan.id]);
    await setUserFlag({ ctx: ctxOf(admin), input: { userId: fan.id, flagged: false } });
    await expect(authenticate({ ctx: ctxOf(null), input: { email: fan.email, password: PASSWORD } })).resolves.toMatchObject({
      userId: fan.id,
    });
    expect((await auditOf(fan.id)).map((a) => a.action)).toEqual(['admin.user_flagged', 'admin.user_unflagged']);
  });

  it('deleting an influencer removes the account and their creator workspace; brands keep the profile unclaimed', async () => {
    const email = `del-${uniq()}@test.example`;
    const signed = await signUpConfirmed({
      role: 'influencer',
      name: 'Del Eted',
      email,
      password: PASSWORD,
      platform: 'youtube',
      handle: `del${uniq()}`,
    });
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    await expect(deleteUser({ ctx: ctxOf(await createUser('brand')), input: { userId: user.id } })).rejects.toThrow(ForbiddenError);
    await deleteUser({ ctx: ctxOf(admin), input: { userId: user.id } });
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await db.select().from(organizations).where(eq(organizations.slug, signed.orgSlug!))).toEqual([]);
    const [profile] = await db.select().from(influencers).where(eq(influencers.id, signed.influencerId!));
    expect(profile.userId).toBeNull();
    expect((await lastEmailTo(email))?.subject).toBe('Your Reachboard account was deleted');
    expect((await auditOf(user.id)).find((a) => a.action === 'admin.user_deleted')).toMatchObject({
      actorId: admin.id,
      before: { email, role: 'influencer' },
    });
  });
});

describe('campaigns', () => {
  it('a flagged campaign leaves public lists; the managers are told in-app and by email; delete removes it', async () => {
    const brand = await createOrg({ approved: true });
    const db = await getDb();
    const c = await createCampaign({ orgId: brand.org.id, name: `Flag ${uniq()}`, status: 'active', visibility: 'public' });
    const creator = await createInfluencerUser();
    const visible = async () => (await listPublicCampaigns({ ctx: ctxOf(creator.user), input: {} })).campaigns.map((x) => x.id);
    expect(await visible()).toContain(c.id);
    await expect(setCampaignFlag({ ctx: ctxOf(brand.owner), input: { campaignId: c.id, flagged: true, reason: 'x' } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(setCampaignFlag({ ctx: ctxOf(admin), input: { campaignId: c.id, flagged: true } })).rejects.toThrow(
      'reason: Give a reason the brand will read',
    );
    await expect(adminDeleteCampaign({ ctx: ctxOf(brand.owner), input: { campaignId: c.id } })).rejects.toThrow(ForbiddenError);
    await setCampaignFlag({ ctx: ctxOf(admin), input: { campaignId: c.id, flagged: true, reason: 'Misleading brief.' } });
    expect(await visible()).not.toContain(c.id);
    // The admin can still open it (it was a 404), and reads why influencers cannot; influencers cannot.
    await expect(getPublicCampaign({ ctx: ctxOf(admin), input: { campaignId: c.id } })).resolves.toMatchObject({
      id: c.id,
      hiddenBecause: ['flagged by an admin'],
    });
    await expect(getPublicCampaign({ ctx: ctxOf(creator.user), input: { campaignId: c.id } })).rejects.toThrow(NotFoundError);
    expect((await listRecentCampaigns({ ctx: ctxOf(admin), input: undefined })).find((r) => r.id === c.id)?.flagged).toBe(true);
    const notes = await db.select().from(notifications).where(eq(notifications.kind, 'admin_action'));
    expect(
      notes
        .filter((n) => n.url === `/o/${brand.org.slug}/campaigns/${c.id}`)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([brand.owner.id, brand.manager.id].sort());
    // A reason written as a sentence keeps its one full stop (it read "Misleading brief..").
    expect((await lastEmailTo(brand.manager.email))?.text).toContain('Reason: Misleading brief. It is hidden from influencers');
    await adminDeleteCampaign({ ctx: ctxOf(admin), input: { campaignId: c.id } });
    expect(await db.select().from(campaigns).where(eq(campaigns.id, c.id))).toEqual([]);
    expect((await auditOf(c.id)).map((a) => a.action)).toEqual(['admin.campaign_flagged', 'admin.campaign_deleted']);
  });

  it('insights count the platform by flag, visibility, role, collaboration status and fans', async () => {
    const creator = await createInfluencerUser();
    const fans = await Promise.all([createUser('fan'), createUser('fan'), createUser('fan')]);
    for (const f of fans) await followInfluencer({ ctx: ctxOf(f), input: { influencerId: creator.profile.id } });
    const insights = await getPlatformInsights({ ctx: ctxOf(admin), input: undefined });
    const db = await getDb();
    const allCampaigns = await db.select().from(campaigns);
    expect(insights.campaignsByFlag).toEqual([
      { name: 'Not flagged', campaigns: allCampaigns.filter((c) => !c.flagged).length },
      { name: 'Flagged', campaigns: allCampaigns.filter((c) => c.flagged).length },
    ]);
    const allUsers = await db.select({ role: users.role, createdAt: users.createdAt }).from(users);
    expect(insights.usersByRole.find((r) => r.name === 'Fans')?.users).toBe(allUsers.filter((u) => u.role === 'fan').length);
    expect(insights.fansPerInfluencer.find((r) => r.name === creator.profile.displayName)?.fans).toBe(3);
    // Week by week: 12 Monday-starting weeks ending with this one; this week's sign-ups counted from the users table.
    expect(insights.weekly).toHaveLength(12);
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const thisWeek = insights.weekly.at(-1)!;
    expect(thisWeek.week).toBe(monday.toISOString().slice(0, 10));
    expect(thisWeek.signUps).toBe(allUsers.filter((u) => u.createdAt >= monday).length);
    expect(thisWeek.campaigns).toBe(allCampaigns.filter((c) => c.createdAt >= monday).length);
    await expect(getPlatformInsights({ ctx: ctxOf(fans[0]), input: undefined })).rejects.toThrow(ForbiddenError);
  });
});

describe('audit log', () => {
  it('shows admins every change in words, by family of actions, a page at a time; nobody else', async () => {
    const fan = await createUser('fan');
    await setUserFlag({ ctx: ctxOf(admin), input: { userId: fan.id, flagged: true, reason: 'Spam' } });
    const moderation = await listAuditLog({ ctx: ctxOf(admin), input: { action: 'admin.' } });
    expect(moderation.entries.every((e) => e.action.startsWith('admin.'))).toBe(true);
    expect(moderation.entries[0]).toMatchObject({
      action: 'admin.user_flagged',
      label: 'flagged a user',
      actorEmail: admin.email,
      targetType: 'user',
      targetId: fan.id,
    });
    // Keyset pages: the second page starts below the first's last entry, without overlap.
    const db = await getDb();
    await db.insert(auditLog).values(
      Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
        actorId: admin.id,
        action: 'user.profile_updated',
        targetType: 'user',
        targetId: `page-${i}`,
      })),
    );
    const first = await listAuditLog({ ctx: ctxOf(admin), input: { action: 'user.profile_updated' } });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({ label: 'updated their profile' });
    const second = await listAuditLog({ ctx: ctxOf(admin), input: { action: 'user.profile_updated', before: first.nextBefore! } });
    expect(second.entries[0].id).toBeLessThan(first.entries.at(-1)!.id);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(first.entries.length + second.entries.length);
    await expect(listAuditLog({ ctx: ctxOf(admin), input: { action: 'drop table' } })).rejects.toThrow('Not an action Reachboard records');
    await expect(listAuditLog({ ctx: ctxOf(admin), input: { action: 'constructor' } })).rejects.toThrow('Not an action Reachboard records');
    const brand = await createOrg();
    await expect(listAuditLog({ ctx: ctxOf(brand.owner), input: {} })).rejects.toThrow(ForbiddenError);
  });
});
