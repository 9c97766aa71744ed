import { desc, eq } from 'drizzle-orm';
import { importMappingPresets } from '@/db/schema';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { reader } from '../transaction';
import { parseInput } from '../validation';
import { detectLayout, type Layout } from './layouts';
import { compileMapping } from './map-row';
import { mappingSchema, type ImportMappingInput } from './mapping';
import { readHead } from './read-csv';
import { getUpload, type Upload } from './uploads';

export type PreviewRow = { line: number; raw: string[]; values?: Record<string, string>; error?: string };

export type ImportPreview = {
  upload: Upload;
  headers: string[];
  layout: Pick<Layout, 'id' | 'name' | 'needs'> | null;
  /** The mapping shown in the form: the one given, else the detected layout's proposal. */
  mapping: ImportMappingInput;
  presets: { name: string; mapping: ImportMappingInput }[];
  /** First rows with the values the importer would store, or the row's problem. */
  rows: PreviewRow[];
  /** What is wrong with the mapping, by field path; empty when it can run. */
  mappingErrors: Record<string, string>;
};

function display(value: unknown): string {
  if (value === null || value === undefined) return '— (unknown)';
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  return String(value);
}

/**
 * Previews an uploaded file under a mapping: header, detected layout, saved presets, and the first
 * `limit` rows as they would be stored (or each row's problem).
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
  const { headers, rows } = await readHead(upload.path, input.limit ?? 8, input.mapping?.options?.delimiter);
  const detected = detectLayout(headers);
  const mapping: ImportMappingInput = input.mapping ?? detected?.mapping ?? { kind: 'post', columns: {}, constants: {} };
  let mappingErrors: Record<string, string> = {};
  let map: ReturnType<typeof compileMapping> | undefined;
  try {
    map = compileMapping(parseInput(mappingSchema, mapping), headers);
  } catch (error) {
    mappingErrors = error instanceof ValidationError ? error.fieldErrors : { columns: (error as Error).message };
  }
  const previewRows: PreviewRow[] = rows.map(({ line, cells }) => {
    if (!map) return { line, raw: cells };
    const mapped = map(line, cells);
    if (!mapped.ok) return { line, raw: cells, error: `${mapped.error.column ? `${mapped.error.column}: ` : ''}${mapped.error.reason}` };
    const values = Object.fromEntries(
      Object.entries(mapped.record)
        .filter(([k]) => k !== 'line')
        .map(([k, v]) => [k, display(v)]),
    );
    return { line, raw: cells, values };
  });
  return {
    upload,
    headers,
    layout: detected ? { id: detected.id, name: detected.name, needs: detected.needs } : null,
    mapping,
    presets,
    rows: previewRows,
    mappingErrors,
  };
}
