import { tz } from '@date-fns/tz';
import { isValid } from 'date-fns/isValid';
import { parse as parseDate } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';
import { ownText } from './own-text';

/** Why a cell's text is not a valid value. */
export class ParseFailure {
  constructor(readonly reason: string) {}
}

/**
 * What a cell parser returns: the value, null for unknown (empty, `NaN`, `N/A`, `-`), or a
 * ParseFailure. No wrapper object per cell: large imports parse millions of them.
 */
export type Parsed<T> = T | null | ParseFailure;

const UNKNOWN = new Set(['', 'nan', 'nan%', 'n/a', 'na', 'null', 'none', '-', '—', '–']);

/** Printable ASCII without spaces at either end and not starting with "#" (a spreadsheet error's mark). */
const PLAIN_TEXT = /^[!"$-~](?:[ -~]*[!-~])?$/;
/** The ASCII spellings of {@link UNKNOWN}, for text already known to be trimmed ASCII. */
const UNKNOWN_ASCII = /^(?:nan%?|n\/a|na|null|none|-)$/i;

/** True for the spellings of "no value" seen in real exports. Unknown is stored as null, never 0. */
function isUnknown(raw: string | undefined | null): boolean {
  return raw == null || UNKNOWN.has(raw.trim().toLowerCase());
}

/** The most characters of a cell an error message or a preview quotes. */
export const QUOTE_LIMIT = 60;

/** A cell's text as messages quote it: in double quotes, cut to {@link QUOTE_LIMIT} characters with its length. */
export function quote(raw: string): string {
  const chars = [...raw];
  return chars.length <= QUOTE_LIMIT
    ? `"${raw}"`
    : `"${chars.slice(0, QUOTE_LIMIT).join('')}…" (${chars.length.toLocaleString('en-US')} characters)`;
}

/** The error values spreadsheets (Excel, Google Sheets, LibreOffice) write in place of a failed formula. */
const SPREADSHEET_ERROR = /^#(?:NAME\?|N\/A|VALUE!|REF!|DIV\/0!|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA)$/i;

/**
 * A ParseFailure when the cell holds a spreadsheet error value (`#NAME?`, `#N/A`, `#VALUE!`, …):
 * such a cell is never a value, and never an id (Excel turns ids starting with "-" or "=" into
 * formulas that fail as `#NAME?`).
 */
function spreadsheetError(raw: string | undefined): ParseFailure | null {
  if (raw === undefined || raw.length > 16 || !raw.includes('#')) return null;
  return SPREADSHEET_ERROR.test(raw.trim())
    ? new ParseFailure(`${quote(raw.trim())} is a spreadsheet error value: the cell held a formula that failed, not data`)
    : null;
}

export type NumberOptions = {
  /** Character between thousands groups in the file: "," (default), ".", " " (also no-break spaces) or "" for none. */
  thousandsSeparator?: ',' | '.' | ' ' | '';
  /** Decimal mark in the file: "." (default) or ",". */
  decimalSeparator?: '.' | ',';
};

const PLAIN_DIGITS = /^\d+$/;
const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };
const patterns = new Map<string, RegExp>();

/**
 * The pattern of a number written in `options`: an optional sign, the whole part either plain
 * digits or grouped in threes by the thousands separator ("1,234,567"), the decimal mark and
 * fraction, an exponent, and a k/m/b/t suffix. Anything else (a comma where the format has none,
 * groups of other sizes) does not match, so "12,5" or "3,5k" read with a decimal point is an
 * error, never 125 or 35,000.
 */
