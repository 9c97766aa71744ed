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

/**
 * A cost per unit (CPM, CPE, CPA) in major units at full precision, as exports write it
 * (docs/exports.md): 0.4 minor units per engagement → 0.004, never rounded to "0.00"; null stays null.
 */
export const costPerUnit = (minor: number | null): number | null => (minor === null ? null : minor / 100);

/** A UTF-8 byte-order mark: Excel reads a CSV starting with it as UTF-8 (non-Latin titles and names intact). */
export const UTF8_BOM = '\uFEFF';

/** Rows as CSV text (RFC 4180 quoting by papaparse), each line ending in `newline` (CRLF unless said). */
export function csvLines(rows: Cell[][], newline: '\r\n' | '\n' = '\r\n'): string {
  if (rows.length === 0) return '';
  return (
    Papa.unparse(
      rows.map((r) => r.map(cell)),
      { newline },
    ) + newline
  );
}

/**
 * A CSV export: the download name and its text, produced a page at a time; `rows` counts the data
 * rows produced so far (headers and section lines are not rows).
 */
export type CsvExport = { fileName: string; chunks: AsyncGenerator<string | Uint8Array>; rows: () => number };

/** Rows read a page at a time. */
export type RowPages<Row> = AsyncIterable<Row[]>;

/** Counts data rows as CSV passes. */
export class RowCounter {
  count = 0;
  private quoted = false;

  /** The CSV of `rows`, counted. */
  lines(rows: Cell[][], newline: '\r\n' | '\n' = '\r\n'): string {
    this.count += rows.length;
    return csvLines(rows, newline);
  }

  /**
   * Counts the records ending in a chunk of CSV bytes (RFC 4180: a line break inside a quoted field
   * ends no record; a doubled quote toggles twice), carrying an open quote to the next chunk.
   */
  bytes(chunk: Buffer): void {
    let from = 0;
    for (;;) {
      const lf = chunk.indexOf(10, from);
      const end = lf === -1 ? chunk.length : lf;
      for (let q = chunk.indexOf(34, from); q !== -1 && q < end; q = chunk.indexOf(34, q + 1)) this.quoted = !this.quoted;
      if (lf === -1) return;
      if (!this.quoted) this.count++;
      from = lf + 1;
    }
  }
}

/**
 * The CSV of a header and rows read page by page (a server-side cursor, db/cursor.ts, which fetches
 * the next page while this one is formatted): one chunk per page, each row counted in `counter`.
 */
export async function* pagedCsv<Row>(
  header: string[],
  pages: RowPages<Row>,
  toCells: (row: Row) => Cell[],
  counter: RowCounter,
  newline: '\r\n' | '\n' = '\r\n',
) {
  yield csvLines([header], newline);
  for await (const page of pages) yield counter.lines(page.map(toCells), newline);
}

/** The CSV of a header (LF) and the CSV bytes Postgres's COPY writes (db/cursor.ts), each record counted in `counter`. */
export async function* copiedCsv(header: string[], copied: AsyncIterable<Buffer>, counter: RowCounter): AsyncGenerator<string | Buffer> {
  yield csvLines([header], '\n');
  for await (const chunk of copied) {
    counter.bytes(chunk);
    yield chunk;
  }
}

/** A file name safe for Content-Disposition. */
export function exportFileName(...parts: string[]): string {
  return `${parts
    .join('-')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')}.csv`;
}
