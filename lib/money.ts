/** Formats integer minor units of an ISO 4217 currency, e.g. (2500000, 'USD') → "$25,000". */
export function formatMoney(minor: number | null, currency: string): string {
  if (minor === null) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(
    minor / 100,
  );
}
