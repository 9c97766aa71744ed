import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES, type EmailProps, type EmailTemplateName } from '@/lib/email/catalog';
import { renderEmail } from '@/lib/email/render-email';
import { ValidationError } from '@/lib/errors';

const app = 'https://reachboard.test';
const prefs = `${app}/settings#notifications`;
const notice = (headline: string, details: string, path: string) => ({
  name: 'Maya',
  headline,
  details,
  url: `${app}${path}`,
  preferencesUrl: prefs,
});

/** Sample props for every template, and a phrase each rendering must show in HTML and in text. */
const SAMPLES: { [K in EmailTemplateName]: { props: EmailProps<K>; shows: string[]; link: string } } = {
  welcome: {
    props: { name: 'Maya', role: 'influencer', url: `${app}/home` },
    shows: ['Welcome, Maya', 'add your social accounts'],
    link: `${app}/home`,
  },
  account_exists: {
    props: { name: 'Maya', signInUrl: `${app}/sign-in?email=maya%40x.example`, resetUrl: `${app}/forgot-password` },
    shows: ['Someone tried to create a Reachboard account with this email address', 'nothing was created'],
    link: `${app}/sign-in?email=maya%40x.example`,
  },
  email_verification: {
    props: { name: 'Maya', url: `${app}/verify-email?token=abc` },
    shows: ['Confirm that this is your email address', 'expires in 24 hours'],
    link: `${app}/verify-email?token=abc`,
  },
  password_reset: {
    props: { name: 'Maya', url: `${app}/reset-password?token=xyz` },
    shows: ['reset the password', 'expires in 1 hour'],
    link: `${app}/reset-password?token=xyz`,
  },
  invitation: {
    props: { orgName: 'Northwind', inviterName: 'Ann Lee', role: 'manager', url: `${app}/invitations/tok` },
    shows: ['Ann Lee invited you to join Northwind', 'as a manager', 'expires in 7 days'],
    link: `${app}/invitations/tok`,
  },
  offer_received: {
    props: notice('Northwind sent you an offer for Autumn Trail', '$2,500.00 for 2 deliverables.', '/offers/1'),
    shows: ['Northwind sent you an offer for Autumn Trail', '$2,500.00 for 2 deliverables', 'Review the offer'],
    link: `${app}/offers/1`,
  },
  offer_countered: {
    props: notice('Maya countered your offer for Autumn Trail', 'Round 2: $3,000.00.', '/offers/1'),
    shows: ['countered your offer', 'Round 2: $3,000.00', 'See the counter-offer'],
    link: `${app}/offers/1`,
  },
  offer_accepted: {
    props: notice('Maya accepted your offer for Autumn Trail', 'The collaboration starts at $3,000.00.', '/offers/1'),
    shows: ['accepted your offer', 'collaboration starts at $3,000.00'],
    link: `${app}/offers/1`,
  },
  offer_rejected: {
    props: notice('Maya rejected your offer for Autumn Trail', 'Not available in October.', '/offers/1'),
    shows: ['rejected your offer', 'Not available in October.'],
    link: `${app}/offers/1`,
  },
  deliverable_submitted: {
    props: notice('Maya submitted a deliverable for Autumn Trail', 'YouTube video: https://youtu.be/abc', '/o/northwind/campaigns/c1'),
    shows: ['submitted a deliverable', 'Review the deliverable'],
    link: `${app}/o/northwind/campaigns/c1`,
  },
  deliverable_reviewed: {
    props: notice(
      'Northwind asked for changes to your deliverable',
      'Please add the discount code to the description.',
      '/collaborations/1',
    ),
    shows: ['asked for changes', 'add the discount code'],
    link: `${app}/collaborations/1`,
  },
  account_failing: {
    props: notice('youtube:@trail has not refreshed for 3 days', 'YouTube: quota exhausted, next try 08:00 UTC.', '/o/northwind/tracking'),
    shows: ['has not refreshed for 3 days', 'quota exhausted'],
    link: `${app}/o/northwind/tracking`,
  },
  message_digest: {
    props: {
      name: 'Maya',
      conversations: [
        { with: 'Northwind', unread: 2, lastMessage: 'Can you post on Friday?', url: `${app}/inbox/c1` },
        { with: 'Acme', unread: 1, lastMessage: 'Thanks!', url: `${app}/inbox/c2` },
      ],
      preferencesUrl: prefs,
    },
    shows: ['3 unread messages', 'Northwind · 2 unread', 'Can you post on Friday?'],
    link: `${app}/inbox/c1`,
  },
  daily_reminder: {
    props: {
      name: 'Maya',
      items: [
        { kind: 'offer', title: 'Northwind: Autumn Trail', url: `${app}/offers/1`, dueOn: null },
        { kind: 'deliverable_due', title: 'Autumn Trail: YouTube video', url: `${app}/collaborations/1`, dueOn: '2026-11-23' },
      ],
      preferencesUrl: prefs,
    },
    shows: ['2 things waiting for you', 'Offers waiting for your answer', 'Deliverables due within 48 hours', '(due 2026-11-23)'],
    link: `${app}/collaborations/1`,
  },
  weekly_report: {
    props: {
      campaignName: 'Autumn Trail',
      orgName: 'Northwind',
      kpis: [
        { label: 'Spend', value: '$27,000', change: '+$2,500' },
        { label: 'Views', value: '4.6M', change: null },
      ],
      topInfluencers: [{ name: 'Casey', engagements: '120K', share: '64 %' }],
      topPosts: [{ title: 'The Spa Car', influencer: 'Casey', views: '2.3M', engagements: '90K' }],
      url: `${app}/o/northwind/campaigns/c1`,
      preferencesUrl: prefs,
    },
    shows: ['Your weekly report of Autumn Trail (Northwind)', '$27,000', '+$2,500', 'Top influencers', 'The Spa Car'],
    link: `${app}/o/northwind/campaigns/c1`,
  },
  campaign_report: {
    props: {
      campaignName: 'Autumn Trail',
      orgName: 'Northwind',
      kpis: [{ label: 'Spend', value: '$27,000', change: null }],
      topInfluencers: [],
      topPosts: [],
      url: `${app}/o/northwind/campaigns/c1`,
      sentBy: 'Ann Lee',
    },
    shows: ['Ann Lee sent you the report of Autumn Trail', '$27,000'],
    link: `${app}/o/northwind/campaigns/c1`,
  },
  export_ready: {
    props: {
      name: 'Ann',
      fileName: 'northwind-influencers.csv',
      rowCount: 12500,
      url: `${app}/api/exports/e1?expires=1&signature=s`,
      expiresAt: '22 Nov 2026, 09:00 UTC',
    },
    shows: ['northwind-influencers.csv (12,500 rows) is ready', '22 Nov 2026, 09:00 UTC'],
    link: `${app}/api/exports/e1?expires=1&amp;signature=s`,
  },
  admin_action: {
    props: { name: 'Maya', headline: 'Your account was suspended', details: 'Reason: spam.', url: `${app}/home` },
    shows: ['Your account was suspended', 'Reason: spam.'],
    link: `${app}/home`,
  },
  connection_lost: {
    props: {
      name: 'Maya',
      headline: 'Your Twitch connection stopped working',
      details: 'Twitch refused Reachboard’s access to @mayaoutdoors on Dec 1, 2026.',
      url: `${app}/creator/profile#connections`,
    },
    shows: [
      'Your Twitch connection stopped working',
      'refused Reachboard’s access to @mayaoutdoors',
      'Reconnect',
      'last first-party numbers',
    ],
    link: `${app}/creator/profile#connections`,
  },
  connection_expiring: {
    props: {
      name: 'Maya',
      headline: 'Your Instagram connection ends on 2026-12-08',
      details: 'Instagram lets Reachboard read @mayaoutdoors until then and it cannot be renewed without you.',
      url: `${app}/creator/profile#connections`,
    },
    shows: ['Your Instagram connection ends on 2026-12-08', 'cannot be renewed without you', 'Reconnect'],
    link: `${app}/creator/profile#connections`,
  },
};