function numberPattern(options: NumberOptions): RegExp {
  const thousands = options.thousandsSeparator ?? ',';
  const dec = options.decimalSeparator ?? '.';
  const key = `${thousands}|${dec}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const group = thousands === ' ' ? '[ \\u00a0\\u202f]' : esc(thousands);
    const whole = thousands ? `\\d{1,3}(?:${group}\\d{3})+|\\d+` : '\\d+';
    pattern = new RegExp(`^([+-]?)(${whole})?(?:${esc(dec)}(\\d*))?(?:e([+-]?\\d+))?([kmbt])?$`, 'i');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** How a number format reads in messages: `1,234.5 (thousands "," and decimal ".")`. */
function describeNumberFormat(options: NumberOptions): string {
  const thousands = options.thousandsSeparator ?? ',';
  const dec = options.decimalSeparator ?? '.';
  const sample = `1${thousands}234${dec}5`;
  return `${sample} (thousands ${thousands ? `"${thousands}"` : 'none'}, decimal "${dec}")`;
}

/**
 * Parses a decimal string exactly into { digits, exponent } (value = digits × 10^exponent), so
 * "475.8m" becomes 4758 × 10^5 with no floating-point error. Null when the text is not a number
 * in the stated format.
 */
function decimal(raw: string, options: NumberOptions): { negative: boolean; digits: string; exponent: number } | null {
  const m = numberPattern(options).exec(raw.trim());
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return null;
  const whole = (m[2] ?? '').replace(/\D/g, '');
  const fraction = m[3] ?? '';
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  const exponent = -fraction.length + (m[4] ? Number(m[4]) : 0) + (m[5] ? SUFFIX[m[5].toLowerCase()] : 0);
  return { negative: m[1] === '-', digits, exponent };
}

function toNumber(d: { negative: boolean; digits: string; exponent: number }): number {
  const n = Number(`${d.digits}e${d.exponent}`);
  return d.negative ? -n : n;
}

function notANumber(raw: string, what: string, options: NumberOptions): ParseFailure {
  return new ParseFailure(
    /\d/.test(raw)
      ? `${quote(raw)} is not ${what} in the file's number format ${describeNumberFormat(options)}`
      : `${quote(raw)} is not ${what}`,
  );
}

/**
 * Parses a count: "1,234", "3.3k" (3,300), "475.8m" (475,800,000), "29.0b" (29,000,000,000),
 * in the file's number format. Unknown spellings give null. A count must be a whole,
 * non-negative number once expanded, at most 2^53 − 1 (Postgres bigint holds it).
 */
export function parseCount(raw: string | undefined, options: NumberOptions = {}): Parsed<number> {
  // Fast path for the common case of plain digits (most cells of large exports).
  if (raw !== undefined && raw.length > 0 && raw.length < 16 && PLAIN_DIGITS.test(raw)) return Number(raw);
  if (isUnknown(raw)) return null;
  const error = spreadsheetError(raw);
  if (error) return error;
  const d = decimal(raw!, options);
  if (!d) return notANumber(raw!, 'a number', options);
  const n = toNumber(d);
  if (d.negative && n !== 0) return new ParseFailure(`${quote(raw!)} is negative; a count cannot be`);
  if (!Number.isSafeInteger(Math.round(n)))
    return new ParseFailure(`${quote(raw!)} is too large (a count is at most 9,007,199,254,740,991)`);
  if (Math.abs(n - Math.round(n)) > 1e-6) return new ParseFailure(`${quote(raw!)} is not a whole number`);
  return Math.round(n);
}

/**
 * Parses a rate into a fraction: "1.39%" → 0.0139 always; a bare number is read in `unit`
 * ("fraction": 0.0139, or "percent": 1.39 → 0.0139), in the file's number format. Unknown
 * spellings (including "NaN%") give null. `max` is the largest plausible fraction for the field
 * (1 = 100 % by default): a larger value, a negative one, Infinity or an overflow is a failure
 * naming the range.
 */
export function parseRate(
  raw: string | undefined,
  unit: 'fraction' | 'percent' = 'fraction',
  options: NumberOptions = {},
  max = 1,
): Parsed<number> {
  if (isUnknown(raw)) return null;
  const error = spreadsheetError(raw);
  if (error) return error;
  const text = raw!.trim();
  const percent = text.endsWith('%') || unit === 'percent';
  const d = decimal(text.replace(/\s*%$/, ''), options);
  if (!d) return notANumber(raw!, 'a rate', options);
  const value = toNumber({ ...d, exponent: d.exponent - (percent ? 2 : 0) });
  const range = `between 0 and ${max * 100}%`;
  if (!Number.isFinite(value)) return new ParseFailure(`${quote(raw!)} is not a finite number; a rate is ${range}`);
  if (value < 0 || value > max)
    return new ParseFailure(
      `${quote(raw!)} is outside the plausible range of this rate (${range}${percent ? '' : ', written as a fraction'})`,
    );
  return value;
}

