import { describe, expect, it } from 'vitest';
import { adaptToValues, applySettings } from '@/lib/imports/adapt-mapping';
import { proposeMapping } from '@/lib/imports/header-synonyms';
import { detectNumberFormat } from '@/lib/imports/values';

describe('a mapping proposed from the column names of an unknown file', () => {
  it('matches the obvious headers of an agency spreadsheet', () => {
    expect(proposeMapping(['Influencer', 'Platform', 'Post URL', 'Date', 'Views', 'Likes', 'Comments', 'Fee'])).toEqual({
      kind: 'post',
      columns: {
        platformPostId: 'Post URL',
        url: 'Post URL',
        accountHandle: 'Influencer',
        platform: 'Platform',
        capturedAt: 'Date',
        views: 'Views',
        likes: 'Likes',
        comments: 'Comments',
        cost: 'Fee',
      },
      constants: {},
    });
  });

  it('proposes post metrics without an id column, leaving the id for the user', () => {
    expect(proposeMapping(['Views', 'Likes', 'Comments', 'Platform', 'Date'])).toEqual({
      kind: 'post',
      columns: { platform: 'Platform', capturedAt: 'Date', views: 'Views', likes: 'Likes', comments: 'Comments' },
      constants: {},
    });
  });

  it('recognises an account-level file, and proposes nothing for unrelated columns', () => {
    expect(proposeMapping(['Username', 'Follower count', 'Engagement rate (%)', 'Country'])).toEqual({
      kind: 'account',
      columns: { handle: 'Username', followers: 'Follower count', engagementRate: 'Engagement rate (%)', country: 'Country' },
      constants: {},
    });
    expect(proposeMapping(['sku', 'price', 'stock'])).toBeNull();
  });
});

describe('number formats detected from a file’s values', () => {
  it('sees a decimal comma, a decimal point, spaces between thousands, or a conflict', () => {
    expect(detectNumberFormat(['1234', '12,5', '3'])).toEqual({
      thousandsSeparator: '.',
      decimalSeparator: ',',
      evidence: '12,5',
      conflicting: false,
    });
    expect(detectNumberFormat(['1.234.567', '8'])).toMatchObject({ decimalSeparator: ',', thousandsSeparator: '.', evidence: '1.234.567' });
    expect(detectNumberFormat(['1,234.56', '7'])).toEqual({
      thousandsSeparator: ',',
      decimalSeparator: '.',
      evidence: '1,234.56',
      conflicting: false,
    });
    expect(detectNumberFormat(['12 345', '1,5'])).toMatchObject({ thousandsSeparator: ' ', decimalSeparator: ',' });
    expect(detectNumberFormat(['1.5', '2,25'])).toMatchObject({ conflicting: true });
    // "1,234" alone reads the same either way: no evidence, the default stands.
    expect(detectNumberFormat(['1,234', '56'])).toEqual({
      thousandsSeparator: ',',
      decimalSeparator: '.',
      evidence: null,
      conflicting: false,
    });
  });

  it('adapts a proposal to the values of the first rows', () => {
    const mapping = {
      kind: 'account' as const,
      columns: { handle: 'h', followers: 'f', capturedAt: 'd' },
      constants: {},
      options: { dateFormat: 'iso' as const },
    };
    const rows = [
      { line: 2, cells: ['anna', '12,5k', '03/06/2026'] },
      { line: 3, cells: ['bert', '1.234', '25/06/2026'] },
    ];
    const adapted = adaptToValues(mapping, ['h', 'f', 'd'], rows);
    expect(adapted).toEqual({
      mapping: { ...mapping, options: { dateFormat: 'dd/MM/yyyy', decimalSeparator: ',', thousandsSeparator: '.' } },
      dateFormat: 'dd/MM/yyyy',
      numberEvidence: '12,5k',
      numbersConflict: false,
      currency: null,
    });
  });
});

describe('the currency of money cells', () => {
  it('is proposed from the sign the cells carry', () => {
    const mapping = { kind: 'post' as const, columns: { platformPostId: 'id', cost: 'Fee' }, constants: {}, options: {} };
    const rows = [{ line: 2, cells: ['XpVt6Z1Gjjo', '1.250,00 €'] }];
    expect(adaptToValues(mapping, ['id', 'Fee'], rows).mapping.options).toEqual({
      currency: 'EUR',
      decimalSeparator: ',',
      thousandsSeparator: '.',
    });
  });
});

describe('--set', () => {
  const layout = {
    kind: 'post' as const,
    columns: { platformPostId: 'Content', views: 'Views' },
    constants: { platform: 'youtube' },
    options: {},
  };
  it('adds constants and options, replacing a mapped column', () => {
    expect(applySettings(layout, { accountHandle: '@chan', capturedAt: '2026-06-12', views: '5', year: '2017' })).toEqual({
      kind: 'post',
      columns: { platformPostId: 'Content' },
      constants: { platform: 'youtube', accountHandle: '@chan', capturedAt: '2026-06-12', views: '5' },
      options: { year: '2017' },
    });
  });
  it('names the nearest key of a typo', () => {
    expect(() => applySettings(layout, { acountHandle: 'x' })).toThrow(
      '--set acountHandle: not a post-level field or an option (did you mean "accountHandle"?)',
    );
  });
});
