/**
 * Neutralises a cell against spreadsheet formula injection (OWASP "CSV Injection"): text starting
 * with =, +, -, @, tab or carriage return gets a leading apostrophe so spreadsheets show it as text.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
