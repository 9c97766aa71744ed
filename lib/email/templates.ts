/** An email ready to send: subject, HTML body and the plain-text alternative. */
export type EmailContent = { subject: string; html: string; text: string; kind: string };

/** Escapes text for HTML element and attribute content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function layout(title: string, paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`).join('');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#6b7280">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f9fafb;padding:24px;color:#111827"><div style="max-width:520px;margin:0 auto;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:32px"><p style="font-weight:700;color:#4f46e5;margin:0 0 24px">Reachboard</p><h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${body}${button}</div></body></html>`;
}

/** Password-reset email; the link is single-use and valid for one hour. */
export function passwordResetEmail(props: { name: string; url: string }): EmailContent {
  const lines = [
    `Hi ${props.name},`,
    'Someone asked to reset the password of your Reachboard account. The link below works once and expires in 1 hour.',
    'If it was not you, ignore this email: your password stays as it is.',
  ];
  return {
    kind: 'password_reset',
    subject: 'Reset your Reachboard password',
    html: layout('Reset your password', lines, { label: 'Choose a new password', url: props.url }),
    text: `${lines.join('\n\n')}\n\nChoose a new password: ${props.url}\n`,
  };
}

/** Team invitation email; the link is valid for seven days. */
export function invitationEmail(props: { orgName: string; inviterName: string; role: string; url: string }): EmailContent {
  const lines = [
    `${props.inviterName} invited you to join ${props.orgName} on Reachboard as a ${props.role}.`,
    'The invitation expires in 7 days.',
  ];
  return {
    kind: 'invitation',
    subject: `Join ${props.orgName} on Reachboard`,
    html: layout(`Join ${props.orgName}`, lines, { label: 'Accept the invitation', url: props.url }),
    text: `${lines.join('\n\n')}\n\nAccept the invitation: ${props.url}\n`,
  };
}

/** Welcome email sent after sign-up. */
export function welcomeEmail(props: { name: string; role: string; url: string }): EmailContent {
  const next: Record<string, string> = {
    brand: 'Your organization is waiting for approval by a Reachboard admin; meanwhile you can invite your team.',
    influencer: 'Complete your profile and add your social accounts so brands can find you.',
    fan: 'Find the influencers you like and follow them.',
  };
  const lines = [`Welcome to Reachboard, ${props.name}.`, next[props.role] ?? ''].filter(Boolean);
  return {
    kind: 'welcome',
    subject: 'Welcome to Reachboard',
    html: layout('Welcome to Reachboard', lines, { label: 'Open Reachboard', url: props.url }),
    text: `${lines.join('\n\n')}\n\nOpen Reachboard: ${props.url}\n`,
  };
}

/**
 * A notification email (offers, deliverables, messages, admin actions) with a link to the page
 * it concerns and one to the email preferences.
 */
export function notificationEmail(props: {
  kind: string;
  name: string;
  title: string;
  body?: string;
  url: string;
  preferencesUrl: string;
}): EmailContent {
  const lines = [`Hi ${props.name},`, props.title, ...(props.body ? [props.body] : [])];
  const footer = `You get this email because notifications of this kind are on. Change it in your settings: ${props.preferencesUrl}`;
  return {
    kind: props.kind,
    subject: props.title,
    html: layout(props.title, [...lines.slice(0, 1), ...lines.slice(2)], { label: 'Open in Reachboard', url: props.url }).replace(
      '</div></body>',
      `<p style="margin-top:24px;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p></div></body>`,
    ),
    text: `${lines.join('\n\n')}\n\nOpen in Reachboard: ${props.url}\n\n${footer}\n`,
  };
}

/** One line of a reminder digest. */
export type ReminderItem = {
  kind: 'offer' | 'deliverable_due' | 'application' | 'counter' | 'review';
  title: string;
  url: string;
  dueOn: string | null;
};

const REMINDER_HEADINGS: Record<ReminderItem['kind'], string> = {
  offer: 'Offers waiting for your answer',
  deliverable_due: 'Deliverables due within 48 hours',
  application: 'Applications to review',
  counter: 'Counter-offers to answer',
  review: 'Deliverables waiting for your review',
};

