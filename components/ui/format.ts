import { dateTimeFormat, numberFormat, relativeTimeFormat } from '@/lib/text/formatters';

export { formatMoney } from '@/lib/money';

/** Formats a date (or ISO date string) as "Nov 21, 2026" in UTC. */
export function formatDate(value: Date | string | null): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return dateTimeFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** "3 minutes ago", "2 days ago" relative to `now`. */
export function formatRelative(value: Date, now: Date = new Date()): string {
  const seconds = Math.round((value.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = relativeTimeFormat({ numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return 'just now';
}

/** A count as "12,345" (exact) or, with `compact`, "12.3K"; null as "—". */
export function formatNumber(value: number | null, options: { compact?: boolean; digits?: number } = {}): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return numberFormat({
    notation: options.compact ? 'compact' : 'standard',
    maximumFractionDigits: options.digits ?? (options.compact ? 1 : 0),
  }).format(value);
}

/** An estimated count (a forecast's point or bound, fractional) as a whole count, compact: 944.1 → "944", 82,234 → "82.2K"; null as "—". */
export function formatEstimatedCount(value: number | null): string {
  return formatNumber(value === null ? null : Math.round(value), { compact: true });
}

/** A fraction as a percentage: 0.0139 → "1.39%"; null as "—". */
export function formatPercent(value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A date-time as "Sep 13, 2017, 00:00 UTC". */
export function formatDateTime(value: Date | string | null): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(d)} UTC`;
}
