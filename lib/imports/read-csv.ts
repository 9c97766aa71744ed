import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Encoding } from './encodings';

/** One CSV record with the 1-based physical line it starts on. */
export type CsvRecord = { line: number; cells: string[] };

/**
 * The file's text in `encoding` (default UTF-8; a byte-order mark is dropped). UTF-8 is read with
 * Node's own decoder (fast, flat memory): the file's validity is checked before an import reads it
 * (lib/imports/detect-encoding `detectEncoding`, `assertDecodable`). Legacy encodings go through
 * iconv-lite.
 */
function decodedStream(path: string, encoding: Encoding = 'utf-8'): Readable {
  if (encoding === 'utf-8') return fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  const source = fs.createReadStream(path, { highWaterMark: 1024 * 1024 });
  const decoded = iconv.decodeStream(encoding) as unknown as Transform;
  source.on('error', (error) => decoded.destroy(error));
  return source.pipe(decoded);
}

/**
 * Streams the records of a CSV file (in `encoding`, UTF-8 by default, with or without BOM;
 * delimiter given or detected from the first chunk), in arrays of the records of ~1 MB of text
 * (one await per array, not per record). Memory stays flat whatever the file size. The header is
 * the record of line 1. Empty lines are skipped but counted, so line numbers match what an editor
 * shows.
 * @param fromLine skip records starting before this line (resuming an import); the header is always read.
 */
export async function* readCsvChunks(
  path: string,
  options: { delimiter?: string; fromLine?: number; encoding?: Encoding } = {},
): AsyncGenerator<CsvRecord[]> {
  let line = 1;
  let first = true;
  const fromLine = options.fromLine ?? 0;
  for await (const rows of readChunks(path, options.delimiter, options.encoding)) {
    const records: CsvRecord[] = [];
    for (const row of rows) {
      const start = line;
      let newlines = 0;
      for (const cell of row) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) newlines++;
      line += 1 + newlines;
      if (first) {
        first = false;
        if (row[0]?.charCodeAt(0) === 0xfeff) row[0] = row[0].slice(1);
        records.push({ line: start, cells: row });
        continue;
      }
      if (row.length === 1 && row[0] === '') continue;
      if (start < fromLine) continue;
      records.push({ line: start, cells: row });
    }
    if (records.length) yield records;
  }
}

/** The records of a CSV file one by one ({@link readCsvChunks}), for readers of a few records. */
async function* readCsv(
  path: string,
  options: { delimiter?: string; fromLine?: number; encoding?: Encoding } = {},
): AsyncGenerator<CsvRecord> {
  for await (const records of readCsvChunks(path, options)) yield* records;
}

/**
 * Parsed rows in chunks of ~1 MB of text. The parser and the file stream are paused while the
 * consumer works on a chunk (back-pressure), so memory holds a chunk or two at a time. (Papa's
 * handle pauses only the parser: the stream it reads keeps flowing into the parser's own queue, so
 * an import slower than the disk held most of the file in memory — 76 MB of an 88 MB file.)
 */
async function* readChunks(path: string, delimiter?: string, encoding?: Encoding): AsyncGenerator<string[][]> {
  const queue: string[][][] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const input = decodedStream(path, encoding);
  input.on('error', (error) => {
    failure = error;
    notify();
  });
  Papa.parse<string[]>(input as unknown as File, {
    delimiter: delimiter ?? '',
    skipEmptyLines: false,
    chunk: (results, p) => {
      parser = p;
      queue.push(results.data);
      p.pause();
      input.pause();
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
    error: (error: Error) => {
      failure = error;
      notify();
    },
  });
  try {
    for (;;) {
      if (queue.length) {
        yield queue.shift()!;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      const waiting = new Promise<void>((resolve) => (wake = resolve));
      // The stream first: a chunk Papa still holds is parsed within `resume()`, and its callback
      // pauses the stream again before any data flows.
      input.resume();
      parser?.resume();
      await waiting;
    }
  } finally {
    if (!done) {
      parser?.abort();
      input.destroy();
    }
  }
}

/** Number of lines of a file (newline count, plus a last line without one), read in chunks. */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
    last = chunk[chunk.length - 1];
  }
  return last === 10 ? count : count + 1;
}

/** The header and the first `limit` records, for previews. */
export async function readHead(
  path: string,
  limit: number,
  delimiter?: string,
  encoding?: Encoding,
): Promise<{ headers: string[]; rows: CsvRecord[] }> {
  const rows: CsvRecord[] = [];
  let headers: string[] = [];
  for await (const record of readCsv(path, { delimiter, encoding })) {
    if (record.line === 1) headers = record.cells.map((h) => h.trim());
    else rows.push(record);
    if (rows.length >= limit) break;
  }
  return { headers, rows };
}
