import { mediaType as mediaTypeEnum, platform as platformEnum } from '@/db/schema';
import { readPostId } from '../platform-ids';
import { FIELD_TYPES, REQUIRED_FIELDS, type ImportField, type ImportMapping } from './mapping';
import {
  normaliseHandle,
  ParseFailure,
  parseCount,
  parseDateValue,
  parseMoneyMinor,
  parseRate,
  parseTags,
  parseText,
  quote,
  QUOTE_LIMIT,
  type Parsed,
} from './values';

type Platform = (typeof platformEnum.enumValues)[number];
type MediaType = (typeof mediaTypeEnum.enumValues)[number];

/** An account-level row ready to write. Null metrics are unknown. */
export type AccountRecord = {
  line: number;
  platform: Platform;
  handle: string;
  displayName: string | null;
  capturedAt: Date;
  followers: number | null;
  following: number | null;
  postsCount: number | null;
  avgLikes: number | null;
  engagementRate: number | null;
  totalLikes: number | null;
  totalViews: number | null;
  country: string | null;
  category: string | null;
};

/** A post-level row ready to write. Null metrics are unknown. */
export type PostRecord = {
  line: number;
  platform: Platform;
  platformPostId: string;
  accountHandle: string;
  accountDisplayName: string | null;
  publishedAt: Date | null;
  title: string | null;
  tags: string[];
  mediaType: MediaType | null;
  url: string | null;
  platformCategoryId: string | null;
  capturedAt: Date;
  views: number | null;
  likes: number | null;
  dislikes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  reach: number | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  revenueMinor: number | null;
  revenueCurrency: string | null;
  /** What the organization paid for the post (an agency sheet's fee), in minor units of `costCurrency`. */
  costMinor: number | null;
  costCurrency: string | null;
};

export type RowError = { line: number; column: string | null; reason: string };
/**
 * A row ready to write, a row error, or a summary row (a "Total" or "Average" line an export adds
 * to its data): skipped and reported, never imported.
 */
export type MappedRow = { ok: true; record: AccountRecord | PostRecord } | { ok: false; error: RowError; summary?: true };

/** The most characters each text field holds (ids and handles are indexed; the rest is display text). */
const TEXT_LIMITS: Partial<Record<ImportField, number>> = {
  handle: 100,
  accountHandle: 100,
  displayName: 200,
  accountDisplayName: 200,
  platformPostId: 2_048,
  url: 2_048,
  platformCategoryId: 64,
  country: 100,
  category: 100,
  title: 10_000,
};

/** What exports write in the id cell of a summary row. */
const SUMMARY_LABEL = /^(?:totals?|grand total|sum|average|averages|mean|summary|overall|gesamt|summe|total général)$/i;

const MEDIA_ALIASES: Record<string, MediaType> = {
  photo: 'image',
  picture: 'image',
  'carousel album': 'carousel',
  album: 'carousel',
  clip: 'reel',
  shorts: 'short',
  stream: 'live',
  // Meta Business Suite's "Post type" column.
  'ig image': 'image',
  'ig reel': 'reel',
  'ig carousel': 'carousel',
  'ig story': 'story',
  'ig video': 'video',
};

/**
 * Compiles a mapping against a file header into a function from a CSV record to a record ready
 * to write, or to the first problem of the row (line, column, reason).
 * @throws Error naming the mapped columns missing from the header (a mapping error, not a row error).
 */