/** Currency signs that name one currency; "$" names several (below). */
const CURRENCY_SIGNS: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '₩': 'KRW',
  '₺': 'TRY',
  '₽': 'RUB',
  zł: 'PLN',
  R$: 'BRL',
};
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD']);

/**
 * The currency a money cell names, if any: an ISO 4217 code ("EUR 12", "12 USD"), or a sign that
 * names one currency ("€", "£", "₹"); "$" gives "$" (several currencies use it); null when none.
 */
export function currencyOfCell(raw: string): string | null {
  const text = raw.trim();
  const code = /^([A-Z]{3})\s*[\d+\-.,]|[\d.,]\s*([A-Z]{3})$/.exec(text);
  if (code) return code[1] ?? code[2];
  for (const [sign, currency] of Object.entries(CURRENCY_SIGNS)) if (text.startsWith(sign) || text.endsWith(sign)) return currency;
  return /^[^\d]*\$|\$$/.test(text) ? '$' : null;
}

/**
 * Parses an amount of money into integer minor units (cents), in the file's number format, with a
 * currency sign or code before or after it: "1,234.56" → 123456, "1.234,56 €" (decimal comma) →
 * 123456. The amount keeps its decimals; more than two is a failure (no silent rounding). When
 * `currency` (the file's, ISO 4217) is given, a cell naming another currency is a failure: "€" in
 * a file read as USD is never stored as dollars.
 */
export function parseMoneyMinor(raw: string | undefined, options: NumberOptions = {}, currency?: string): Parsed<number> {
  if (isUnknown(raw)) return null;
  const error = spreadsheetError(raw);
  if (error) return error;
  if (currency) {
    const named = currencyOfCell(raw!);
    if (named && (named === '$' ? !DOLLARS.has(currency) : named !== currency))
      return new ParseFailure(
        `${quote(raw!)} is in ${named === '$' ? 'dollars' : named}, not the file's currency ${currency}: set the currency`,
      );
  }
  const amount = raw!.trim().replace(/^(?:[A-Za-z]{3}\s*|[^\d\s+\-.,]+\s*)|(?:\s*[A-Za-z]{3}|\s*[^\d\s.,kmbtKMBT]+)$/g, '');
  const d = decimal(amount, options);
  if (!d) return notANumber(raw!, 'an amount', options);
  const minor = toNumber({ ...d, exponent: d.exponent + 2 });
  if (!Number.isSafeInteger(Math.round(minor))) return new ParseFailure(`${quote(raw!)} is too large`);
  if (Math.abs(minor - Math.round(minor)) > 1e-6) return new ParseFailure(`${quote(raw!)} has more than two decimals`);
  return Math.round(minor);
}

