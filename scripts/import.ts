/**
 * `npm run import -- <file> --mapping <preset.json|name|layout id> --org <slug> [--set field=value]… [--json]`
 * `npm run import -- --resume <job id> [--json]`
 * Imports a CSV file with the same code as uploads (or resumes an interrupted import from its last
 * committed batch), prints the summary, and exits 1 when the import does not complete. SIGTERM or
 * Ctrl-C stops it after the batch being written (the summary says where; `--resume` continues).
 * `--set` adds a constant (a field the file lacks, e.g. `accountHandle=@channel`) or an option
 * (e.g. `year=2017`, `encoding=windows-1252`) to the mapping, so a known layout needs no JSON.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { importJobs, organizations } from '@/db/schema';
import { importFile } from '@/lib/imports/import-file';
import { getImportSummary, type ImportSummary } from '@/lib/imports/get-import-summary';
import { runImport } from '@/lib/imports/run-import';
import { isUuid } from '@/lib/validation';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { installShutdownHandlers } from '@/lib/jobs/shutdown';
import { withDatabase } from './open-db';
import { systemCtx } from '@/lib/context';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: 'string' },
    org: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    resume: { type: 'string' },
  },
});
const [file] = positionals;
// SIGTERM / Ctrl-C: the import stops after the batch it is writing, says where, and resumes with --resume.
installShutdownHandlers(getEnv().SHUTDOWN_TIMEOUT_MS, (message) => console.error(message));
if (values.resume ? file || values.mapping || values.org : !file || !values.mapping || !values.org) {
  console.error(
    'Usage: npm run import -- <file.csv> --mapping <preset.json|preset name|layout id> --org <organization slug> [--set field=value]… [--json]\n' +
      '       npm run import -- --resume <job id> [--json]',
  );
  process.exit(2);
}
const set: Record<string, string> = {};
for (const pair of values.set!) {
  const at = pair.indexOf('=');
  if (at <= 0) {
    console.error(`--set ${pair}: write it as field=value, e.g. --set accountHandle=@channel`);
    process.exit(2);
  }
  set[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
}

let mapping: unknown = values.mapping;
if (values.mapping?.endsWith('.json')) {
  try {
    mapping = JSON.parse(fs.readFileSync(values.mapping, 'utf8'));
  } catch (error) {
    console.error(`Cannot read the mapping ${values.mapping}: ${(error as Error).message}`);
    process.exit(1);
  }
}

function print(summary: ImportSummary) {
  if (values.json) {
    const { jobId, rowsRead, imported, updated, unchanged, duplicates, summaryRows, errors, encoding, status, failureReason } = summary;
    console.log(
      JSON.stringify({ jobId, status, encoding, rowsRead, imported, updated, unchanged, duplicates, summaryRows, errors, failureReason }),
    );
    return;
  }
  console.log(`Import ${summary.jobId} ${summary.status}: ${summary.fileName}${summary.encoding ? ` (read as ${summary.encoding})` : ''}`);
  console.log(`  rows read   ${summary.rowsRead}`);
  console.log(`  imported    ${summary.imported}`);
  console.log(`  updated     ${summary.updated}`);
  console.log(`  unchanged   ${summary.unchanged}`);
  console.log(`  duplicates  ${summary.duplicates}`);
  for (const r of summary.summaryRows) console.log(`  skipped     line ${r.line}: ${r.reason}`);
  console.log(`  errors      ${summary.errors.length}`);
  for (const e of summary.errors.slice(0, 50)) console.log(`    line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
  if (summary.errors.length > 50) console.log(`    … and ${summary.errors.length - 50} more`);
  if (summary.failureReason) console.log(`  failed: ${summary.failureReason}`);
  if (summary.status === 'failed') console.log(`  resume with: npm run import -- --resume ${summary.jobId}`);
}

const system = systemCtx('scripts/import');

await withDatabase(async ({ db }) => {
  try {
    let summary: ImportSummary;
    if (values.resume) {
      if (!isUuid(values.resume)) throw new NotFoundError('Import');
      const [job] = await db
        .select({ id: importJobs.id, slug: organizations.slug })
        .from(importJobs)
        .innerJoin(organizations, eq(organizations.id, importJobs.orgId))
        .where(eq(importJobs.id, values.resume))
        .limit(1);
      if (!job) throw new NotFoundError('Import');
      await runImport({ ctx: system, input: { jobId: job.id } });
      summary = await getImportSummary({ ctx: system, input: { orgSlug: job.slug, jobId: job.id } });
    } else
      summary = await importFile({
        ctx: system,
        input: { orgSlug: values.org!, filePath: file, mapping: mapping as never, set },
      });
    print(summary);
    if (summary.status !== 'completed') process.exitCode = 1;
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error instanceof ValidationError ? Object.entries(error.fieldErrors) : [];
      console.error(`Import refused: ${error.message}`);
      if (fields.length > 1) for (const [field, problem] of fields) console.error(`  ${field}: ${problem}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
});
