import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { platform } from '@/db/schema';
import { ENCODINGS } from './encodings';
import { DATE_FORMATS, formatNeedsYear, quote } from './values';

/** Account-level fields an import can fill (one row = one account at one moment). */
export const ACCOUNT_FIELDS = [
  'handle',
  'platform',
  'displayName',
  'followers',
  'following',
  'postsCount',
  'avgLikes',
  'engagementRate',
  'totalLikes',
  'totalViews',
  'country',
  'category',
  'capturedAt',
] as const;

/** Post-level fields an import can fill (one row = one post at one moment). */
export const POST_FIELDS = [
  'platformPostId',
  'accountHandle',
  'accountDisplayName',
  'platform',
  'publishedAt',
  'title',
  'tags',
  'mediaType',
  'url',
  'platformCategoryId',
  'views',
  'likes',
  'dislikes',
  'comments',
  'shares',
  'saves',
  'reach',
  'impressions',
  'clicks',
  'conversions',
  'revenue',
  'cost',
  'capturedAt',
] as const;

export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export type PostField = (typeof POST_FIELDS)[number];
export type ImportField = AccountField | PostField;

export const REQUIRED_FIELDS = {
  account: ['handle', 'platform', 'capturedAt'],
  post: ['platformPostId', 'accountHandle', 'platform', 'capturedAt'],
} as const satisfies Record<'account' | 'post', readonly ImportField[]>;

/** How each field's cells are read. */
export const FIELD_TYPES: Record<ImportField, 'text' | 'count' | 'rate' | 'date' | 'money' | 'tags' | 'platform' | 'mediaType'> = {
  handle: 'text',
  accountHandle: 'text',
  displayName: 'text',
  accountDisplayName: 'text',
  platformPostId: 'text',
  title: 'text',
  url: 'text',
  platformCategoryId: 'text',
  country: 'text',
  category: 'text',
  platform: 'platform',
  mediaType: 'mediaType',
  tags: 'tags',
  followers: 'count',
  following: 'count',
  postsCount: 'count',
  avgLikes: 'count',
  totalLikes: 'count',
  totalViews: 'count',
  views: 'count',
  likes: 'count',
  dislikes: 'count',
  comments: 'count',
  shares: 'count',
  saves: 'count',
  reach: 'count',
  impressions: 'count',
  clicks: 'count',
  conversions: 'count',
  engagementRate: 'rate',
  revenue: 'money',
  cost: 'money',
  capturedAt: 'date',
  publishedAt: 'date',
};

/**
 * The error of a key a mapping does not know: names it and the nearest known key, so a typo such
 * as "option" for "options" is an error instead of a silently different reading of the file.
 */
function unknownKeys(known: string[]) {
  return (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys
          .slice(0, 10)
          .map((k) => `${quote(k)} is not a known key (did you mean "${closest(k.slice(0, 100), known)}"?)`)
          .join('; ')
      : undefined;
}

const optionsShape = {
  /** Format of date cells (and date constants), in date-fns tokens; see docs/import-mapping.md. */
  dateFormat: z.enum(DATE_FORMATS).default('iso'),
  /** Year of dates written without one, e.g. 2017 for "21.09". */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  /** IANA time zone of the file's dates and times. */
  timeZone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'Unknown time zone'),
  thousandsSeparator: z.enum([',', '.', ' ', '']).default(','),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  /** How bare rate numbers (without "%") are written. */
  rateUnit: z.enum(['fraction', 'percent']).default('fraction'),
  tagSeparator: z.string().min(1).max(3).default('|'),
  /** ISO 4217 currency of revenue and cost cells. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'Use a 3-letter ISO 4217 code such as USD')
    .default('USD'),
  /** CSV delimiter; detected from the file when absent. */
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** Text encoding of the file; detected from the file when absent (lib/imports/detect-encoding.ts). */
  encoding: z.enum(ENCODINGS).optional(),
};
const optionsSchema = z.strictObject(optionsShape, { error: unknownKeys(Object.keys(optionsShape)) });

/** The keys of a mapping's `options`. */
export const OPTION_KEYS = Object.keys(optionsShape) as (keyof typeof optionsShape)[];

/**
 * A column mapping (the JSON of a preset and of the CLI's --mapping): which file column fills
 * which field, constants for fields the file lacks, and how values are written.
 */
const mappingShape = {
  version: z.literal(1).default(1),
  kind: z.enum(['account', 'post']),
  columns: z.record(z.string(), z.string().min(1)).default({}),
  constants: z.record(z.string(), z.string()).default({}),
  options: optionsSchema.default(optionsSchema.parse({})),
};
export const mappingSchema = z.strictObject(mappingShape, { error: unknownKeys(Object.keys(mappingShape)) }).superRefine((m, ctx) => {
  const allowed: readonly string[] = m.kind === 'account' ? ACCOUNT_FIELDS : POST_FIELDS;
  for (const [where, record] of [
    ['columns', m.columns],
    ['constants', m.constants],
  ] as const) {
    for (const field of Object.keys(record)) {
      if (!allowed.includes(field))
        ctx.addIssue({
          code: 'custom',
          path: [where, field],
          message: `is not a ${m.kind}-level field (did you mean "${closest(field, [...allowed])}"?)`,
        });
    }
  }
  for (const field of Object.keys(m.columns)) {
    if (field in m.constants)
      ctx.addIssue({ code: 'custom', path: ['constants', field], message: 'is mapped to a column and set to a constant: choose one' });
  }
  for (const field of REQUIRED_FIELDS[m.kind]) {
    if (!(field in m.columns) && !(field in m.constants)) {
      ctx.addIssue({ code: 'custom', path: ['columns', field], message: 'is required: map it to a column or set a constant' });
    }
  }
  if (formatNeedsYear(m.options.dateFormat) && !m.options.year) {
    ctx.addIssue({
      code: 'custom',
      path: ['options', 'year'],
      message: `is required: dates in the format ${m.options.dateFormat} have no year`,
    });
  }
  if (m.constants.platform && !(platform.enumValues as readonly string[]).includes(m.constants.platform)) {
    ctx.addIssue({ code: 'custom', path: ['constants', 'platform'], message: `must be one of ${platform.enumValues.join(', ')}` });
  }
});

export type ImportMapping = z.infer<typeof mappingSchema>;
export type ImportMappingInput = z.input<typeof mappingSchema>;

/** Platforms an import can name. */
export const PLATFORMS = platform.enumValues;