export function compileMapping(mapping: ImportMapping, headers: string[]): (line: number, cells: string[]) => MappedRow {
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = Object.values(mapping.columns).filter((c) => !index.has(c.trim().toLowerCase()));
  if (missing.length)
    throw new Error(
      `The file has no column ${missing.map((c) => quote(c)).join(', ')}; its columns are ${headers
        .slice(0, 30)
        .map((h) => (h.length > QUOTE_LIMIT ? quote(h) : h))
        .join(', ')}${headers.length > 30 ? `, … (${headers.length} in all)` : ''}`,
    );
  const fields = Object.keys({ ...mapping.columns, ...mapping.constants }) as ImportField[];
  type Source = { kind: 'column'; index: number } | { kind: 'constant'; value: string };
  const source = new Map<ImportField, Source>(
    fields.map((f): [ImportField, Source] =>
      f in mapping.columns
        ? [f, { kind: 'column', index: index.get(mapping.columns[f].trim().toLowerCase())! }]
        : [f, { kind: 'constant', value: mapping.constants[f] }],
    ),
  );
  const o = mapping.options;
  const required = new Set<ImportField>(REQUIRED_FIELDS[mapping.kind]);
  // The identity column (post id or handle) tells a summary row: "Total" there, or nothing there
  // while a metric column has a value.
  const idField: ImportField = mapping.kind === 'post' ? 'platformPostId' : 'handle';
  const idSource = source.get(idField);
  const idIndex = idSource?.kind === 'column' ? idSource.index : -1;
  const columnsOf = (types: string[]) =>
    fields.flatMap((f) => {
      const s = source.get(f)!;
      return s.kind === 'column' && s.index !== idIndex && types.includes(FIELD_TYPES[f]) ? [s.index] : [];
    });
  const metricIndexes = columnsOf(['count', 'rate', 'money']);
  const labelIndexes = columnsOf(['text', 'date', 'tags']);
  const blank = (cells: string[], i: number) => (cells[i] ?? '').trim() === '';
  const summaryRow = (line: number, cells: string[]): MappedRow | null => {
    if (idIndex < 0) return null;
    const id = (cells[idIndex] ?? '').trim();
    const label = SUMMARY_LABEL.test(id);
    // Without a label: no id, no title, date or name, but totals in the metric columns.
    const unlabelled = id === '' && labelIndexes.every((i) => blank(cells, i)) && metricIndexes.some((i) => !blank(cells, i));
    if (!label && !unlabelled) return null;
    return {
      ok: false,
      summary: true,
      error: {
        line,
        column: headers[idIndex],
        reason: label ? `summary row skipped (${quote(id)} with the file's totals)` : 'summary row skipped (no id, with totals)',
      },
    };
  };

  // Date constants are written in ISO 8601 ("2022-01-01"), whatever the file's date format.
  // One options object each, so the date parser finds its cache without building a key per cell.
  const columnDates = { format: o.dateFormat, year: o.year, timeZone: o.timeZone };
  const constantDates = { format: 'iso' as const, year: o.year, timeZone: o.timeZone };
  /** The parser of a field's cells, chosen once. */
  function parserFor(field: ImportField, constant: boolean): (raw: string | undefined) => Parsed<unknown> {
    const dates = constant ? constantDates : columnDates;
    const maxLength = TEXT_LIMITS[field];
    switch (FIELD_TYPES[field]) {
      case 'count':
        return (raw) => parseCount(raw, o);
      case 'rate':
        return (raw) => parseRate(raw, o.rateUnit, o);
      case 'money':
        return (raw) => parseMoneyMinor(raw, o, o.currency);
      case 'date':
        return (raw) => parseDateValue(raw, dates);
      case 'tags':
        return (raw) => parseTags(raw, o.tagSeparator);
      case 'platform':
        return parsePlatform;
      case 'mediaType':
        return parseMediaType;
      default:
        return (raw) => parseText(raw, maxLength);
    }
  }
  function parsePlatform(raw: string | undefined): Parsed<unknown> {
    const text = parseText(raw, 100);
    if (text === null || text instanceof ParseFailure) return text;
    const v = text.toLowerCase();
    return (platformEnum.enumValues as readonly string[]).includes(v)
      ? v
      : new ParseFailure(`"${raw}" is not a platform (${platformEnum.enumValues.join(', ')})`);
  }
  function parseMediaType(raw: string | undefined): Parsed<unknown> {
    const text = parseText(raw, 100);
    if (text === null || text instanceof ParseFailure) return text;
    const v = text.toLowerCase();
    const known = (mediaTypeEnum.enumValues as readonly string[]).includes(v) ? (v as MediaType) : MEDIA_ALIASES[v];
    return known ?? 'other';
  }

  // One step per mapped field, compiled once: where its value comes from, its parser, and how it
  // lands on the record. A constant is parsed once, not per row.
  type Step = {
    field: ImportField;
    index: number;
    column: string;
    parse: (raw: string | undefined) => Parsed<unknown>;
    constant: Parsed<unknown>;
  };
  const steps: Step[] = fields.map((field) => {
    const s = source.get(field)!;
    const column = s.kind === 'column' ? headers[s.index] : `constant ${field}`;
    if (s.kind === 'column') return { field, index: s.index, column, parse: parserFor(field, false), constant: null };
    return { field, index: -1, column, parse: () => null, constant: parserFor(field, true)(s.value) };
  });
  const requiredSteps = steps.map((step) => required.has(step.field));

  return (line, cells) => {
    if (cells.length !== headers.length) {
      return {
        ok: false,
        error: { line, column: null, reason: `wrong number of fields: expected ${headers.length}, found ${cells.length}` },
      };
    }
    const summary = summaryRow(line, cells);
    if (summary) return summary;
    // One object of a fixed shape per row (every field present from the start): cheap for V8.
    const record: Record<string, unknown> =
      mapping.kind === 'account'
        ? {
            line,
            platform: null,
            handle: null,
            displayName: null,
            capturedAt: null,
            followers: null,
            following: null,
            postsCount: null,
            avgLikes: null,
            engagementRate: null,
            totalLikes: null,
            totalViews: null,
            country: null,
            category: null,
          }
        : {
            line,
            platform: null,
            platformPostId: null,
            accountHandle: null,
            accountDisplayName: null,
            publishedAt: null,
            title: null,
            tags: [],
            mediaType: null,
            url: null,
            platformCategoryId: null,
            capturedAt: null,
            views: null,
            likes: null,
            dislikes: null,
            comments: null,
            shares: null,
            saves: null,
            reach: null,
            impressions: null,
            clicks: null,
            conversions: null,
            revenueMinor: null,
            revenueCurrency: null,
            costMinor: null,
            costCurrency: null,
          };
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      const field = step.field;
      const parsed = step.index >= 0 ? step.parse(cells[step.index]) : step.constant;
      if (parsed instanceof ParseFailure) return { ok: false, error: { line, column: step.column, reason: parsed.reason } };
      if (parsed === null && requiredSteps[k]) {
        return { ok: false, error: { line, column: step.column, reason: `missing required field ${field}` } };
      }
      if (field === 'revenue') {
        record.revenueMinor = parsed;
        record.revenueCurrency = parsed === null ? null : o.currency;
      } else if (field === 'cost') {
        record.costMinor = parsed;
        record.costCurrency = parsed === null ? null : o.currency;
      } else if (field === 'handle' || field === 'accountHandle') record[field] = normaliseHandle(parsed as string);
      else record[field] = parsed ?? (field === 'tags' ? [] : null);
    }
    if (mapping.kind === 'post') {
      // A post id is checked against its platform's form (or read from the post's URL).
      const id = readPostId(record.platform as Platform, record.platformPostId as string);
      if (typeof id !== 'string') {
        const s = source.get('platformPostId')!;
        return {
          ok: false,
          error: {
            line,
            column: s.kind === 'column' ? headers[s.index] : 'constant platformPostId',
            reason: `${quote(record.platformPostId as string)} ${id.error}`,
          },
        };
      }
      record.platformPostId = id;
    }
    return { ok: true, record: record as unknown as AccountRecord | PostRecord };
  };
}
