import { and, asc, eq } from 'drizzle-orm';
import { importJobs, importRowErrors, users, type ImportJob } from '@/db/schema';
import { requireOrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';
import type { RowError } from './map-row';
import { liveImportRunners } from './run-import';

/** The outcome of an import, as the CLI prints it (`--json`) and the history page shows it. */
export type ImportSummary = {
  jobId: string;
  status: ImportJob['status'];
  kind: 'account' | 'post';
  fileName: string;
  createdByName: string | null;
  /** Running, but its worker stopped: it can be resumed. */
  stalled: boolean;
  rowsTotal: number | null;
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  /** Summary rows ("Total", "Average") the file carried: skipped, never imported. */
  summaryRows: RowError[];
  errors: RowError[];
  /** The text encoding the file was read in (e.g. `utf-8`, `windows-1252`); null before the job starts. */
  encoding: string | null;
  failureReason: string | null;
};

/**
 * Reads an import job of organization `orgSlug`, which the actor must be a member of (any role),
 * with its rejected rows in line order. Membership is checked before the job is looked up, so a job
 * id never reveals anything to a non-member.
 * @throws NotFoundError for a non-member, a malformed id, or a job of another organization.
 */
export async function getImportSummary({ ctx, input }: VerbArgs<{ orgSlug: string; jobId: string }>): Promise<ImportSummary> {
  const db = await reader(ctx);
  const { org } = await requireOrgAccess(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.jobId)) throw new NotFoundError('Import');
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, input.jobId), eq(importJobs.orgId, org.id)))
    .limit(1);
  if (!job) throw new NotFoundError('Import');
  const issues = (kind: 'error' | 'summary') =>
    db
      .select({ line: importRowErrors.line, column: importRowErrors.column, reason: importRowErrors.reason })
      .from(importRowErrors)
      .where(and(eq(importRowErrors.importJobId, job.id), eq(importRowErrors.kind, kind)))
      .orderBy(asc(importRowErrors.line));
  const [errors, summaryRows] = await Promise.all([issues('error'), issues('summary')]);
  const [creator] = job.createdBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, job.createdBy)) : [];
  return {
    jobId: job.id,
    status: job.status,
    kind: job.kind,
    fileName: job.fileName,
    createdByName: creator?.name ?? null,
    // Running, but no live process runs it (it died): shown as stalled, with a resume.
    stalled: job.status === 'running' && !(await liveImportRunners([job.id])).has(job.id),
    rowsTotal: job.rowsTotal,
    rowsRead: job.rowsRead,
    imported: job.imported,
    updated: job.updated,
    unchanged: job.unchanged,
    duplicates: job.duplicates,
    summaryRows,
    errors,
    encoding: job.encoding,
    failureReason: job.failureReason,
  };
}
