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

/**
 * A CSV export: the download name and its text, produced a page at a time; `rows` counts the data
 * rows produced so far (headers and section lines are not rows).
 */
export type CsvExport = { fileName: string; chunks: AsyncGenerator<string>; rows: () => number };

/** Rows read a page at a time. */
export type RowPages<Row> = AsyncIterable<Row[]>;

/** Counts data rows as CSV pages pass. */
export class RowCounter {
  count = 0;
  /** The CSV of `rows`, counted. */
  lines(rows: Cell[][]): string {
    this.count += rows.length;
    return csvLines(rows);
  }
}

/**
 * The CSV of a header and rows read page by page (a server-side cursor, db/cursor.ts, which fetches
 * the next page while this one is formatted): one chunk per page, each row counted in `counter`.
 */
export async function* pagedCsv<Row>(header: string[], pages: RowPages<Row>, toCells: (row: Row) => Cell[], counter: RowCounter) {
  yield csvLines([header]);
  for await (const page of pages) yield counter.lines(page.map(toCells));
}

/** A file name safe for Content-Disposition. */
export function exportFileName(...parts: string[]): string {
  return `${parts
    .join('-')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')}.csv`;
}
