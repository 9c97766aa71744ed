import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Db, Tx } from '@/db/connect';
import { campaignWeeklyTotals, campaigns, memberships, organizations, users, weeklyReportSends } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { consumeSends } from '../auth/rate-limit';
import { requireApprovedBrand, requireOrgRole } from '../authz/guards';
import { getCampaignReport, type CampaignReport } from '../campaigns/get-campaign-report';
import { actingUser, type VerbArgs, userActor } from '../context';
import { email, queueEmails } from '../email/queue-email';
import type { CampaignReportEmailProps } from '../email/templates/campaign-report';
import { getEnv } from '../env';
import { formatMoney } from '../money';
import { parseInput } from '../validation';
import { numberFormat } from '../text/formatters';

/** The KPIs of the report email, in order: the campaign page's own values. */
const KPI_KEYS = [
  'spend',
  'reach',
  'impressions',
  'views',
  'engagements',
  'conversions',
  'revenue',
  'roi',
  'cpe',
  'emv',
  'progress',
] as const;
type KpiKey = (typeof KPI_KEYS)[number];
const LABELS: Record<KpiKey, string> = {
  spend: 'Spend',
  reach: 'Reach',
  impressions: 'Impressions',
  views: 'Views',
  engagements: 'Engagements',
  conversions: 'Conversions',
  revenue: 'Revenue',
  roi: 'ROI',
  cpe: 'CPE',
  emv: 'EMV',
  progress: 'Progress',
};

/** The report's KPI values as numbers (minor units for money, fractions for ROI and progress); null = unknown. */
function reportTotals(r: CampaignReport): Record<KpiKey, number | null> {
  return {
    spend: r.spendMinor,
    reach: r.totals.reach,
    impressions: r.totals.impressions,
    views: r.totals.views,
    engagements: r.totals.engagements,
    conversions: r.totals.conversions,
    revenue: r.totals.revenueMinor,
    roi: r.metrics.roi.value,
    cpe: r.metrics.cpe.value,
    emv: r.metrics.emv.value,
    progress: r.progress.overall.value,
  };
}

/** Monday (UTC) of the week of `now`, YYYY-MM-DD. */
function weekOf(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The email's content from a campaign report: the same values the campaign page shows,
 * formatted, each with its change since the totals stored for the previous week (null when that
 * week has none or either value is unknown).
 */
function reportEmailProps(r: CampaignReport, previous: Record<string, number | null> | null, url: string): CampaignReportEmailProps {
  const cur = r.campaign.currency;
  const n = (v: number) => numberFormat({ maximumFractionDigits: 0 }).format(v);
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const fmt = (k: KpiKey, v: number | null): string => {
    if (v === null) return '—';
    if (k === 'spend' || k === 'revenue' || k === 'emv') return formatMoney(Math.round(v), cur);
    if (k === 'cpe')
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: cur, maximumSignificantDigits: 3 }).format(v / 100);
    if (k === 'roi' || k === 'progress') return pct(v);
    return n(v);
  };
  const totals = reportTotals(r);
  const change = (k: KpiKey): string | null => {
    const before = previous?.[k];
    const now = totals[k];
    if (before === null || before === undefined || now === null) return null;
    const d = now - before;
    const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
    return `${sign}${fmt(k, Math.abs(d))}`.replace(' %', ' pts').replace(/^±.*$/, '±0');
  };
  const topPosts = [...r.posts].sort((a, b) => (b.engagements ?? -1) - (a.engagements ?? -1)).slice(0, 5);
  return {
    campaignName: r.campaign.name,
    orgName: r.access.org.name,
    kpis: KPI_KEYS.map((k) => ({ label: LABELS[k], value: fmt(k, totals[k]), change: change(k) })),
    topInfluencers: r.influencers.slice(0, 5).map((i) => ({
      name: i.name,
      engagements: i.totals.engagements === null ? '—' : n(i.totals.engagements),
      share: i.share.engagements === null ? '— of engagements' : `${pct(i.share.engagements)} of engagements`,
    })),
    topPosts: topPosts.map((p) => ({
      title: p.title ?? 'Untitled post',
      influencer: p.influencerName,
      views: p.views === null ? '—' : n(p.views),
      engagements: p.engagements === null ? '—' : n(p.engagements),
    })),
    url,
  };
}

