import { describe, expect, it } from 'vitest';
import { slugify } from '@/lib/accounts/slugify';
import { escapeHtml, invitationEmail, passwordResetEmail } from '@/lib/email/templates';
import { formMessage } from '@/lib/forms';
import { formatMoney } from '@/components/ui/format';

describe('slugs', () => {
  it.each([
    ['Northwind Outfitters', 'northwind-outfitters'],
    ['  Café & Crème — Paris ', 'cafe-creme-paris'],
    ['!!!', 'org'],
    ['A'.repeat(60), 'a'.repeat(40)],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});

describe('emails', () => {
  it('escape what people typed in the HTML part and keep it as is in the text part', () => {
    const mail = invitationEmail({
      orgName: '<script>alert(1)</script>',
      inviterName: 'Eve "the" Owner',
      role: 'viewer',
      url: 'https://x.example/invitations/t?a=1&b=2',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('href="https://x.example/invitations/t?a=1&amp;b=2"');
    expect(mail.text).toContain('Eve "the" Owner invited you to join <script>alert(1)</script> on Reachboard as a viewer.');
    expect(escapeHtml(`'&'`)).toBe('&#39;&amp;&#39;');
  });

  it('password reset says how long the link works', () => {
    const mail = passwordResetEmail({ name: 'Rita', url: 'https://x.example/reset-password?token=abc' });
    expect(mail.subject).toBe('Reset your Reachboard password');
    expect(mail.text).toContain('expires in 1 hour');
    expect(mail.text).toContain('https://x.example/reset-password?token=abc');
  });
});

describe('form messages', () => {
  it('hides a message already shown next to its fields', () => {
    expect(
      formMessage({ ok: false, message: 'password: too short', fieldErrors: { password: 'too short' } }, ['password']),
    ).toBeUndefined();
    expect(formMessage({ ok: false, message: 'token: invalid', fieldErrors: { token: 'invalid' } }, ['password'])).toBe('token: invalid');
    expect(formMessage({ ok: false, message: 'Not allowed' })).toBe('Not allowed');
    expect(formMessage({ ok: true, message: 'Saved.' })).toBe('Saved.');
  });
});

describe('money', () => {
  it('formats minor units, and unknown as a dash', () => {
    expect(formatMoney(2_500_000, 'USD')).toBe('$25,000');
    expect(formatMoney(123_456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(null, 'USD')).toBe('—');
  });
});
