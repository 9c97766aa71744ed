import { InngestTestEngine } from '@inngest/test';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { campaignPosts, collaborations, emailOutbox, postMetrics } from '@/db/schema';
import { reportsWeeklyFunction } from '@/inngest/functions/reports-weekly';
import { getCampaignReport } from '@/lib/campaigns/get-campaign-report';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { NOTIFICATION_KINDS } from '@/lib/notifications/notify';
import { getEmailPreferences, updateEmailPreferences } from '@/lib/notifications/update-email-preferences';
import { emailCampaignReport, sendWeeklyReports } from '@/lib/reports/campaign-report-mail';
import { createCampaign, createOrg, ctxOf, uniq } from '../factories';
import { importYoutube } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
let campaignId: string;

/** A row of the text part's KPI table. */
const kpi = (label: string, now: string, change: string) =>
  new RegExp(`\\n${[label, now, change].map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' +')}\\n`);

async function mailsTo(email: string, kind: string) {
  const db = await getDb();
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, email), eq(emailOutbox.kind, kind)));
}
const n = (v: number) => new Intl.NumberFormat('en-US').format(v);

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true })]);
  await importYoutube(brand.org.slug);
  const db = await getDb();
  const c = await createCampaign({
    orgId: brand.org.id,
    name: `Weekly ${uniq()}`,
    currency: 'USD',
    status: 'active',
    goals: { views: 10_000_000 },
  });
  campaignId = c.id;
  // The ten most-engaged videos of the import, linked; one collaboration's fee is the spend.
  const top = await db
    .select({
      postId: postMetrics.postId,
      influencerId: sql<string>`(select influencer_id from social_accounts where id = ${postMetrics.socialAccountId})`,
    })
    .from(postMetrics)
    .where(eq(postMetrics.ownerOrgId, brand.org.id))
    .orderBy(sql`${postMetrics.engagements} desc nulls last`, postMetrics.postId)
    .limit(10);
  await db.insert(campaignPosts).values(top.map((t) => ({ campaignId: c.id, postId: t.postId, source: 'manual' as const })));
  await db
    .insert(collaborations)
    .values({ campaignId: c.id, influencerId: top[0].influencerId, agreedFeeMinor: 1_250_000, currency: 'USD' });
  const all = Object.keys(NOTIFICATION_KINDS);
  await updateEmailPreferences({ ctx: ctxOf(brand.manager), input: { enabled: all } });
  await updateEmailPreferences({ ctx: ctxOf(brand.owner), input: { enabled: all.filter((k) => k !== 'weekly_report') } });
});

describe('reports.weekly', () => {
  it('is off until a member turns it on', async () => {
    expect((await getEmailPreferences({ ctx: ctxOf(brand.viewer), input: undefined })).weekly_report).toBe(false);
    expect((await getEmailPreferences({ ctx: ctxOf(brand.manager), input: undefined })).weekly_report).toBe(true);
  });

  it('emails opted-in members the numbers of the campaign page, once a week', async () => {
    const run = () => new InngestTestEngine({ function: reportsWeeklyFunction }).execute();
    await run();
    const [mail] = await mailsTo(brand.manager.email, 'weekly_report');
    const page = await getCampaignReport({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, campaignId } });
    expect(mail.subject).toBe(`${page.campaign.name}: campaign report`);
    // The text part's KPI table: label, value now, change vs last week (none stored yet).
    expect(mail.text).toMatch(kpi('Spend', '$12,500', '—'));
    expect(mail.text).toMatch(kpi('Views', n(page.totals.views!), '—'));
    expect(mail.text).toMatch(kpi('Engagements', n(page.totals.engagements!), '—'));
    expect(mail.text).toMatch(kpi('Progress', `${(page.progress.overall.value! * 100).toFixed(1)} %`, '—'));
    expect(mail.html).toContain('$12,500');
    expect(mail.text).toContain(`1. ${page.influencers[0].name}: ${n(page.influencers[0].totals.engagements!)} engagements`);
    expect(mail.text).toContain(`/o/${brand.org.slug}/campaigns/${campaignId}`);
    expect(mail.text).toContain('You get this weekly report because you turned it on. Change your email preferences');
    expect(await mailsTo(brand.owner.email, 'weekly_report')).toHaveLength(0);
    expect(await mailsTo(brand.viewer.email, 'weekly_report')).toHaveLength(0);
    await run();
    expect(await mailsTo(brand.manager.email, 'weekly_report')).toHaveLength(1);
    // Next Monday: the change since the stored week is shown.
    await sendWeeklyReports(new Date(Date.now() + 7 * 86_400_000));
    const mails = await mailsTo(brand.manager.email, 'weekly_report');
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.text).find((t) => t.includes('±0'))).toMatch(kpi('Views', n(page.totals.views!), '±0'));
  });

  it('"email this report to…": a manager sends it to stakeholders; viewers and other brands may not', async () => {
    const input = { orgSlug: brand.org.slug, campaignId, to: 'cfo@client.example, ops@client.example; cfo@client.example' };
    expect(await emailCampaignReport({ ctx: ctxOf(brand.manager), input })).toEqual(['cfo@client.example', 'ops@client.example']);
    const [mail] = await mailsTo('ops@client.example', 'campaign_report');
    expect(mail.text).toContain(`${brand.manager.name} sent you the report of`);
    await expect(emailCampaignReport({ ctx: ctxOf(brand.viewer), input })).rejects.toThrow(ForbiddenError);
    await expect(emailCampaignReport({ ctx: ctxOf(other.manager), input })).rejects.toThrow(NotFoundError);
    await expect(emailCampaignReport({ ctx: ctxOf(brand.manager), input: { ...input, to: 'not-an-address' } })).rejects.toThrow(
      'to: Not an email address: not-an-address',
    );
  });
});
