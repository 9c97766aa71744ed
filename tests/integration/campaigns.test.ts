import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { auditLog, campaigns, collaborations, users } from '@/db/schema';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { duplicateCampaign } from '@/lib/campaigns/duplicate-campaign';
import { setCampaignStatus } from '@/lib/campaigns/set-campaign-status';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { createInfluencerUser, createOrg, ctxOf, uniq, signUpConfirmed } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;

/** A campaign as the form posts it: strings, thousands separators, blanks. */
const form = {
  name: '  Spring Trail Launch ',
  description: 'Trail shoes for spring',
  brief: '',
  budget: '30,000.50',
  currency: 'eur',
  startsOn: '2026-03-01',
  endsOn: '2026-04-30',
  visibility: 'public',
  maxInfluencers: '5',
  goalViews: '2,000,000',
  goalEngagements: '80000',
  goalRevenue: '45000',
  goalClicks: '',
  trackingKeywords: '#SpringTrail, spring trail , #springtrail',
  taskProgressWeight: '40',
};

const campaignsOf = async (orgId: string) => {
  const db = await getDb();
  return db.select().from(campaigns).where(eq(campaigns.orgId, orgId));
};

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true })]);
});

describe('create campaign', () => {
  it('stores what the form says, in minor units and normalised, and audits it', async () => {
    const { id } = await createCampaign({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaign: form } });
    const [row] = (await campaignsOf(brand.org.id)).filter((c) => c.id === id);
    expect(row).toMatchObject({
      name: 'Spring Trail Launch',
      brief: null,
      budgetMinor: 3_000_050,
      currency: 'EUR',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      visibility: 'public',
      status: 'draft',
      maxInfluencers: 5,
      goals: { views: 2_000_000, engagements: 80_000, revenueMinor: 4_500_000 },
      trackingKeywords: ['#springtrail', 'spring trail'],
      taskProgressWeight: 0.4,
      createdBy: brand.manager.id,
    });
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'campaign.created')));
    expect(audit.actorId).toBe(brand.manager.id);
  });

  it('refuses a viewer, another organization and a creator workspace', async () => {
    const input = { orgSlug: brand.org.slug, campaign: form };
    await expect(createCampaign({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(/can read but not change/);
    await expect(createCampaign({ ctx: ctxOf(other.manager), input })).rejects.toThrow(/not found/i);
    const creator = await signUpConfirmed({
      role: 'influencer',
      name: 'Creator',
      email: `creator-${uniq()}@test.example`,
      password: 'correct horse battery staple',
    });
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.id, creator.userId));
    await expect(createCampaign({ ctx: ctxOf(user), input: { orgSlug: creator.orgSlug!, campaign: form } })).rejects.toThrow(
      /brand organizations, not creator workspaces/,
    );
  });

  it('names the bad field and writes nothing', async () => {
    const before = (await campaignsOf(other.org.id)).length;
    const attempt = (campaign: Record<string, string>) =>
      createCampaign({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, campaign: { ...form, ...campaign } } });
    await expect(attempt({ endsOn: '2026-02-01' })).rejects.toMatchObject({ fieldErrors: { endsOn: 'Ends before it starts' } });
    await expect(attempt({ currency: 'EURO' })).rejects.toThrow(/currency: Use a 3-letter ISO currency code/);
    await expect(attempt({ budget: '12.345' })).rejects.toThrow(/budget: Enter an amount/);
    await expect(attempt({ goalViews: '-5' })).rejects.toThrow(/goalViews: Must be more than 0/);
    await expect(attempt({ name: '   ' })).rejects.toThrow(/name: Give the campaign a name/);
    await expect(attempt({ startsOn: '2026-02-30' })).rejects.toThrow(/startsOn: Not a calendar date/);
    expect((await campaignsOf(other.org.id)).length).toBe(before);
  });
});

describe('campaign lifecycle', () => {
  it('edits, activates only with dates, completes, and then refuses edits', async () => {
    const ctx = ctxOf(brand.owner);
    const { id } = await createCampaign({
      ctx,
      input: { orgSlug: brand.org.slug, campaign: { name: 'Undated', budget: '1000' } },
    });
    await expect(setCampaignStatus({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, status: 'active' } })).rejects.toThrow(
      /start and end dates/,
    );
    await updateCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, campaign: { ...form, name: 'Dated' } } });
    await setCampaignStatus({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, status: 'active' } });
    await expect(setCampaignStatus({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, status: 'draft' } })).rejects.toThrow(
      /active campaign cannot become draft/,
    );
    await setCampaignStatus({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, status: 'completed' } });
    await expect(updateCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, campaign: form } })).rejects.toThrow(
      /completed; duplicate it/,
    );
    const [row] = (await campaignsOf(brand.org.id)).filter((c) => c.id === id);
    expect(row).toMatchObject({ name: 'Dated', status: 'completed', budgetMinor: 3_000_050 });
    // Another organization cannot even see it.
    await expect(
      setCampaignStatus({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, campaignId: id, status: 'cancelled' } }),
    ).rejects.toThrow(/Campaign not found/);
  });

  it('keeps the influencer cap at or above the collaborations, duplicates without them, deletes only without them', async () => {
    const ctx = ctxOf(brand.manager);
    const { id } = await createCampaign({ ctx, input: { orgSlug: brand.org.slug, campaign: form } });
    const db = await getDb();
    const [a, b] = await Promise.all([createInfluencerUser(), createInfluencerUser()]);
    await db.insert(collaborations).values([
      { campaignId: id, influencerId: a.profile.id, agreedFeeMinor: 100_000, currency: 'EUR' },
      { campaignId: id, influencerId: b.profile.id, agreedFeeMinor: 150_000, currency: 'EUR' },
    ]);
    await expect(
      updateCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: id, campaign: { ...form, maxInfluencers: '1' } } }),
    ).rejects.toThrow(/already has 2 collaborations/);

    const copy = await duplicateCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: id } });
    const [dup] = (await campaignsOf(brand.org.id)).filter((c) => c.id === copy.id);
    expect(dup).toMatchObject({ name: 'Copy of Spring Trail Launch', status: 'draft', budgetMinor: 3_000_050, maxInfluencers: 5 });
    const [{ n }] = await db.select({ n: count() }).from(collaborations).where(eq(collaborations.campaignId, copy.id));
    expect(n).toBe(0);

    await expect(deleteCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: id } })).rejects.toThrow(/cancel it instead/);
    await expect(deleteCampaign({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId: copy.id } })).rejects.toThrow(
      /can read but not change/,
    );
    await deleteCampaign({ ctx, input: { orgSlug: brand.org.slug, campaignId: copy.id } });
    expect((await campaignsOf(brand.org.id)).map((c) => c.id)).not.toContain(copy.id);
    expect((await campaignsOf(brand.org.id)).map((c) => c.id)).toContain(id);
  });
});
