import { desc, eq } from 'drizzle-orm';
import { importJobs, users, type ImportJob } from '@/db/schema';
import { requireOrgRole, type OrgAccess } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { liveImportRunners } from './run-import';

export type ImportHistoryRow = Pick<
  ImportJob,
  | 'id'
  | 'fileName'
  | 'fileSize'
  | 'kind'
  | 'status'
  | 'rowsTotal'
  | 'rowsRead'
  | 'imported'
  | 'updated'
  | 'unchanged'
  | 'duplicates'
  | 'errorCount'
  | 'createdAt'
  | 'finishedAt'
  | 'layoutId'
> & { createdByName: string | null; stalled: boolean };

/**
 * The organization's imports, newest first (at most 200), for any member. `stalled` marks a running
 * import whose worker stopped (it can be resumed).
 * @throws NotFoundError for a non-member.
 */
export async function listImportJobs({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string }>): Promise<{ access: OrgAccess; jobs: ImportHistoryRow[] }> {
  const db = await reader(ctx);
  const access = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const rows = await db
    .select({ job: importJobs, createdByName: users.name })
    .from(importJobs)
    .leftJoin(users, eq(users.id, importJobs.createdBy))
    .where(eq(importJobs.orgId, access.org.id))
    .orderBy(desc(importJobs.createdAt))
    .limit(200);
  const live = await liveImportRunners(rows.filter(({ job }) => job.status === 'running').map(({ job }) => job.id));
  return {
    access,
    jobs: rows.map(({ job, createdByName }) => ({
      id: job.id,
      fileName: job.fileName,
      fileSize: job.fileSize,
      kind: job.kind,
      status: job.status,
      rowsTotal: job.rowsTotal,
      rowsRead: job.rowsRead,
      imported: job.imported,
      updated: job.updated,
      unchanged: job.unchanged,
      duplicates: job.duplicates,
      errorCount: job.errorCount,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      layoutId: job.layoutId,
      createdByName,
      // Running, but no live process runs it (it died): shown as stalled, with a resume.
      stalled: job.status === 'running' && !live.has(job.id),
    })),
  };
}
