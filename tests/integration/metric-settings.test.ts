import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { auditLog, campaigns, collaborations, organizations } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { getInfluencerAnalytics } from '@/lib/analytics/get-influencer-analytics';
import { listRoster } from '@/lib/analytics/list-roster';
import { createCampaign as createCampaignVerb } from '@/lib/campaigns/create-campaign';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { linkPostToCampaign } from '@/lib/campaigns/link-post-to-campaign';
import { systemCtx } from '@/lib/context';
import { importFile } from '@/lib/imports/import-file';
import { DEFAULT_EMV_VALUES } from '@/lib/metrics/emv';
import { updateMetricSettings } from '@/lib/orgs/update-metric-settings';
import { refreshInfluencerMetrics } from '@/lib/rollups/refresh-influencer-metrics';
import { createCampaign, createOrg, ctxOf } from '../factories';
import { latestPerVideo, YOUTUBE, youtubeRows } from '../youtube-file';

const youtubeMapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));
const videos = latestPerVideo(youtubeRows());
let brand: Awaited<ReturnType<typeof createOrg>>;
let channel: string;
let influencerId: string;
let campaignId: string;

beforeAll(async () => {
  brand = await createOrg();
  await importFile({ ctx: systemCtx('test'), input: { orgSlug: brand.org.slug, filePath: YOUTUBE, mapping: youtubeMapping } });
  // The channel with the most videos in the file.
  const counts = new Map<string, number>();
  for (const v of videos) counts.set(v.channel, (counts.get(v.channel) ?? 0) + 1);
  channel = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  const roster = await listRoster({
    ctx: ctxOf(brand.owner),
    input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } },
  });
  influencerId = roster.rows.find((r) => r.accounts.some((a) => a.handle === channel))!.influencerId;
  const campaign = await createCampaign({ orgId: brand.org.id, name: 'EMV check', currency: 'USD' });
  campaignId = campaign.id;
  const db = await getDb();
  await db.insert(collaborations).values({ campaignId, influencerId, agreedFeeMinor: 100_000, currency: 'USD' });
  const page = await getInfluencerAnalytics({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, influencerId } });
  for (const p of page.posts)
    await linkPostToCampaign({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId, postId: p.postId } });
}, 120_000);

const report = () => getCampaignReport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, campaignId } });
const blankForm = { emv_impressions: '', emv_views: '', emv_likes: '', emv_comments: '', emv_shares: '', emv_saves: '', emv_clicks: '' };

