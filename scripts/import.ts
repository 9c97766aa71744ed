/**
 * `npm run import -- <file> --mapping <preset.json|name|layout id> --org <slug> [--set field=value]… [--json]`
 * Imports a CSV file with the same code as uploads, prints the summary, and exits 1 on a fatal error.
 * `--set` adds a constant (a field the file lacks, e.g. `accountHandle=@channel`) or an option
 * (e.g. `year=2017`, `encoding=windows-1252`) to the mapping, so a known layout needs no JSON.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { importFile } from '@/lib/imports/import-file';
import { AppError, ValidationError } from '@/lib/errors';
import { withDatabase } from './open-db';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: 'string' },
    org: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
  },
});
const [file] = positionals;
if (!file || !values.mapping || !values.org) {
  console.error(
    'Usage: npm run import -- <file.csv> --mapping <preset.json|preset name|layout id> --org <organization slug> [--set field=value]… [--json]',
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
if (values.mapping.endsWith('.json')) {
  try {
    mapping = JSON.parse(fs.readFileSync(values.mapping, 'utf8'));
  } catch (error) {
    console.error(`Cannot read the mapping ${values.mapping}: ${(error as Error).message}`);
    process.exit(1);
  }
}

await withDatabase(async () => {
  try {
    const summary = await importFile({
      ctx: { actor: null, system: true },
      input: { orgSlug: values.org!, filePath: file, mapping: mapping as never, set },
    });
    if (values.json) {
      const { jobId, rowsRead, imported, updated, unchanged, duplicates, summaryRows, errors, encoding, status, failureReason } = summary;
      console.log(
        JSON.stringify({ jobId, status, encoding, rowsRead, imported, updated, unchanged, duplicates, summaryRows, errors, failureReason }),
      );
    } else {
      console.log(
        `Import ${summary.jobId} ${summary.status}: ${summary.fileName}${summary.encoding ? ` (read as ${summary.encoding})` : ''}`,
      );
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
    }
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
