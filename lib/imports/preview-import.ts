import { desc, eq } from 'drizzle-orm';
import { importMappingPresets } from '@/db/schema';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { reader } from '../transaction';
import { parseInput } from '../validation';
import { adaptToValues } from './adapt-mapping';
import { assertDecodable, detectEncoding } from './detect-encoding';
import type { Encoding } from './encodings';
import { proposeMapping } from './header-synonyms';
import { detectLayout, layoutMapping, type Layout } from './layouts';
import { compileMapping } from './map-row';
import { mappingSchema, type ImportMappingInput } from './mapping';
import { readHead, type CsvRecord } from './read-csv';
import { getUpload, withImportFile, type Upload } from './uploads';
import { QUOTE_LIMIT, type DateFormat } from './values';

export type PreviewRow = { line: number; raw: string[]; values?: Record<string, string>; error?: string };

export type ImportPreview = {
  upload: Upload;
  headers: string[];
  layout: Pick<Layout, 'id' | 'name' | 'needs'> | null;
  /** The mapping shown in the form: the one given, else the detected layout's proposal, else one from the column names. */
  mapping: ImportMappingInput;
  /** Where the proposed mapping came from, when none was given. */
  proposedFrom: 'layout' | 'column names' | null;
  /** The encoding the file is read in, and whether it was detected (else the user chose it). */
  encoding: Encoding | null;
  encodingDetected: boolean;
  /** What the first rows' values showed: a date format other than the stated one, a number that shows the decimal mark. */
  detected: { dateFormat: DateFormat | null; numberEvidence: string | null; numbersConflict: boolean; currency: string | null };
  presets: { name: string; mapping: ImportMappingInput }[];
  /** First rows with the values the importer would store, or the row's problem. */
  rows: PreviewRow[];
  /** What is wrong with the mapping, by field path; empty when it can run. */
  mappingErrors: Record<string, string>;
};

/** A cell as the preview shows it: at most a few hundred characters, however long the cell. */
function cap(text: string): string {
  const limit = QUOTE_LIMIT * 4;
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length.toLocaleString('en-US')} characters)`;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '— (unknown)';
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  return String(value);
}

/**
 * Previews an uploaded file under a mapping: its encoding (detected unless the mapping states
 * one), header, detected layout, saved presets, and the first `limit` rows as they would be
 * stored (or each row's problem), each cell cut to a few hundred characters. Without a mapping, it
 * proposes one (the layout's, else from the column names) adjusted to the date and number formats
 * of the first 50 rows.
 * @throws NotFoundError for an upload of another organization.
 */
export async function previewImport({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; uploadId: string; mapping?: ImportMappingInput; limit?: number }>): Promise<ImportPreview> {
  const upload = await getUpload({ ctx, input });
  const db = await reader(ctx);
  const presets = (
    await db
      .select()
      .from(importMappingPresets)
      .where(eq(importMappingPresets.orgId, upload.orgId))
      .orderBy(desc(importMappingPresets.createdAt))
  ).map((p) => ({ name: p.name, mapping: p.mapping as ImportMappingInput }));
  const chosen = input.mapping?.options?.encoding;
  let encoding: Encoding | null = chosen ?? null;
  let headers: string[] = [];
  let sample: CsvRecord[] = [];
  let readError: string | null = null;
  try {
    await withImportFile(upload.storagePath, async (file) => {
      if (encoding) await assertDecodable(file, encoding);
      else encoding = await detectEncoding(file);
      ({ headers, rows: sample } = await readHead(file, 50, input.mapping?.options?.delimiter, encoding));
    });
  } catch (error) {
    readError = (error as Error).message;
  }
  const rows = sample.slice(0, input.limit ?? 8);
  const detected = detectLayout(headers);
  let proposedFrom: ImportPreview['proposedFrom'] = null;
  let mapping: ImportMappingInput;
  let found: ImportPreview['detected'] = { dateFormat: null, numberEvidence: null, numbersConflict: false, currency: null };
  if (input.mapping) mapping = input.mapping;
  else {
    const proposal = detected ? layoutMapping(detected, headers) : proposeMapping(headers);
    proposedFrom = detected ? 'layout' : proposal ? 'column names' : null;
    const adapted = adaptToValues(proposal ?? { kind: 'post', columns: {}, constants: {} }, headers, sample);
    mapping = { ...adapted.mapping, options: { ...adapted.mapping.options, ...(encoding ? { encoding } : {}) } };
    found = {
      dateFormat: adapted.dateFormat,
      numberEvidence: adapted.numberEvidence,
      numbersConflict: adapted.numbersConflict,
      currency: adapted.currency,
    };
  }
  let mappingErrors: Record<string, string> = {};
  let map: ReturnType<typeof compileMapping> | undefined;
  if (readError) mappingErrors = { 'options.encoding': readError };
  else
    try {
      map = compileMapping(parseInput(mappingSchema, mapping), headers);
    } catch (error) {
      mappingErrors = error instanceof ValidationError ? error.fieldErrors : { columns: (error as Error).message };
    }
  const previewRows: PreviewRow[] = rows.map(({ line, cells }) => {
    const raw = cells.map(cap);
    if (!map) return { line, raw };
    const mapped = map(line, cells);
    if (!mapped.ok) return { line, raw, error: `${mapped.error.column ? `${mapped.error.column}: ` : ''}${mapped.error.reason}` };
    const values = Object.fromEntries(
      Object.entries(mapped.record)
        .filter(([k]) => k !== 'line')
        .map(([k, v]) => [k, cap(display(v))]),
    );
    return { line, raw, values };
  });
  return {
    upload,
    headers,
    layout: detected ? { id: detected.id, name: detected.name, needs: detected.needs } : null,
    mapping,
    proposedFrom,
    encoding,
    encodingDetected: !chosen,
    detected: found,
    presets,
    rows: previewRows,
    mappingErrors,
  };
}
