import { describe, expect, it } from 'vitest';
import { slugify } from '@/lib/accounts/slugify';
import { formMessage } from '@/lib/forms';
import { formatEstimatedCount, formatMoney, formatNumber } from '@/components/ui/format';
import { asSentence } from '@/lib/text/sentence';

describe('slugs', () => {
  it.each([
    ['Northwind Outfitters', 'northwind-outfitters'],
    ['  Café & Crème — Paris ', 'cafe-creme-paris'],
    ['!!!', 'org'],
    ['A'.repeat(60), 'a'.repeat(40)],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
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

describe('estimated counts', () => {
  it('shows a forecast of a count as a whole count, never "944.1 engagements"', () => {
    expect(formatEstimatedCount(944.1)).toBe('944');
    expect(formatEstimatedCount(751.5)).toBe('752');
    expect(formatEstimatedCount(82_234.7)).toBe('82.2K');
    expect(formatEstimatedCount(null)).toBe('—');
    // What the forecast pages showed before: a fractional count below 1,000 kept its decimal.
    expect(formatNumber(944.1, { compact: true })).toBe('944.1');
  });
});

describe('sentences in messages', () => {
  it.each([
    ['Spam campaign', 'Spam campaign.'],
    ['Misleading claims about the product.', 'Misleading claims about the product.'],
    ['  Why?  ', 'Why?'],
    ['Stop!', 'Stop!'],
    ['And then…', 'And then…'],
  ])('%s → %s', (text, sentence) => expect(asSentence(text)).toBe(sentence));
});