/** The daily reminder digest: what waits for the person, grouped, each with its link. */
export function reminderEmail(props: { name: string; items: ReminderItem[]; preferencesUrl: string }): EmailContent {
  const groups = (Object.keys(REMINDER_HEADINGS) as ReminderItem['kind'][])
    .map((kind) => ({ kind, items: props.items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length);
  const line = (i: ReminderItem) => `${i.title}${i.dueOn ? ` (due ${i.dueOn})` : ''}`;
  const html = layout(`${props.items.length} thing${props.items.length === 1 ? '' : 's'} waiting for you`, [`Hi ${props.name},`]).replace(
    '</div></body>',
    groups
      .map(
        (g) =>
          `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(REMINDER_HEADINGS[g.kind])}</h2><ul style="padding-left:18px;margin:0">${g.items
            .map((i) => `<li style="margin:4px 0"><a href="${escapeHtml(i.url)}" style="color:#4f46e5">${escapeHtml(line(i))}</a></li>`)
            .join('')}</ul>`,
      )
      .join('') +
      `<p style="margin-top:24px;font-size:12px;color:#6b7280">Daily reminder. Turn it off in your settings: ${escapeHtml(props.preferencesUrl)}</p></div></body>`,
  );
  const text = [
    `Hi ${props.name},`,
    ...groups.map((g) => `${REMINDER_HEADINGS[g.kind]}:\n${g.items.map((i) => `- ${line(i)}: ${i.url}`).join('\n')}`),
    `Daily reminder. Turn it off in your settings: ${props.preferencesUrl}`,
  ].join('\n\n');
  return {
    kind: 'daily_reminder',
    subject: `Reachboard: ${props.items.length} thing${props.items.length === 1 ? '' : 's'} waiting for you`,
    html,
    text: `${text}\n`,
  };
}

/** A campaign report email's content; values are already formatted, "—" when unknown. */
export type CampaignReportEmailProps = {
  campaignName: string;
  orgName: string;
  kpis: { label: string; value: string; change: string | null }[];
  topInfluencers: { name: string; engagements: string; share: string }[];
  topPosts: { title: string; influencer: string; views: string; engagements: string }[];
  url: string;
  /** Shown on the weekly send (opt-out); absent for a report sent on demand. */
  preferencesUrl?: string;
  sentBy?: string;
};

/** The campaign report email (weekly or on demand): KPIs with change vs last week, top influencers and posts. */
export function campaignReportEmail(p: CampaignReportEmailProps): EmailContent {
  const cell = 'padding:6px 8px;border-bottom:1px solid #e5e7eb;font-size:13px';
  const kpiRows = p.kpis
    .map(
      (k) =>
        `<tr><td style="${cell}">${escapeHtml(k.label)}</td><td style="${cell};text-align:right;font-weight:600">${escapeHtml(k.value)}</td><td style="${cell};text-align:right;color:#6b7280">${escapeHtml(k.change ?? '—')}</td></tr>`,
    )
    .join('');
  const list = (title: string, rows: string[]) =>
    rows.length
      ? `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(title)}</h2><ol style="padding-left:18px;margin:0">${rows.join('')}</ol>`
      : '';
  const intro = p.sentBy
    ? `${p.sentBy} sent you the report of ${p.campaignName} (${p.orgName}).`
    : `Your weekly report of ${p.campaignName} (${p.orgName}).`;
  const html = layout(`${p.campaignName}: campaign report`, [intro], { label: 'Open the campaign', url: p.url }).replace(
    '</div></body>',
    `<table style="width:100%;border-collapse:collapse;margin-top:8px"><tr><th style="${cell};text-align:left">KPI</th><th style="${cell};text-align:right">Now</th><th style="${cell};text-align:right">vs last week</th></tr>${kpiRows}</table>` +
      list(
        'Top influencers',
        p.topInfluencers.map((i) => `<li style="margin:4px 0">${escapeHtml(`${i.name}: ${i.engagements} engagements (${i.share})`)}</li>`),
      ) +
      list(
        'Top posts',
        p.topPosts.map(
          (t) =>
            `<li style="margin:4px 0">${escapeHtml(`${t.title} by ${t.influencer}: ${t.views} views, ${t.engagements} engagements`)}</li>`,
        ),
      ) +
      (p.preferencesUrl
        ? `<p style="margin-top:24px;font-size:12px;color:#6b7280">Weekly report. Stop it in your settings: ${escapeHtml(p.preferencesUrl)}</p>`
        : '') +
      '</div></body>',
  );
  const text = [
    intro,
    p.kpis.map((k) => `${k.label}: ${k.value} (vs last week: ${k.change ?? '—'})`).join('\n'),
    p.topInfluencers.length
      ? `Top influencers:\n${p.topInfluencers.map((i, n) => `${n + 1}. ${i.name}: ${i.engagements} engagements (${i.share})`).join('\n')}`
      : '',
    p.topPosts.length
      ? `Top posts:\n${p.topPosts.map((t, n) => `${n + 1}. ${t.title} by ${t.influencer}: ${t.views} views, ${t.engagements} engagements`).join('\n')}`
      : '',
    `Open the campaign: ${p.url}`,
    p.preferencesUrl ? `Weekly report. Stop it in your settings: ${p.preferencesUrl}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    kind: p.preferencesUrl ? 'weekly_report' : 'campaign_report',
    subject: `${p.campaignName}: campaign report`,
    html,
    text: `${text}\n`,
  };
}
