import { tz } from '@date-fns/tz';
import { isValid, parse as parseDate, parseISO } from 'date-fns';

/** Why a cell's text is not a valid value. */
export class ParseFailure {
  constructor(readonly reason: string) {}
}

/**
 * What a cell parser returns: the value, null for unknown (empty, `NaN`, `N/A`, `-`), or a
 * ParseFailure. No wrapper object per cell: large imports parse millions of them.
 */
export type Parsed<T> = T | null | ParseFailure;

const UNKNOWN = new Set(['', 'nan', 'nan%', 'n/a', 'na', 'null', 'none', '-', '—', '–', '#n/a']);

/** True for the spellings of "no value" seen in real exports. Unknown is stored as null, never 0. */
export function isUnknown(raw: string | undefined | null): boolean {
  return raw == null || UNKNOWN.has(raw.trim().toLowerCase());
}

export type NumberOptions = {
  /** Character between thousands groups in the file: "," (default), ".", " " or "" for none. */
  thousandsSeparator?: ',' | '.' | ' ' | '';
  /** Decimal mark in the file: "." (default) or ",". */
  decimalSeparator?: '.' | ',';
};

const PLAIN_DIGITS = /^\d+$/;
const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };

/**
 * Parses a decimal string exactly into { digits, exponent } (value = digits × 10^exponent), so
 * "475.8m" becomes 4758 × 10^5 with no floating-point error.
 */
function decimal(raw: string, options: NumberOptions): { negative: boolean; digits: string; exponent: number } | null {
  const thousands = options.thousandsSeparator ?? ',';
  const dec = options.decimalSeparator ?? '.';
  let s = raw.trim().replace(/\u00a0/g, ' ');
  if (thousands) s = s.split(thousands).join('');
  if (dec === ',') s = s.replace(',', '.');
  s = s.replace(/\s+/g, '');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?([kmbt])?$/i.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const fraction = m[3] ?? '';
  const digits = (m[2] + fraction).replace(/^0+(?=\d)/, '');
  const exponent = -fraction.length + (m[4] ? Number(m[4]) : 0) + (m[5] ? SUFFIX[m[5].toLowerCase()] : 0);
  return { negative: m[1] === '-', digits, exponent };
}

function toNumber(d: { negative: boolean; digits: string; exponent: number }): number {
  const n = Number(`${d.digits}e${d.exponent}`);
  return d.negative ? -n : n;
}

/**
 * Parses a count: "1,234", "3.3k" (3,300), "475.8m" (475,800,000), "29.0b" (29,000,000,000).
 * Unknown spellings give null. A count must be a whole, non-negative number once expanded.
 */
export function parseCount(raw: string | undefined, options: NumberOptions = {}): Parsed<number> {
  // Fast path for the common case of plain digits (most cells of large exports).
  if (raw !== undefined && raw.length > 0 && raw.length < 16 && PLAIN_DIGITS.test(raw)) return Number(raw);
  if (isUnknown(raw)) return null;
  const d = decimal(raw!, options);
  if (!d) return new ParseFailure(`"${raw}" is not a number`);
  const n = toNumber(d);
  if (d.negative && n !== 0) return new ParseFailure(`"${raw}" is negative; a count cannot be`);
  if (!Number.isSafeInteger(Math.round(n))) return new ParseFailure(`"${raw}" is too large`);
  if (Math.abs(n - Math.round(n)) > 1e-6) return new ParseFailure(`"${raw}" is not a whole number`);
  return Math.round(n);
}

/**
 * Parses a rate into [0, 1]: "1.39%" → 0.0139 always; a bare number is read in `unit`
 * ("fraction": 0.0139, or "percent": 1.39 → 0.0139). Unknown spellings (including "NaN%") give null.
 */
export function parseRate(raw: string | undefined, unit: 'fraction' | 'percent' = 'fraction', options: NumberOptions = {}): Parsed<number> {
  if (isUnknown(raw)) return null;
  const text = raw!.trim();
  const percent = text.endsWith('%') || unit === 'percent';
  const d = decimal(text.replace(/%$/, ''), options);
  if (!d) return new ParseFailure(`"${raw}" is not a rate`);
  const value = toNumber({ ...d, exponent: d.exponent - (percent ? 2 : 0) });
  if (value < 0) return new ParseFailure(`"${raw}" is negative; a rate cannot be`);
  return value;
}

/** Parses an amount of money into integer minor units (cents): "1,234.56" → 123456. */
export function parseMoneyMinor(raw: string | undefined, options: NumberOptions = {}): Parsed<number> {
  if (isUnknown(raw)) return null;
  const d = decimal(raw!.replace(/^[^\d+-.,]+|[^\d.,kmbtKMBT]+$/g, ''), options);
  if (!d) return new ParseFailure(`"${raw}" is not an amount`);
  const minor = toNumber({ ...d, exponent: d.exponent + 2 });
  if (!Number.isSafeInteger(Math.round(minor))) return new ParseFailure(`"${raw}" is too large`);
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

/**
 * Parses a date or date-time in the stated format and time zone into a UTC instant.
 * Formats without a year use `year`. Results are memoised (exports repeat the same dates).
 * @throws Error when a year-less format is used without `year` (a mapping error, not a row error).
 */
export function parseDateValue(raw: string | undefined, options: DateOptions): Parsed<Date> {
  if (isUnknown(raw)) return null;
  if (formatNeedsYear(options.format) && !options.year) throw new Error(`The date format ${options.format} has no year: state the year`);
  const optionsKey = `${options.format}|${options.year ?? ''}|${options.timeZone ?? 'UTC'}`;
  let cache = dateCaches.get(optionsKey);
  if (!cache) dateCaches.set(optionsKey, (cache = new Map()));
  const hit = cache.get(raw!);
  if (hit) return hit;
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
  const result: Parsed<Date> = isValid(date)
    ? new Date(date.getTime())
    : new ParseFailure(`"${raw}" is not a date in the format ${options.format}`);
  if (cache.size > 50_000) cache.clear();
  cache.set(raw!, result);
  return result;
}

/** Text as stored: trimmed; unknown spellings give null; mojibake of UTF-8 read as Latin-1 is repaired. */
export function parseText(raw: string | undefined): string | null {
  if (isUnknown(raw)) return null;
  return repairMojibake(raw!.trim());
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

/** Splits a tag list ("a|b|c" or "#a #b") into distinct, trimmed tags; unknown gives []. */
export function parseTags(raw: string | undefined, separator: string): string[] {
  if (isUnknown(raw)) return [];
  const parts = separator === ' ' ? raw!.split(/\s+/) : raw!.split(separator);
  return [...new Set(parts.map((t) => t.trim()).filter((t) => t && t !== '[none]'))];
}

/** Normalises an account handle for identity: trimmed, without a leading "@", lower-case. */
export function normaliseHandle(raw: string): string {
  return raw.trim().replace(/^@/, '').toLowerCase();
}
