import { and, asc, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { importJobs, importRowErrors } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { safeCell } from '../csv/safe-cell';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';

/**
 * The rejected and duplicate rows of an import as CSV chunks (header `line,kind,column,reason`),
 * read in pages so memory stays flat however many there are. Cells are neutralised against
 * formula injection. Any member of the job's organization may download it.
 * @throws NotFoundError for a job of another organization.
 */
export async function importIssuesCsv({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; jobId: string }>): Promise<{ fileName: string; chunks: AsyncGenerator<string> }> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, input.jobId), eq(importJobs.orgId, org.id)))
    .limit(1);
  if (!job) throw new NotFoundError('Import');
  async function* chunks() {
    yield Papa.unparse([['line', 'kind', 'column', 'reason']]) + '\r\n';
    // Keyset pages in file order: (line, id) after the last row of the previous page.
    let after = { line: 0, id: 0 };
    for (;;) {
      const page = await db
        .select()
        .from(importRowErrors)
        .where(
          and(
            eq(importRowErrors.importJobId, job.id),
            sql`(${importRowErrors.line}, ${importRowErrors.id}) > (${after.line}, ${after.id})`,
          ),
        )
        .orderBy(asc(importRowErrors.line), asc(importRowErrors.id))
        .limit(5_000);
      if (page.length === 0) return;
      after = { line: page[page.length - 1].line, id: page[page.length - 1].id };
      yield Papa.unparse(page.map((e) => [e.line, e.kind, safeCell(e.column), safeCell(e.reason)])) + '\r\n';
    }
  }
  return { fileName: `${job.fileName.replace(/\.[^.]+$/, '')}-issues.csv`, chunks: chunks() };
}
