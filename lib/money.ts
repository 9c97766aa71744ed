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
