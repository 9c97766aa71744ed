import { eq } from 'drizzle-orm';
import { importJobs } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { reader } from '../transaction';
import { liveImportRunners } from './run-import';

/**
 * Checks that the actor (manager or owner of the job's organization) may resume an import: it
 * failed, or it is "running" but its worker stopped. The caller then dispatches it.
 * @throws NotFoundError; ForbiddenError; ConflictError when the import completed or is alive.
 */
export async function authorizeRerun({ ctx, input }: VerbArgs<{ orgSlug: string; jobId: string }>): Promise<{ jobId: string }> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'manager');
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, input.jobId)).limit(1);
  if (!job || job.orgId !== org.id) throw new NotFoundError('Import');
  if (job.status === 'completed') throw new ConflictError('This import already completed');
  // A "running" job whose runner died (its process crashed or lost the database) resumes at once.
  if (job.status === 'running' && (await liveImportRunners([job.id])).has(job.id)) throw new ConflictError('This import is running');
  return { jobId: job.id };
}