/** Date formats a user can state, in date-fns tokens; "iso" accepts any ISO 8601 date or date-time. */
export const DATE_FORMATS = [
  'iso',
  'yyyy-MM-dd',
  'yyyy-MM-dd HH:mm:ss',
  'dd.MM.yyyy',
  'dd.MM',
  'yy.dd.MM',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
  'MM/dd/yyyy HH:mm',
  'MMM d, yyyy',
  'd-MMM-yy',
  'unix',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type DateOptions = {
  format: DateFormat;
  /** The year of dates written without one (required by such formats). */
  year?: number;
  /** IANA time zone the file's wall-clock times are in (default UTC). */
  timeZone?: string;
};

/** True when the format carries no year, so the user must state one. */
export function formatNeedsYear(format: DateFormat): boolean {
  return format !== 'iso' && format !== 'unix' && !format.includes('y');
}

const dateCaches = new Map<string, Map<string, Parsed<Date>>>();
/** The cache of an options object already seen (callers reuse one object per column). */
const cacheByOptions = new WeakMap<DateOptions, Map<string, Parsed<Date>>>();
/** Dates outside [1970, 2100) are typing or export errors (and some cannot be stored): a row error. */
const MIN_DATE = Date.UTC(1970, 0, 1);
const MAX_DATE = Date.UTC(2100, 0, 1);

/**
 * Parses a date or date-time in the stated format and time zone into a UTC instant.
 * Formats without a year use `year`. Results are memoised (exports repeat the same dates).
 * @throws Error when a year-less format is used without `year` (a mapping error, not a row error).
 */
export function parseDateValue(raw: string | undefined, options: DateOptions): Parsed<Date> {
  if (raw === undefined) return null;
  let cache = cacheByOptions.get(options);
  if (!cache) {
    const optionsKey = `${options.format}|${options.year ?? ''}|${options.timeZone ?? 'UTC'}`;
    cache = dateCaches.get(optionsKey);
    if (!cache) dateCaches.set(optionsKey, (cache = new Map()));
    cacheByOptions.set(options, cache);
  }
  // Exports repeat the same dates: most cells are answered here, before any other work.
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  if (isUnknown(raw)) return null;
  if (formatNeedsYear(options.format) && !options.year) throw new Error(`The date format ${options.format} has no year: state the year`);
  const text = raw!.trim();
  let date: Date;
  if (options.format === 'unix') {
    date = /^\d{9,13}$/.test(text) ? new Date(Number(text) * (text.length > 10 ? 1 : 1000)) : new Date(NaN);
  } else if (options.format === 'iso') {
    date = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? parseISO(text) : parseISO(text, { in: tz(options.timeZone ?? 'UTC') });
  } else {
    // Mid-year, so the reference falls in the stated year in every time zone.
    const reference = new Date(Date.UTC(options.year ?? 2000, 6, 1));
    date = parseDate(text, options.format, reference, { in: tz(options.timeZone ?? 'UTC') });
  }
  const result: Parsed<Date> = !isValid(date)
    ? (spreadsheetError(raw) ?? new ParseFailure(`${quote(text)} is not a date in the format ${options.format}`))
    : date.getTime() < MIN_DATE || date.getTime() >= MAX_DATE
      ? new ParseFailure(`${quote(text)} is outside the dates Reachboard accepts (1970-01-01 to 2099-12-31)`)
      : new Date(date.getTime());
  if (cache.size > 50_000) cache.clear();
  // The cache outlives the import: it keeps a copy of the cell, not a slice of the file's text.
  cache.set(ownText(raw!), result);
  return result;
}

/**
 * Text as stored: trimmed; unknown spellings give null; mojibake of UTF-8 read as Latin-1 is
 * repaired. A spreadsheet error value, or text longer than `maxLength` characters (what the field
 * can hold and index), is a failure quoting the start of the cell.
 */
export function parseText(raw: string | undefined, maxLength = 10_000): Parsed<string> {
  // Fast path (most cells of large exports): printable ASCII that no check below changes or refuses.
  if (raw !== undefined && raw.length <= maxLength && PLAIN_TEXT.test(raw) && !UNKNOWN_ASCII.test(raw)) return raw;
  if (isUnknown(raw)) return null;
  const error = spreadsheetError(raw);
  if (error) return error;
  const text = raw!.trim();
  if (text.length > maxLength)
    return new ParseFailure(`${quote(text)} is longer than the ${maxLength.toLocaleString('en-US')} characters this field holds`);
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text))
    return new ParseFailure(`${quote(text)} holds control or replacement characters: the file's encoding was probably misread`);
  return repairMojibake(text);
}

