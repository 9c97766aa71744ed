import { describe, expect, it } from 'vitest';
import {
  ParseFailure,
  parseCount,
  parseDateValue,
  parseMoneyMinor,
  parseRate,
  parseTags,
  parseText,
  repairMojibake,
} from '@/lib/imports/values';

describe('counts', () => {
  it.each([
    ['3.3k', 3_300],
    ['475.8m', 475_800_000],
    ['29.0b', 29_000_000_000],
    ['0.89k', 890],
    ['665.3k', 665_300],
    ['4394029', 4_394_029],
    ['1,234,567', 1_234_567],
    [' 12 ', 12],
  ])('%s → %d exactly', (raw, value) => expect(parseCount(raw)).toBe(value));

  it('reads the separators the user states', () => {
    expect(parseCount('1.234.567', { thousandsSeparator: '.', decimalSeparator: ',' })).toBe(1_234_567);
    expect(parseCount('1 234', { thousandsSeparator: ' ' })).toBe(1_234);
    expect(parseCount('2,5k', { thousandsSeparator: '.', decimalSeparator: ',' })).toBe(2_500);
  });

  it('gives unknown, never zero, for NaN and empty cells', () => {
    for (const raw of ['NaN', '', '  ', 'N/A', '-', undefined]) expect(parseCount(raw)).toBeNull();
    expect(parseCount('0')).toBe(0);
  });

  it('says what is wrong with a bad count', () => {
    expect(parseCount('12abc')).toEqual(new ParseFailure('"12abc" is not a number'));
    expect(parseCount('-5')).toEqual(new ParseFailure('"-5" is negative; a count cannot be'));
    expect(parseCount('2.5')).toEqual(new ParseFailure('"2.5" is not a whole number'));
  });
});

describe('rates', () => {
  it('reads percentages as fractions in [0, 1]', () => {
    expect(parseRate('1.39%')).toBe(0.0139);
    expect(parseRate('0.20%')).toBe(0.002);
    expect(parseRate('0.0139')).toBe(0.0139);
    expect(parseRate('1.39', 'percent')).toBe(0.0139);
  });
  it('treats the broken "NaN%" as unknown', () => expect(parseRate('NaN%')).toBeNull());
});

describe('money', () => {
  it('stores minor units', () => {
    expect(parseMoneyMinor('1,234.56')).toBe(123_456);
    expect(parseMoneyMinor('$99')).toBe(9_900);
    expect(parseMoneyMinor('')).toBeNull();
  });
});

describe('dates', () => {
  it('reads DD.MM with the stated year in the stated time zone', () => {
    expect(parseDateValue('21.09', { format: 'dd.MM', year: 2017 })).toEqual(new Date('2017-09-21T00:00:00Z'));
    expect(parseDateValue('21.09', { format: 'dd.MM', year: 2017, timeZone: 'America/New_York' })).toEqual(
      new Date('2017-09-21T04:00:00Z'),
    );
  });
  it('refuses a year-less format without a year, and impossible dates', () => {
    expect(() => parseDateValue('21.09', { format: 'dd.MM' })).toThrow(/state the year/);
    expect(parseDateValue('31.02', { format: 'dd.MM', year: 2017 })).toEqual(new ParseFailure('"31.02" is not a date in the format dd.MM'));
    expect(parseDateValue('24.09xcaeyJTx4Co', { format: 'dd.MM', year: 2017 })).toBeInstanceOf(ParseFailure);
  });
  it('reads ISO dates, with or without an offset', () => {
    expect(parseDateValue('2024-03-01T10:00:00+02:00', { format: 'iso' })).toEqual(new Date('2024-03-01T08:00:00Z'));
    expect(parseDateValue('2024-03-01', { format: 'iso', timeZone: 'Europe/Paris' })).toEqual(new Date('2024-02-29T23:00:00Z'));
  });
});

describe('text and tags', () => {
  it('repairs mojibake and keeps good text as it is', () => {
    expect(repairMojibake("CÃ´te d'Ivoire")).toBe("Côte d'Ivoire");
    expect(repairMojibake("Côte d'Ivoire")).toBe("Côte d'Ivoire");
    expect(repairMojibake('iPhone X — Apple')).toBe('iPhone X — Apple');
    expect(parseText('NaN')).toBeNull();
  });
  it('splits tags and drops duplicates and "[none]"', () => {
    expect(parseTags('logan paul|vlog|logan paul| daily', '|')).toEqual(['logan paul', 'vlog', 'daily']);
    expect(parseTags('[none]', '|')).toEqual([]);
  });
});
