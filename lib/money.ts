import { numberFormat } from './text/formatters';
/**
 * Formats minor units of an ISO 4217 currency, e.g. (2500000, 'USD') → "$25,000". `maxFractionDigits`
 * shows costs per unit that are fractions of a cent (CPE 0.33 cents → "$0.0033" with 4).
 */
export function formatMoney(minor: number | null, currency: string, maxFractionDigits = 2): string {
  if (minor === null) return '—';
  return numberFormat({
    style: 'currency',
    currency,
    maximumFractionDigits: minor % 100 === 0 ? 0 : maxFractionDigits,
  }).format(minor / 100);
}

/**
 * A decimal amount as a shop API sends it ("199.00", "1500" for JPY) in integer minor units of
 * `currency` (ISO 4217 exponent from Intl: USD 2, JPY 0, KWD 3), exactly — no float rounding.
 * @returns null when `amount` is not a plain non-negative decimal or has more decimals than the currency.
 */
export function decimalToMinor(amount: string, currency: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(amount.trim());
  if (!match) return null;
  const digits = currencyExponent(currency);
  if (digits === null) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const minor = Number(match[1] + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** The ISO 4217 minor-unit exponent of `currency` (USD 2, JPY 0, KWD 3) from Intl; null for an unknown code. */
export function currencyExponent(currency: string): number | null {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
}
