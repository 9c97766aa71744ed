import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { importMappingPresets } from '@/db/schema';
import { requireOrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { reader } from '../transaction';
import { createImportJob } from './create-import-job';
import { getImportSummary, type ImportSummary } from './get-import-summary';
import { layoutById } from './layouts';
import type { ImportMappingInput } from './mapping';
import { runImport } from './run-import';

/**
 * Imports a CSV file on disk into an organization in one call (the CLI and the demo seed):
 * resolves the mapping (a mapping object, an organization preset name or a known layout id),
 * creates the job, runs it in this process and returns its summary.
 * @throws NotFoundError (organization, preset); ForbiddenError; ValidationError (mapping).
 */
export async function importFile({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; filePath: string; mapping: ImportMappingInput | string }>): Promise<ImportSummary> {
  const db = await reader(ctx);
  const { org } = await requireOrgAccess(db, ctx, { slug: input.orgSlug }, 'manager');
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
      mapping = layout.mapping;
      layoutId = layout.id;
    } else throw new ValidationError(`No mapping preset or known layout is named "${input.mapping}"`);
  } else mapping = input.mapping;
  const job = await createImportJob({
    ctx,
    input: { orgId: org.id, fileName: path.basename(input.filePath), storagePath: path.resolve(input.filePath), mapping, layoutId },
  });
  await runImport({ ctx, input: { jobId: job.id } });
  return getImportSummary({ ctx, input: { orgSlug: input.orgSlug, jobId: job.id } });
}