describe('metric settings', () => {
  it("changes the campaign's EMV to Σ count × the organization's values, and back to the defaults when blanked", async () => {
    const mine = videos.filter((v) => v.channel === channel);
    const views = mine.reduce((s, v) => s + v.views, 0);
    const likes = mine.reduce((s, v) => s + v.likes, 0);
    const comments = mine.reduce((s, v) => s + v.comments, 0);
    // The YouTube file has views, likes and comments; nothing else counts.
    const before = await report();
    expect(before.emvSettings.custom).toBe(false);
    expect(before.metrics.emv.value).toBeCloseTo(views * DEFAULT_EMV_VALUES.views + likes * DEFAULT_EMV_VALUES.likes + comments * 40, 6);

    await updateMetricSettings({
      ctx: ctxOf(brand.manager),
      input: { orgId: brand.org.id, ...blankForm, emv_views: '0,5', emv_likes: '3', emv_comments: '25' },
    });
    const after = await report();
    expect(after.emvSettings.custom).toBe(true);
    expect(after.emvSettings.values).toEqual({ ...DEFAULT_EMV_VALUES, views: 0.5, likes: 3, comments: 25 });
    expect(after.emvSettings.updatedAt).toBeInstanceOf(Date);
    expect(after.metrics.emv.value).toBeCloseTo(views * 0.5 + likes * 3 + comments * 25, 6);
    expect(after.metrics.emv.missing).toEqual(['impressions', 'shares', 'saves', 'clicks']);

    const db = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, brand.org.id), eq(auditLog.action, 'organization.metric_settings_updated')))
      .orderBy(auditLog.id);
    expect(entry.after).toMatchObject({ emvValues: { views: 0.5, likes: 3, comments: 25 } });

    await updateMetricSettings({ ctx: ctxOf(brand.owner), input: { orgId: brand.org.id, ...blankForm } });
    const reset = await report();
    expect(reset.emvSettings.custom).toBe(false);
    expect(reset.metrics.emv.value).toBe(before.metrics.emv.value);
  });

  it('refuses a viewer and another organization, and names each bad field without saving anything', async () => {
    const other = await createOrg();
    await expect(updateMetricSettings({ ctx: ctxOf(brand.viewer), input: { orgId: brand.org.id, emv_likes: '1' } })).rejects.toThrow(
      /Viewers can read but not change/,
    );
    await expect(updateMetricSettings({ ctx: ctxOf(other.owner), input: { orgId: brand.org.id, emv_likes: '1' } })).rejects.toThrow(
      /Organization not found/,
    );
    const bad = updateMetricSettings({
      ctx: ctxOf(brand.manager),
      input: { orgId: brand.org.id, emv_likes: '-2', tier_micro: '900', attributionWindowDays: '400', reportingCurrency: 'XYZ' },
    });
    await expect(bad).rejects.toMatchObject({
      fieldErrors: {
        emv_likes: 'Enter a value like 8 or 0.5 (minor units per action)',
        tier_micro: 'Must be above nano’s 1,000',
        attributionWindowDays: 'At most 365 days',
        reportingCurrency: 'Use a 3-letter ISO currency code, e.g. USD',
      },
    });
    const db = await getDb();
    const [row] = await db.select().from(organizations).where(eq(organizations.id, brand.org.id));
    expect(row.emvValues).toBeNull();
    expect(row.tierThresholds).toBeNull();
  });

  it('puts an influencer in the tier of the thresholds set, and new campaigns take the window and currency', async () => {
    const row = async () =>
      (
        await listRoster({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } } })
      ).rows.find((r) => r.influencerId === influencerId)!;
    await updateMetricSettings({
      ctx: ctxOf(brand.manager),
      input: { orgId: brand.org.id, attributionWindowDays: '14', reportingCurrency: 'eur' },
    });
    const { id } = await createCampaignVerb({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaign: { name: 'Window' } },
    });
    const db = await getDb();
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(c.attributionWindowDays).toBe(14);
    expect(c.currency).toBe('EUR');

    // YouTube trending rows carry no subscriber count: no followers, no tier.
    expect((await row()).tier).toBeNull();
    // With 40,000 followers (as a subscriber count would give): micro by default (10k–50k)…
    await db.execute(sql`update influencer_metrics set followers = 40000
      where owner_org_id = ${brand.org.id}::uuid and influencer_id = ${influencerId}::uuid`);
    expect((await row()).tier).toBe('micro');
    // …mid once mid starts at 30,000; the tier filter agrees.
    await updateMetricSettings({ ctx: ctxOf(brand.manager), input: { orgId: brand.org.id, tier_mid: '30,000' } });
    expect((await row()).tier).toBe('mid');
    const mids = await listRoster({
      ctx: ctxOf(brand.owner),
      input: { orgSlug: brand.org.slug, query: { tier: 'mid', platform: 'youtube' } },
    });
    expect(mids.rows.map((r) => r.influencerId)).toEqual([influencerId]);
    await updateMetricSettings({ ctx: ctxOf(brand.manager), input: { orgId: brand.org.id } });
    expect((await row()).tier).toBe('micro');
  });

  it('shows the engagement rate by views first on the roster once the organization prefers views', async () => {
    const db = await getDb();
    // A follower-based rate for the channel's account, as a subscriber count would give it.
    await db.execute(sql`update account_metrics set engagement_rate_by_followers = 0.0425
      where owner_org_id = ${brand.org.id}::uuid and influencer_id = ${influencerId}::uuid`);
    await refreshInfluencerMetrics(db, { ownerOrgId: brand.org.id, influencerIds: [influencerId] });
    const [{ er_views }] = rowsOf<{ er_views: number }>(
      await db.execute(sql`select engagement_rate_by_views as er_views from account_metrics
        where owner_org_id = ${brand.org.id}::uuid and influencer_id = ${influencerId}::uuid`),
    );
    const row = async () =>
      (
        await listRoster({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query: { q: channel, platform: 'youtube' } } })
      ).rows.find((r) => r.influencerId === influencerId)!;
    expect(await row()).toMatchObject({ engagementRate: 0.0425, engagementRateBasis: 'followers' });
    await updateMetricSettings({ ctx: ctxOf(brand.manager), input: { orgId: brand.org.id, engagementRateBasis: 'views' } });
    const mine = videos.filter((v) => v.channel === channel).map((v) => (v.likes + v.comments) / v.views);
    const sorted = [...mine].sort((a, b) => a - b);
    const m = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    expect(er_views).toBeCloseTo(median, 12);
    const byViews = await row();
    expect(byViews.engagementRateBasis).toBe('views');
    expect(byViews.engagementRate).toBeCloseTo(median, 12);
    await updateMetricSettings({ ctx: ctxOf(brand.manager), input: { orgId: brand.org.id, engagementRateBasis: '' } });
    expect(await row()).toMatchObject({ engagementRate: 0.0425, engagementRateBasis: 'followers' });
  });
});
