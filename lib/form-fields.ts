import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';

/** Shared zod fields for form input (strings from FormData, or JSON values). */

/** Currencies Intl knows (ISO 4217), so every amount can be formatted. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Empty form fields are "not set". */
export const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A money amount in major units ("12,000.50") as minor units (cents). */
export const amountMinor = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .transform((s) => s.replace(/[,\s]/g, ''))
    .pipe(z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'Enter an amount like 12000 or 12000.50'))
    .transform((s) => Math.round(Number(s) * 100))
    .optional(),
);

/** A whole, positive count ("1,000,000"). */
export const count = z.preprocess(
  (v) => (typeof v === 'string' ? blank(v.replace(/[,\s]/g, '')) : v),
  z.coerce.number('Enter a whole number').int('Enter a whole number').positive('Must be more than 0').max(1e15, 'Too large').optional(),
);

export const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
    .refine((s) => isValid(parseISO(s)), 'Not a calendar date')
    .optional(),
);

export const optionalText = (max: number) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(max, `At most ${max.toLocaleString('en-US')} characters`)
      .optional(),
  );

/** An ISO 4217 currency code Intl can format ("usd" → "USD"). */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.has(c), 'Use a 3-letter ISO currency code, e.g. USD');
