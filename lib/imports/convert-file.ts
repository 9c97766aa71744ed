import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import { ValidationError } from '../errors';

/** A file an import reads: CSV text, an Excel workbook, or a zip (YouTube Studio's export). */
export type SourceKind = 'text' | 'xlsx' | 'zip';

/**
 * The most text a workbook or a zip may expand to (a few hundred MB of real export at most): a
 * larger one is refused rather than filling the upload disk (a "zip bomb").
 */
const MAX_EXPANDED_BYTES = 1024 * 1024 * 1024;
const tooLarge = () => new ValidationError('The file expands to more than 1 GB of data: split the export and import the parts');

/** The names YouTube Studio gives the files of an exported .zip; the table holds one row per video. */
const STUDIO_ZIP_TABLE = 'Table data.csv';
const STUDIO_ZIP_OTHERS = ['Chart data.csv', 'Totals.csv'];

/** Reads the entries of a zip (names only), closing it after. */
function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Streams one entry of a zip to `target`. */
function extractEntry(file: string, name: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        if (entry.uncompressedSize > MAX_EXPANDED_BYTES) {
          zip.close();
          return reject(tooLarge());
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('unreadable zip entry'));
          pipeline(stream, fs.createWriteStream(target)).then(() => {
            zip.close();
            resolve();
          }, reject);
        });
      });
      zip.on('end', () => reject(new Error(`no entry ${name}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** What a file is, by its first bytes: a zip container (an .xlsx workbook is one, with `xl/` inside) or text. */
async function sniffSource(file: string): Promise<SourceKind> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 0x03 || head[3] !== 0x04) return 'text';
  } finally {
    await handle.close();
  }
  const names = await zipEntries(file).catch(() => {
    throw new ValidationError('The file looks like a zip archive but cannot be read: it may be damaged or cut short');
  });
  return names.some((n) => n.startsWith('xl/')) && names.includes('[Content_Types].xml') ? 'xlsx' : 'zip';
}

/** A cell of a workbook as the text a CSV export of it would hold (errors kept, for the importer to reject). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  return '';
}

/**
 * Writes the first worksheet of an .xlsx workbook as UTF-8 CSV, streaming (the workbook is never
 * held in memory): one line per row, as wide as the header (a sheet drops trailing empty cells),
 * empty lines for empty rows so line numbers match the sheet's
 * row numbers, numbers as plain digits, dates as ISO 8601 (`2026-06-03`), spreadsheet error values
 * as their text (`#NAME?`, which the importer rejects), formulas as their cached result.
 */
async function xlsxToCsv(file: string, target: string): Promise<void> {
  const out = fs.createWriteStream(target);
  let written = 0;
  const write = (s: string) => {
    written += s.length;
    if (written > MAX_EXPANDED_BYTES) throw tooLarge();
    return out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  };
  // Loaded only for workbooks: ExcelJS is large, and most imports are CSV.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'cache',
  });
  let done = false;
  try {
    for await (const sheet of reader) {
      if (done) continue;
      done = true;
      let next = 1;
      let width = 0;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        // A sheet stores no trailing empty cells: every row gets the header's width back.
        if (width === 0) width = values.length;
        while (values.length < width) values.push('');
        let lines = '';
        for (; next < row.number; next++) lines += '\n';
        next = row.number + 1;
        await write(lines + Papa.unparse([values]) + '\n');
      }
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  if (!done) throw new ValidationError('The workbook has no worksheet');
}

/**
 * Makes a CSV of an import's source file at `target`: an .xlsx workbook's first worksheet, or the
 * `Table data.csv` of a YouTube Studio export .zip (the videos; its `Chart data.csv` and
 * `Totals.csv` hold daily view increments, which Reachboard does not store as counts). A CSV or
 * text file is left as it is.
 * @returns what the source was, and notes for the user on what was read from it.
 * @throws ValidationError for a zip without a Studio table (naming what it holds), a damaged
 *   archive, or a workbook without a worksheet.
 */
export async function convertToCsv(file: string, target: string): Promise<{ kind: SourceKind; notes: string[] }> {
  const kind = await sniffSource(file);
  if (kind === 'text') return { kind, notes: [] };
  if (kind === 'xlsx') {
    await xlsxToCsv(file, target).catch((error) => {
      fs.rmSync(target, { force: true });
      throw error instanceof ValidationError
        ? error
        : new ValidationError(`The workbook cannot be read: ${(error as Error).message.slice(0, 200)}`);
    });
    return { kind, notes: ['Read from the first worksheet of the workbook.'] };
  }
  const names = await zipEntries(file);
  const base = (n: string) => path.posix.basename(n).toLowerCase();
  // Studio's "Export current view" as .csv or as Excel: the same three files, .csv or .xlsx.
  const table = names.find((n) => base(n) === 'table data.csv' || base(n) === 'table data.xlsx');
  if (!table)
    throw new ValidationError(
      `This zip holds no "${STUDIO_ZIP_TABLE}" (a YouTube Studio export); it holds ${names
        .slice(0, 5)
        .map((n) => `"${n.slice(0, 80)}"`)
        .join(', ')}${names.length > 5 ? ', …' : ''}`,
    );
  if (base(table).endsWith('.xlsx')) {
    const workbook = `${target}.xlsx`;
    try {
      await extractEntry(file, table, workbook);
      await xlsxToCsv(workbook, target);
    } finally {
      fs.rmSync(workbook, { force: true });
    }
  } else await extractEntry(file, table, target);
  const others = names.filter((n) => STUDIO_ZIP_OTHERS.some((o) => base(n).replace(/\.xlsx$/, '.csv') === o.toLowerCase()));
  return {
    kind,
    notes: [
      `Read "${path.posix.basename(table)}" (one row per video) from the YouTube Studio export.`,
      ...(others.length
        ? [`Not imported: ${others.map((o) => `"${path.posix.basename(o)}"`).join(' and ')} (daily view increments, not counts).`]
        : []),
    ],
  };
}
