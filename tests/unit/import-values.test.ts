import { describe, expect, it } from 'vitest';
import {
  currencyOfCell,
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
    expect(parseCount('12abc')).toEqual(
      new ParseFailure('"12abc" is not a number in the file\'s number format 1,234.5 (thousands ",", decimal ".")'),
    );
    expect(parseCount('lots')).toEqual(new ParseFailure('"lots" is not a number'));
    expect(parseCount('-5')).toEqual(new ParseFailure('"-5" is negative; a count cannot be'));
    expect(parseCount('2.5')).toEqual(new ParseFailure('"2.5" is not a whole number'));
  });
});

describe('numbers in other locales', () => {
  const pointFormat = 'number format 1,234.5 (thousands ",", decimal ".")';
  it('never reads a decimal comma as a thousands separator', () => {
    expect(parseCount('12,5')).toEqual(new ParseFailure(`"12,5" is not a number in the file's ${pointFormat}`));
    expect(parseCount('3,5k')).toEqual(new ParseFailure(`"3,5k" is not a number in the file's ${pointFormat}`));
    expect(parseRate('1,39%')).toEqual(new ParseFailure(`"1,39%" is not a rate in the file's ${pointFormat}`));
    expect(parseMoneyMinor('1.234,56 €')).toEqual(new ParseFailure(`"1.234,56 €" is not an amount in the file's ${pointFormat}`));
    expect(parseCount('1,2345')).toBeInstanceOf(ParseFailure);
    expect(parseCount('12,345,678')).toBe(12_345_678);
  });

  it('reads them in the stated format, money with its decimals', () => {
    const comma = { thousandsSeparator: '.', decimalSeparator: ',' } as const;
    expect(parseCount('3,5k', comma)).toBe(3_500);
    expect(parseRate('1,39%', 'fraction', comma)).toBe(0.0139);
    expect(parseMoneyMinor('1.234,56 €', comma)).toBe(123_456);
    expect(parseMoneyMinor('EUR 1.234,56', comma)).toBe(123_456);
    expect(parseMoneyMinor('$1,234.56')).toBe(123_456);
    expect(parseMoneyMinor('12.345')).toEqual(new ParseFailure('"12.345" has more than two decimals'));
    expect(parseCount('12 345', { thousandsSeparator: ' ', decimalSeparator: ',' })).toBe(12_345);
    expect(parseCount('12\u202f345', { thousandsSeparator: ' ', decimalSeparator: ',' })).toBe(12_345);
  });

  it('never stores an amount in another currency than the one it names', () => {
    expect(parseMoneyMinor('1.250,00 €', { thousandsSeparator: '.', decimalSeparator: ',' }, 'USD')).toEqual(
      new ParseFailure('"1.250,00 €" is in EUR, not the file\'s currency USD: set the currency'),
    );
    expect(parseMoneyMinor('GBP 12.50', {}, 'EUR')).toEqual(
      new ParseFailure('"GBP 12.50" is in GBP, not the file\'s currency EUR: set the currency'),
    );
    expect(parseMoneyMinor('$12.50', {}, 'EUR')).toEqual(
      new ParseFailure('"$12.50" is in dollars, not the file\'s currency EUR: set the currency'),
    );
    expect(parseMoneyMinor('$12.50', {}, 'CAD')).toBe(1_250);
    expect(parseMoneyMinor('12.50 EUR', {}, 'EUR')).toBe(1_250);
    expect(parseMoneyMinor('12.50', {}, 'EUR')).toBe(1_250);
    expect([currencyOfCell('R$ 10,00'), currencyOfCell('£3'), currencyOfCell('7 JPY'), currencyOfCell('12')]).toEqual([
      'BRL',
      'GBP',
      'JPY',
      null,
    ]);
  });

  it('refuses rates outside the plausible range, Infinity and overflow', () => {
    expect(parseRate('1e308')).toEqual(
      new ParseFailure('"1e308" is outside the plausible range of this rate (between 0 and 100%, written as a fraction)'),
    );
    expect(parseRate('1e400%')).toEqual(new ParseFailure('"1e400%" is not a finite number; a rate is between 0 and 100%'));
    expect(parseRate('140%')).toEqual(new ParseFailure('"140%" is outside the plausible range of this rate (between 0 and 100%)'));
    expect(parseRate('100%')).toBe(1);
  });
});

describe('spreadsheet error values and what Postgres can store', () => {
  it('rejects every spreadsheet error value, in every kind of cell', () => {
    for (const raw of ['#NAME?', '#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NULL!', '#ERROR!', '#name?']) {
      const reason = `"${raw}" is a spreadsheet error value: the cell held a formula that failed, not data`;
      expect(parseCount(raw)).toEqual(new ParseFailure(reason));
      expect(parseRate(raw)).toEqual(new ParseFailure(reason));
      expect(parseText(raw)).toEqual(new ParseFailure(reason));
      expect(parseDateValue(raw, { format: 'iso' })).toEqual(new ParseFailure(reason));
    }
    expect(parseText('#hashtag')).toBe('#hashtag');
  });

  it('refuses dates Postgres cannot store or no export holds', () => {
    expect(parseDateValue('0000-01-01', { format: 'iso' })).toEqual(
      new ParseFailure('"0000-01-01" is outside the dates Reachboard accepts (1970-01-01 to 2099-12-31)'),
    );
    expect(parseDateValue('+010000-01-01', { format: 'iso' })).toBeInstanceOf(ParseFailure);
    expect(parseDateValue('3-Jun-26', { format: 'd-MMM-yy' })).toEqual(new Date('2026-06-03T00:00:00Z'));
  });

  it('refuses over-long text, quoting only its start', () => {
    const id = 'x'.repeat(50 * 1024 * 1024);
    const failure = parseText(id, 100) as ParseFailure;
    expect(failure.reason).toBe(`"${'x'.repeat(60)}…" (52,428,800 characters) is longer than the 100 characters this field holds`);
    expect(parseText('caf\ufffd', 100)).toEqual(
      new ParseFailure('"caf\ufffd" holds control or replacement characters: the file\'s encoding was probably misread'),
    );
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
