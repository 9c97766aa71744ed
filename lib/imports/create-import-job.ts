import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { importJobs, type ImportJob } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgAccess } from '../authz/guards';
import { actingUser, type VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { reader, withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { compileMapping } from './map-row';
import { mappingSchema, type ImportMappingInput } from './mapping';
import { assertDecodable, detectEncoding } from './detect-encoding';
import { countLines, readHead } from './read-csv';
import { isStoredFile, withImportFile } from './uploads';

export type CreateImportJobInput = {
  orgId: string;
  /** Name shown in the import history. */
  fileName: string;
  /** The upload's stored file (`stored:uploads/<id>.csv`) or a local file (CLI). */
  storagePath: string;
  mapping: ImportMappingInput;
  layoutId?: string;
};

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Records an import of a CSV file into an organization (managers and owners; the CLI as operator).
 * Settles the file's encoding (the mapping's, else detected), checks the mapping and that its
 * columns exist in the file, counts the lines for progress.
 * @throws NotFoundError; ForbiddenError (viewers); ValidationError naming the bad mapping entry or
 *   missing column, binary data, or a header that is not valid in the encoding.
 */
export async function createImportJob({ ctx, input }: VerbArgs<CreateImportJobInput>): Promise<ImportJob> {
  // Authorized before the file is opened, read or hashed.
  await requireOrgAccess(await reader(ctx), ctx, { orgId: input.orgId }, 'manager');
  const mapping = parseInput(mappingSchema, input.mapping);
  if (!isStoredFile(input.storagePath) && !fs.existsSync(input.storagePath)) throw new ValidationError(`File not found: ${input.fileName}`);
  // A stored upload is read from a temporary copy on this instance (lib/imports/uploads.ts).
  const { encoding, lines, fileSha256, size } = await withImportFile(input.storagePath, async (file) => {
    // The encoding is settled here (the user's choice, else detected), so every run reads the file the same way.
    const encoding = mapping.options.encoding ?? (await detectEncoding(file));
    if (mapping.options.encoding) await assertDecodable(file, encoding);
    let headers: string[];
    try {
      ({ headers } = await readHead(file, 0, mapping.options.delimiter, encoding));
    } catch (error) {
      throw new ValidationError((error as Error).message, { 'options.encoding': (error as Error).message });
    }
    if (headers.length === 0 || headers.every((h) => h === '')) throw new ValidationError('The file is empty: it has no header row');
    try {
      compileMapping(mapping, headers);
    } catch (error) {
      throw new ValidationError((error as Error).message, { columns: (error as Error).message });
    }
    const [lines, fileSha256, { size }] = await Promise.all([countLines(file), sha256(file), fs.promises.stat(file)]);
    return { encoding, lines, fileSha256, size };
  });
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgAccess(tx, ctx, { orgId: input.orgId }, 'manager');
    const [job] = await tx
      .insert(importJobs)
      .values({
        orgId: org.id,
        createdBy: actingUser(ctx)?.userId ?? null,
        fileName: input.fileName,
        fileSize: size,
        fileSha256,
        storagePath: input.storagePath,
        kind: mapping.kind,
        mapping: mapping as unknown as Record<string, unknown>,
        layoutId: input.layoutId ?? null,
        encoding,
        rowsTotal: Math.max(0, lines - 1),
      })
      .returning();
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'import.created',
      targetType: 'import_job',
      targetId: job.id,
      after: { fileName: input.fileName, kind: mapping.kind },
    });
    return job;
  });
}
