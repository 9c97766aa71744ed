import { importMappingPresets, type ImportJob } from '@/db/schema';
import { actingUser, type VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { createImportJob } from './create-import-job';
import type { ImportMappingInput } from './mapping';
import { getUpload } from './uploads';

/**
 * Creates the import job of an upload with the mapping the user confirmed (managers and owners),
 * optionally saving the mapping as a named preset of the organization. Running it is the caller's
 * next step (an Inngest event, or in this process).
 * @throws NotFoundError; ForbiddenError; ValidationError (mapping, preset name).
 */
export async function startImport({
  ctx,
  input,
}: VerbArgs<{
  orgSlug: string;
  uploadId: string;
  mapping: ImportMappingInput;
  layoutId?: string;
  presetName?: string;
}>): Promise<ImportJob> {
  const upload = await getUpload({ ctx, input });
  const presetName = input.presetName?.trim();
  if (presetName !== undefined && presetName.length > 80)
    throw new ValidationError('Use at most 80 characters for the preset name', { presetName: 'too long' });
  const job = await createImportJob({
    ctx,
    input: {
      orgId: upload.orgId,
      fileName: upload.fileName,
      storagePath: upload.storagePath,
      mapping: input.mapping,
      layoutId: input.layoutId,
    },
  });
  if (presetName) {
    await withTransaction(ctx, (tx) =>
      tx
        .insert(importMappingPresets)
        .values({ orgId: upload.orgId, name: presetName, mapping: job.mapping, createdBy: actingUser(ctx)?.userId ?? null })
        .onConflictDoUpdate({ target: [importMappingPresets.orgId, importMappingPresets.name], set: { mapping: job.mapping } }),
    );
  }
  return job;
}
