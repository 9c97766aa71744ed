import { Heading, Section, Text } from '@react-email/components';
import { z } from 'zod';
import { ActionButton, EmailLayout, Paragraph, emailStyles } from './layout';

const url = z.url({ protocol: /^https?$/ });
const label = z.string().min(1).max(300);

/**
 * A campaign report's content. Values are already formatted the way the campaign page shows them,
 * "—" when unknown; `change` is the difference with last week's sent report, null when there is none.
 */
const reportBase = z.object({
  campaignName: label,
  orgName: label,
  kpis: z.array(z.object({ label, value: z.string().min(1), change: z.string().min(1).nullable() })).min(1),
  topInfluencers: z.array(z.object({ name: label, engagements: z.string(), share: z.string() })),
  topPosts: z.array(z.object({ title: label, influencer: label, views: z.string(), engagements: z.string() })),
  url,
});

/** Props of the weekly report (opt-in, so it carries the preferences link). */
export const weeklyReportProps = reportBase.extend({ preferencesUrl: url });
/** Props of a report a brand member sends on demand to any address (`sentBy` is their name). */
export const campaignReportProps = reportBase.extend({ sentBy: label });
export type CampaignReportEmailProps = z.infer<typeof reportBase> & { preferencesUrl?: string; sentBy?: string };

const cell = { fontSize: '13px', padding: '6px 0', borderBottom: `1px solid ${emailStyles.colors.border}` } as const;
const h2 = { fontSize: '15px', margin: '24px 0 8px', fontWeight: 700 } as const;
const line = { fontSize: '14px', lineHeight: '22px', margin: '0 0 6px' } as const;

function CampaignReport(p: CampaignReportEmailProps) {
  const intro = p.sentBy
    ? `${p.sentBy} sent you the report of ${p.campaignName} (${p.orgName}).`
    : `Your weekly report of ${p.campaignName} (${p.orgName}).`;
  return (
    <EmailLayout
      preview={p.kpis
        .slice(0, 3)
        .map((k) => `${k.label} ${k.value}`)
        .join(' · ')}
      title={`${p.campaignName}: campaign report`}
      preferencesUrl={p.preferencesUrl}
      preferencesNote="You get this weekly report because you turned it on."
    >
      <Paragraph>{intro}</Paragraph>
      {/* A plain data table: the text part prints it as aligned columns (render-email.tsx). */}
      <table className="data" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
        <thead>
          <tr>
            <th style={{ ...cell, textAlign: 'left' }}>KPI</th>
            <th style={{ ...cell, textAlign: 'right' }}>Now</th>
            <th style={{ ...cell, textAlign: 'right' }}>vs last week</th>
          </tr>
        </thead>
        <tbody>
          {p.kpis.map((k) => (
            <tr key={k.label}>
              <td style={cell}>{k.label}</td>
              <td style={{ ...cell, textAlign: 'right', fontWeight: 600 }}>{k.value}</td>
              <td style={{ ...cell, textAlign: 'right', color: emailStyles.colors.muted }}>{k.change ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.topInfluencers.length ? (
        <Section>
          <Heading as="h2" style={h2}>
            Top influencers
          </Heading>
          {p.topInfluencers.map((i, n) => (
            <Text key={i.name} style={line}>
              {`${n + 1}. ${i.name}: ${i.engagements} engagements (${i.share})`}
            </Text>
          ))}
        </Section>
      ) : null}
      {p.topPosts.length ? (
        <Section>
          <Heading as="h2" style={h2}>
            Top posts
          </Heading>
          {p.topPosts.map((t, n) => (
            <Text key={`${t.title}-${n}`} style={line}>
              {`${n + 1}. ${t.title} by ${t.influencer}: ${t.views} views, ${t.engagements} engagements`}
            </Text>
          ))}
        </Section>
      ) : null}
      <ActionButton label="Open the campaign" url={p.url} />
    </EmailLayout>
  );
}

/** Weekly report: KPIs with change vs last week, top influencers and top posts. */
export function WeeklyReportEmail(p: z.infer<typeof weeklyReportProps>) {
  return <CampaignReport {...p} />;
}

/** The same report sent on demand from the campaign page. */
export function CampaignReportEmail(p: z.infer<typeof campaignReportProps>) {
  return <CampaignReport {...p} />;
}
