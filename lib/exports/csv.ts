import Papa from 'papaparse';
import { safeCell } from '../csv/safe-cell';

/** A CSV cell: text is neutralised against formula injection; numbers stay numbers; null is empty (unknown). */
export type Cell = string | number | boolean | Date | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString();
  return safeCell(v);
}

/** Money in major units with two decimals, as exports write it (docs/exports.md): 12050 → "120.50"; null stays null. */
export const major = (minor: number | null): string | null => (minor === null ? null : (minor / 100).toFixed(2));

/** Rows as CSV text (RFC 4180 quoting by papaparse), each line ending in CRLF. */
export function csvLines(rows: Cell[][]): string {
  if (rows.length === 0) return '';
  return (
    Papa.unparse(
      rows.map((r) => r.map(cell)),
      { newline: '\r\n' },
    ) + '\r\n'
  );
}

/** A CSV export: the download name and its text, produced a page at a time. */
export type CsvExport = { fileName: string; chunks: AsyncGenerator<string> };

/** Rows read page by page with `next(after)` until a page comes back empty (keyset pagination). */
export async function* pagedCsv<Row, Key>(
  header: string[],
  next: (after: Key | null) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  toCells: (row: Row) => Cell[],
): AsyncGenerator<string> {
  yield csvLines([header]);
  let after: Key | null = null;
  for (;;) {
    const page = await next(after);
    if (page.length === 0) return;
    after = keyOf(page[page.length - 1]);
    yield csvLines(page.map(toCells));
  }
}

/** A file name safe for Content-Disposition. */
export function exportFileName(...parts: string[]): string {
  return `${parts
    .join('-')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')}.csv`;
}
