import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { importMappingPresets } from '@/db/schema';
import { requireOrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { reader } from '../transaction';
import { createImportJob } from './create-import-job';
import { getImportSummary, type ImportSummary } from './get-import-summary';
import { adaptToValues, applySettings } from './adapt-mapping';
import { convertToCsv } from './convert-file';
import { detectEncoding } from './detect-encoding';
import { layoutById, layoutMapping } from './layouts';
import type { ImportMappingInput } from './mapping';
import { readHead } from './read-csv';
import { runImport } from './run-import';

/**
 * Imports a CSV file on disk into an organization in one call (the CLI and the demo seed):
 * resolves the mapping (a mapping object, an organization preset name or a known layout id, the
 * layout adapted to the file's header vintage and to its date and number formats), adds `set`
 * (the CLI's `--set field=value`: constants and options, lib/imports/adapt-mapping
 * `applySettings`), creates the job, runs it in this process and returns its summary.
 * @throws NotFoundError (organization, preset); ForbiddenError; ValidationError (mapping, a
 *   setting that is neither a field nor an option, a layout's question left unanswered).
 */
export async function importFile({
  ctx,
  input,
}: VerbArgs<{
  orgSlug: string;
  filePath: string;
  mapping: ImportMappingInput | string;
  set?: Record<string, string>;
}>): Promise<ImportSummary> {
  const db = await reader(ctx);
  const { org } = await requireOrgAccess(db, ctx, { slug: input.orgSlug }, 'manager');
  // An .xlsx workbook or a Studio export .zip is read through a CSV of it, deleted after the run.
  const converted = path.join(os.tmpdir(), `reachboard-import-${randomUUID()}.csv`);
  const source = (await convertToCsv(input.filePath, converted)).kind === 'text' ? path.resolve(input.filePath) : converted;
  try {
    let mapping: ImportMappingInput;
    let layoutId: string | undefined;
    if (typeof input.mapping === 'string') {
      const [preset] = await db
        .select()
        .from(importMappingPresets)
        .where(and(eq(importMappingPresets.orgId, org.id), eq(importMappingPresets.name, input.mapping)))
        .limit(1);
      const layout = layoutById(input.mapping);
      if (preset) mapping = preset.mapping as ImportMappingInput;
      else if (layout) {
        const { headers, rows } = await readHead(source, 50, undefined, await detectEncoding(source));
        mapping = adaptToValues(layoutMapping(layout, headers), headers, rows).mapping;
        layoutId = layout.id;
      } else throw new ValidationError(`No mapping preset or known layout is named "${input.mapping}"`);
    } else mapping = input.mapping;
    if (input.set) mapping = applySettings(mapping, input.set);
    const layout = layoutId ? layoutById(layoutId) : undefined;
    if (layout) {
      const unanswered = layout.needs.filter((n) => !(n.path.split('.')[1] in (input.set ?? {})));
      if (unanswered.length)
        throw new ValidationError(
          `The layout ${layout.id} needs ${unanswered.map((n) => `${n.label} (--set ${n.path.split('.')[1]}=…)`).join(' and ')}`,
          Object.fromEntries(unanswered.map((n) => [n.path, `is required: ${n.label}`])),
        );
    }
    const job = await createImportJob({
      ctx,
      input: { orgId: org.id, fileName: path.basename(input.filePath), storagePath: source, mapping, layoutId },
    });
    await runImport({ ctx, input: { jobId: job.id } });
    return await getImportSummary({ ctx, input: { orgSlug: input.orgSlug, jobId: job.id } });
  } finally {
    if (source !== path.resolve(input.filePath)) fs.rmSync(source, { force: true });
  }
}
