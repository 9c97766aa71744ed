import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { formatISO } from 'date-fns/formatISO';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { startOfMonth } from 'date-fns/startOfMonth';
import { subDays } from 'date-fns/subDays';
import { z } from 'zod';
import { ValidationError } from '../errors';

/** Period presets offered in the UI, in days. */
export const PERIOD_PRESETS = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;
export type PeriodPreset = keyof typeof PERIOD_PRESETS;

/** A closed range of UTC calendar days, `YYYY-MM-DD` both ends inclusive. */
export type DayRange = { from: string; to: string };

/**
 * The period a dashboard shows: the range, its length in days, the preset it came from
 * ("custom" for an explicit range) and the previous period of the same length right before it.
 */
export type Period = DayRange & { days: number; preset: PeriodPreset | 'custom'; previous: DayRange };

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isValid(parseISO(s)), 'is not a calendar date');

/** The URL search parameters a period is read from: `?period=30d` or `?from=…&to=…`. */
export const periodQuerySchema = z.object({
  period: z.enum(Object.keys(PERIOD_PRESETS) as [PeriodPreset, ...PeriodPreset[]]).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

const day = (d: Date) => formatISO(d, { representation: 'date' });

/**
 * Resolves a period from URL parameters. An explicit `from`–`to` wins; else a preset (default
 * 30 days) ending on `anchorDay`: the day of the latest data, so a dashboard over an older export
 * is not empty ("last 30 days of data"), or today when there is no data.
 * @throws ValidationError when `from` is after `to` or the range exceeds 5 years.
 */
export function resolvePeriod(query: PeriodQuery, anchorDay: string): Period {
  let from: string;
  let to: string;
  let preset: Period['preset'];
  if (query.from && query.to) {
    from = query.from;
    to = query.to;
    preset = 'custom';
    if (from > to) throw new ValidationError('The period starts after it ends', { from: 'must be on or before "to"' });
  } else {
    preset = query.period ?? '30d';
    to = query.to ?? anchorDay;
    from = day(subDays(parseISO(to), PERIOD_PRESETS[preset] - 1));
  }
  const days = differenceInCalendarDays(parseISO(to), parseISO(from)) + 1;
  if (days > 366 * 5) throw new ValidationError('The period is longer than 5 years', { from: 'choose a shorter range' });
  const previousTo = day(subDays(parseISO(from), 1));
  return { from, to, days, preset, previous: { from: day(subDays(parseISO(previousTo), days - 1)), to: previousTo } };
}

/** The half-open timestamp bounds [start, end) of a day range, as ISO strings for SQL. */
export function rangeBounds(range: DayRange): { start: string; end: string } {
  return { start: `${range.from}T00:00:00.000Z`, end: `${day(addDays(parseISO(range.to), 1))}T00:00:00.000Z` };
}

/** Every day of a range, in order (for filling chart gaps with unknown values). */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = parseISO(range.from); day(d) <= range.to; d = addDays(d, 1)) out.push(day(d));
  return out;
}

/**
 * The calendar months lying wholly inside a day range, as the first days of the first and last
 * such month (`YYYY-MM-DD`), with the leading and trailing partial ranges around them (null when
 * empty); null when no whole month fits. Lets a query read whole months from a monthly rollup and
 * only the edges day by day.
 */
export function wholeMonthsOf(
  range: DayRange,
): { firstMonth: string; lastMonth: string; head: DayRange | null; tail: DayRange | null } | null {
  const from = parseISO(range.from);
  const to = parseISO(range.to);
  const first = day(startOfMonth(from)) === range.from ? from : addMonths(startOfMonth(from), 1);
  const last = day(endOfMonth(to)) === range.to ? startOfMonth(to) : addMonths(startOfMonth(to), -1);
  if (first > last) return null;
  const afterLast = addMonths(last, 1);
  return {
    firstMonth: day(first),
    lastMonth: day(last),
    head: first > from ? { from: range.from, to: day(subDays(first, 1)) } : null,
    tail: afterLast <= to ? { from: day(afterLast), to: range.to } : null,
  };
}