describe('email templates', () => {
  for (const name of Object.keys(EMAIL_TEMPLATES) as EmailTemplateName[]) {
    it(`${name} renders HTML and a plain-text alternative with its content and link`, async () => {
      const sample = SAMPLES[name];
      const email = await renderEmail(name, sample.props as never);
      expect(email.kind).toBe(name);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(/^<!DOCTYPE html/);
      for (const phrase of sample.shows) {
        expect(email.html).toContain(phrase.replace(/&/g, '&amp;'));
        expect(email.text).toContain(phrase);
      }
      expect(email.html).toContain(`href="${sample.link}"`);
      expect(email.text).toContain(sample.link.replace(/&amp;/g, '&'));
      expect(email.text).not.toMatch(/<[a-z]+[\s>]/i);
      // Non-transactional emails say why they came and link to the preferences; transactional ones do not.
      if (EMAIL_TEMPLATES[name].transactional) {
        expect(email.html).not.toContain('Change your email preferences');
      } else {
        expect(email.html).toContain(`href="${prefs}"`);
        expect(email.text).toContain('Change your email preferences');
        expect(email.text).toContain(prefs);
      }
    });
  }

  it('renders names and messages as text, never as markup', async () => {
    const email = await renderEmail('message_digest', {
      name: '<img src=x onerror=alert(1)>',
      conversations: [{ with: 'Acme <b>Co</b>', unread: 1, lastMessage: '<script>alert(1)</script>', url: `${app}/inbox/c1` }],
      preferencesUrl: prefs,
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Acme &lt;b&gt;Co&lt;/b&gt;');
  });

  it('keeps what people typed as text in both parts, and escapes link query strings in HTML', async () => {
    const mail = await renderEmail('invitation', {
      orgName: '<script>alert(1)</script>',
      inviterName: 'Eve "the" Owner',
      role: 'viewer',
      url: 'https://x.example/invitations/t?a=1&b=2',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('href="https://x.example/invitations/t?a=1&amp;b=2"');
    expect(mail.text).toContain('Eve "the" Owner invited you to join <script>alert(1)</script> on Reachboard as a viewer.');
    expect(mail.subject).toBe('Join <script>alert(1)</script> on Reachboard');
  });

  it('refuses wrong props by naming the template and the prop', async () => {
    await expect(renderEmail('password_reset', { name: 'Maya', url: 'javascript:alert(1)' })).rejects.toThrow(ValidationError);
    await expect(renderEmail('password_reset', { name: 'Maya', url: 'javascript:alert(1)' })).rejects.toThrow(
      /Email "password_reset": url/,
    );
    await expect(renderEmail('daily_reminder', { name: 'Maya', items: [], preferencesUrl: prefs })).rejects.toThrow(
      /daily_reminder.*items/,
    );
  });
});