async function previousTotals(db: Db | Tx, campaignId: string, week: string): Promise<Record<string, number | null> | null> {
  const [row] = await db
    .select({ totals: campaignWeeklyTotals.totals })
    .from(campaignWeeklyTotals)
    .where(and(eq(campaignWeeklyTotals.campaignId, campaignId), sql`${campaignWeeklyTotals.week} < ${week}::date`))
    .orderBy(sql`${campaignWeeklyTotals.week} desc`)
    .limit(1);
  return row?.totals ?? null;
}

const recipientsSchema = z.object({
  to: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(/[,;\s]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .superRefine((list, ctx) => {
      const bad = list.filter((e) => !z.email().safeParse(e).success);
      if (bad.length) ctx.addIssue({ code: 'custom', message: `Not an email address: ${bad.join(', ')}` });
      if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'Enter at least one email address' });
      if (list.length > 10) ctx.addIssue({ code: 'custom', message: 'At most 10 recipients' });
    }),
});

/**
 * Emails the campaign report now to up to 10 addresses ("email this report to…"): the numbers of
 * the campaign page, with the change since last week's stored totals. Manager or owner; a brand
 * awaiting approval only to its own members; at most 20 recipients per sender an hour. Audited.
 * @returns the addresses it was sent to.
 * @throws NotFoundError (not a member, another organization's campaign); ForbiddenError (viewer,
 *         outside addresses before approval); ValidationError (bad addresses); RateLimitedError.
 */
export async function emailCampaignReport({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; campaignId: string; to: string }>): Promise<string[]> {
  const db = await getDb();
  const { org, actor } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'manager');
  const { to } = parseInput(recipientsSchema, { to: input.to });
  if (org.approvalStatus !== 'approved') {
    const members = await db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, org.id), inArray(users.email, to)));
    if (members.length < to.length) requireApprovedBrand(org, 'reports can be emailed outside your team');
  }
  await consumeSends(db, 'reportEmailsPerSender', actor.userId, to.length, 'You are emailing reports too quickly.');
  const report = await getCampaignReport({ ctx, input: { orgSlug: input.orgSlug, campaignId: input.campaignId } });
  const url = new URL(`/o/${org.slug}/campaigns/${report.campaign.id}`, getEnv().appUrl).toString();
  const props = {
    ...reportEmailProps(report, await previousTotals(db, report.campaign.id, weekOf(new Date())), url),
    sentBy: actingUser(ctx)?.name ?? org.name,
  };
  await queueEmails(to.map((address) => email(address, 'campaign_report', props)));
  await db.transaction((tx) =>
    audit(tx, ctx, {
      orgId: org.id,
      action: 'campaign.report_emailed',
      targetType: 'campaign',
      targetId: report.campaign.id,
      after: { to },
    }),
  );
  return to;
}

/**
 * The Monday report: for every active campaign, each member of its brand who opted in to weekly
 * reports gets the report as the campaign page shows it to them, at most once per week (claimed
 * in `weekly_report_sends` first); the week's totals are stored for next week's comparison.
 * @returns how many emails this call sent.
 */
export async function sendWeeklyReports(now: Date): Promise<number> {
  const db = await getDb();
  const week = weekOf(now);
  const active = await db
    .select({ id: campaigns.id, orgId: campaigns.orgId, slug: organizations.slug })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(and(eq(campaigns.status, 'active'), eq(organizations.kind, 'brand')));
  let sent = 0;
  for (const c of active) {
    const members = await db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(eq(memberships.orgId, c.orgId), isNull(users.flaggedAt), sql`(${users.emailPreferences} ->> 'weekly_report')::boolean is true`),
      );
    if (members.length === 0) continue;
    const previous = await previousTotals(db, c.id, week);
    for (const m of members) {
      const claimed = await db.insert(weeklyReportSends).values({ campaignId: c.id, userId: m.id, week }).onConflictDoNothing().returning();
      if (claimed.length === 0) continue;
      const actor = userActor(m);
      const report = await getCampaignReport({ ctx: { actor }, input: { orgSlug: c.slug, campaignId: c.id } });
      await db
        .insert(campaignWeeklyTotals)
        .values({ campaignId: c.id, week, totals: reportTotals(report) })
        .onConflictDoUpdate({
          target: [campaignWeeklyTotals.campaignId, campaignWeeklyTotals.week],
          set: { totals: reportTotals(report) },
        });
      const base = getEnv().appUrl;
      const props = reportEmailProps(report, previous, new URL(`/o/${c.slug}/campaigns/${c.id}`, base).toString());
      await queueEmails([
        email(m.email, 'weekly_report', { ...props, preferencesUrl: new URL('/settings#notifications', base).toString() }),
      ]);
      sent++;
    }
  }
  return sent;
}