/**
 * Repairs text that was UTF-8, decoded as Latin-1/Windows-1252 and re-encoded ("CÃ´te d'Ivoire"
 * → "Côte d'Ivoire"). Text that does not decode cleanly is returned unchanged.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]/.test(text)) return text;
  const cp1252: Record<string, number> = {
    '€': 0x80,
    '‚': 0x82,
    ƒ: 0x83,
    '„': 0x84,
    '…': 0x85,
    '†': 0x86,
    '‡': 0x87,
    ˆ: 0x88,
    '‰': 0x89,
    Š: 0x8a,
    '‹': 0x8b,
    Œ: 0x8c,
    Ž: 0x8e,
    '‘': 0x91,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
    '•': 0x95,
    '–': 0x96,
    '—': 0x97,
    '˜': 0x98,
    '™': 0x99,
    š: 0x9a,
    '›': 0x9b,
    œ: 0x9c,
    ž: 0x9e,
    Ÿ: 0x9f,
  };
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else if (cp1252[ch] !== undefined) bytes.push(cp1252[ch]);
    else return text;
  }
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
  return decoded.includes('\ufffd') ? text : decoded;
}

/** Splits a tag list ("a|b|c" or "#a #b") into distinct, trimmed tags; unknown gives []; a tag over 200 characters or over 500 tags is a failure. */
export function parseTags(raw: string | undefined, separator: string): string[] | ParseFailure {
  if (isUnknown(raw)) return [];
  const error = spreadsheetError(raw);
  if (error) return error;
  const parts = separator === ' ' ? raw!.split(/\s+/) : raw!.split(separator);
  const tags = [...new Set(parts.map((t) => t.trim()).filter((t) => t && t !== '[none]'))];
  const long = tags.find((t) => t.length > 200);
  if (long) return new ParseFailure(`the tag ${quote(long)} is longer than 200 characters`);
  if (tags.length > 500) return new ParseFailure(`${tags.length} tags: at most 500 per post`);
  return tags;
}

/** Normalises an account handle for identity: trimmed, without a leading "@", lower-case. */
export function normaliseHandle(raw: string): string {
  return raw.trim().replace(/^@/, '').toLowerCase();
}

/** What {@link detectNumberFormat} found in a file's numbers. */
export type DetectedNumberFormat = {
  thousandsSeparator: ',' | '.' | ' ' | '';
  decimalSeparator: '.' | ',';
  /** A value that shows the format, e.g. "12,5", or null when every value reads the same either way. */
  evidence: string | null;
  /** True when values point both ways (e.g. "1.5" and "2,25"): the user must choose. */
  conflicting: boolean;
};

/**
 * Detects a file's decimal mark and thousands separator from sample cells of its numeric columns:
 * "12,5", "1.234,56" or "1.234.567" show a decimal comma; "12.5", "1,234.56" or "1,234,567" a
 * decimal point; "1 234" a space between thousands. Values that read the same either way
 * ("1234", "1,234" alone) show nothing. With no evidence, the default (1,234.5) stands.
 */
export function detectNumberFormat(samples: string[]): DetectedNumberFormat {
  let comma: string | null = null;
  let point: string | null = null;
  let space = false;
  for (const raw of samples) {
    const s = raw
      .trim()
      .replace(/^[^\d+-]+|[^\d]+$/g, '')
      .replace(/^[+-]/, '');
    if (!/\d/.test(s)) continue;
    if (/^\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(s)) space = true;
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^\d+,(\d{1,2}|\d{4,})$/.test(s) || /^\d{1,3}(\.\d{3}){2,}$/.test(s)) {
      comma ??= raw.trim();
    } else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d+\.(\d{1,2}|\d{4,})$/.test(s) || /^\d{1,3}(,\d{3}){2,}$/.test(s)) {
      point ??= raw.trim();
    } else if (/^\d{1,3}([ \u00a0\u202f]\d{3})+,\d+$/.test(s)) comma ??= raw.trim();
  }
  if (comma && !point) return { thousandsSeparator: space ? ' ' : '.', decimalSeparator: ',', evidence: comma, conflicting: false };
  return {
    thousandsSeparator: space ? ' ' : ',',
    decimalSeparator: '.',
    evidence: point ?? (space ? samples.find((v) => /\d[ \u00a0\u202f]\d/.test(v))!.trim() : null),
    conflicting: !!(comma && point),
  };
}
