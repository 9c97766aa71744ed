import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { campaigns, follows, orgInfluencers, influencers } from '@/db/schema';
import { getAdminHome } from '@/lib/home/get-admin-home';
import { getFanHome } from '@/lib/home/get-fan-home';
import { getInfluencerHome } from '@/lib/home/get-influencer-home';
import { getOrgHome } from '@/lib/home/get-org-home';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { createInfluencerUser, createOrg, createUser, ctxOf } from '../factories';

describe('role homes show real data and only to their role', () => {
  it('a brand home counts its own campaigns and roster, not another org’s', async () => {
    const db = await getDb();
    const mine = await createOrg({ approved: true });
    const other = await createOrg();
    const { profile } = await createInfluencerUser();
    await db.insert(campaigns).values([
      { orgId: mine.org.id, name: 'Mine active', status: 'active', budgetMinor: 100_00 },
      { orgId: mine.org.id, name: 'Mine draft' },
      { orgId: other.org.id, name: 'Theirs', status: 'active' },
    ]);
    await db.insert(orgInfluencers).values({ orgId: mine.org.id, influencerId: profile.id, source: 'manual' });
    const home = await getOrgHome({ ctx: ctxOf(mine.viewer), input: { slug: mine.org.slug } });
    expect(home.counts).toEqual({ campaigns: 2, activeCampaigns: 1, influencers: 1, posts: 0, members: 3, imports: 0 });
    expect(home.recentCampaigns.map((c) => c.name).sort()).toEqual(['Mine active', 'Mine draft']);
  });

  it('an influencer sees fans, and public campaigns of approved brands only', async () => {
    const db = await getDb();
    const { user, profile } = await createInfluencerUser();
    const fan = await createUser('fan');
    await db.insert(follows).values({ fanId: fan.id, influencerId: profile.id });
    const before = (await getInfluencerHome({ ctx: ctxOf(user), input: undefined })).counts.publicCampaigns;
    const approved = await createOrg({ approved: true });
    const pending = await createOrg();
    await db.insert(campaigns).values([
      { orgId: approved.org.id, name: 'Visible', status: 'active', visibility: 'public' },
      { orgId: approved.org.id, name: 'Private', status: 'active', visibility: 'private' },
      { orgId: approved.org.id, name: 'Flagged', status: 'active', visibility: 'public', flagged: true },
      { orgId: pending.org.id, name: 'Unapproved brand', status: 'active', visibility: 'public' },
    ]);
    const home = await getInfluencerHome({ ctx: ctxOf(user), input: undefined });
    expect(home.counts.fans).toBe(1);
    expect(home.counts.publicCampaigns).toBe(before + 1);
    expect(home.accounts).toEqual([]);
  });

  it('a fan sees who they follow and popular claimed creators', async () => {
    const db = await getDb();
    const fan = await createUser('fan');
    const a = await createInfluencerUser();
    const b = await createInfluencerUser();
    await db.insert(influencers).values({ displayName: 'Tracked only, never shown to fans' });
    await db.insert(follows).values({ fanId: fan.id, influencerId: a.profile.id });
    // b is followed by others: popular, whatever other creators the shared database holds.
    for (const other of await Promise.all([createUser('fan'), createUser('fan'), createUser('fan')]))
      await db.insert(follows).values({ fanId: other.id, influencerId: b.profile.id });
    const home = await getFanHome({ ctx: ctxOf(fan), input: undefined });
    expect(home.following.map((f) => f.id)).toEqual([a.profile.id]);
    expect(home.popular.map((p) => p.id)).toContain(b.profile.id);
    expect(home.popular.map((p) => p.id)).not.toContain(a.profile.id);
    expect(home.popular.map((p) => p.displayName)).not.toContain('Tracked only, never shown to fans');
  });

  it('the admin home is for admins only and lists brands awaiting approval', async () => {
    const pending = await createOrg();
    const admin = await createUser('admin');
    const home = await getAdminHome({ ctx: ctxOf(admin), input: undefined });
    expect(home.pendingBrands.map((b) => b.id)).toContain(pending.org.id);
    expect(home.pendingBrands.find((b) => b.id === pending.org.id)?.ownerEmail).toBe(pending.owner.email);
    await expect(getAdminHome({ ctx: ctxOf(pending.owner), input: undefined })).rejects.toThrow(ForbiddenError);
    await expect(getAdminHome({ ctx: ctxOf(null), input: undefined })).rejects.toThrow(UnauthorizedError);
    await expect(getFanHome({ ctx: ctxOf(admin), input: undefined })).rejects.toThrow(ForbiddenError);
    await expect(getInfluencerHome({ ctx: ctxOf(pending.owner), input: undefined })).rejects.toThrow(ForbiddenError);
  });
});
