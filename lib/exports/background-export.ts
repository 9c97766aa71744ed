import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { exportFiles, memberships, notifications, organizations, users, type ExportFile } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import { type UserActor, type VerbArgs, userActor } from '../context';
import { email, queueEmails } from '../email/queue-email';
import { getEnv } from '../env';
import { describeFailure, NotFoundError, ValidationError } from '../errors';
import { afterResponse } from '../jobs/after-response';
import { sendEvent } from '../jobs/send-event';
import { getFileStore } from '../storage/file-store';
import { reader, withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { campaignCsv } from './campaign-csv';
import type { CsvExport } from './csv';
import { influencerPostsCsv } from './posts-csv';
import { rosterCsv } from './roster-csv';
import { EXPORT_LINK_TTL_MS, checkExportSignature, signedExportPath } from './signed-link';
import { exportCsvRequested } from '@/inngest/events';

/** Inngest event that builds one background export (`inngest/functions/export-csv.ts`). */

/** Above this many rows the pages offer only the background export (emailed link), not a download. */
export const EXPORT_BACKGROUND_ROWS = 5_000;

const uuid = z.uuid('Not a valid id');
const requestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roster'), query: z.record(z.string(), z.string().max(200)).default({}) }),
  z.object({ kind: z.literal('campaign'), campaignId: uuid }),
  z.object({ kind: z.literal('influencer_posts'), influencerId: uuid }),
]);
/** What to export: the roster with the page's filters and sort, a campaign report, or one influencer's posts. */
export type ExportRequest = z.input<typeof requestSchema>;

/** The CSV of an export, built as `actor` (who must still be allowed to read it). */
function csvOf(actor: UserActor, orgSlug: string, file: Pick<ExportFile, 'kind' | 'params'>): Promise<CsvExport> {
  const ctx = { actor };
  const p = file.params;
  if (file.kind === 'roster') return rosterCsv({ ctx, input: { orgSlug, query: p } });
  if (file.kind === 'campaign') return campaignCsv({ ctx, input: { orgSlug, campaignId: p.campaignId } });
  return influencerPostsCsv({ ctx, input: { orgSlug, influencerId: p.influencerId } });
}

/**
 * Starts a CSV export in the background: any member who may download it now (viewer and up). The
 * file is built by the `export-csv` Inngest function, or without Inngest in this process after the
 * response; then the member gets an in-app notification and an email with a download link signed
 * for 24 hours. Expired files of the organization are deleted here.
 * @returns the export's id.
 * @throws NotFoundError (not a member); ValidationError (unknown kind, bad id).
 */
export async function requestExport({ ctx, input }: VerbArgs<{ orgSlug: string } & ExportRequest>): Promise<{ id: string }> {
  const db = await reader(ctx);
  const { org, actor } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  const req = parseInput(requestSchema, input);
  const params: Record<string, string> =
    req.kind === 'roster' ? req.query : req.kind === 'campaign' ? { campaignId: req.campaignId } : { influencerId: req.influencerId };
  const { id, expired } = await withTransaction(ctx, async (tx) => {
    const expired = await tx
      .delete(exportFiles)
      .where(and(eq(exportFiles.orgId, org.id), lt(exportFiles.expiresAt, new Date())))
      .returning({ storageKey: exportFiles.storageKey });
    const [row] = await tx
      .insert(exportFiles)
      .values({ orgId: org.id, requestedBy: actor.userId, kind: req.kind, params })
      .returning({ id: exportFiles.id });
    return { id: row.id, expired };
  });
  await getFileStore().remove(expired.flatMap((e) => (e.storageKey ? [e.storageKey] : [])));
  if (!(await sendEvent(exportCsvRequested, { exportId: id }))) await afterResponse('export', () => buildExport(id));
  return { id };
}

/** "22 Nov 2026, 09:00 UTC". */
function utc(d: Date): string {
  return `${format(new TZDate(d, 'UTC'), 'd MMM yyyy, HH:mm')} UTC`;
}

/**
 * Builds a queued export as the member who asked for it, stores the file, and tells them (in-app
 * and by email) with the signed link. A failure is stored on the export and told the same way.
 * Idempotent: an export that is no longer queued is left as it is.
 * @returns the export's status afterwards.
 */
export async function buildExport(exportId: string, now: () => Date = () => new Date()): Promise<ExportFile['status'] | 'missing'> {
  const db = await getDb();
  const [row] = await db
    .select({ file: exportFiles, org: { slug: organizations.slug, name: organizations.name }, user: users })
    .from(exportFiles)
    .innerJoin(organizations, eq(organizations.id, exportFiles.orgId))
    .innerJoin(users, eq(users.id, exportFiles.requestedBy))
    .where(eq(exportFiles.id, exportId));
  if (!row) return 'missing';
  if (row.file.status !== 'queued') return row.file.status;
  const actor = userActor(row.user);
  let fileName = 'export.csv';
  try {
    const csv = await csvOf(actor, row.org.slug, row.file);
    fileName = csv.fileName;
    // Streamed into the file store as it is built, counted as it passes: memory stays flat.
    // A key of this build's own: a second build of the same export (a duplicated event) never
    // writes over the file the first one stored; the one that loses deletes its copy.
    const storageKey = `exports/${exportId}-${randomUUID()}.csv`;
    await getFileStore().write(storageKey, csv.chunks);
    const rowCount = csv.rows();
    const readyAt = now();
    const expiresAt = new Date(readyAt.getTime() + EXPORT_LINK_TTL_MS);
    const path = signedExportPath(exportId, expiresAt);
    const stored = await db.transaction(async (tx) => {
      const done = await tx
        .update(exportFiles)
        .set({ status: 'ready', fileName, rowCount, storageKey, readyAt, expiresAt })
        .where(and(eq(exportFiles.id, exportId), eq(exportFiles.status, 'queued')))
        .returning({ id: exportFiles.id });
      if (done.length === 0) return false;
      await tx.insert(notifications).values({
        userId: actor.userId,
        kind: 'export_ready',
        title: `Your export ${fileName} is ready`,
        body: `${rowCount.toLocaleString('en-US')} rows. The download link works until ${utc(expiresAt)}.`,
        url: path,
      });
      return true;
    });
    if (!stored) {
      await getFileStore().remove([storageKey]);
      return 'ready';
    }
    await queueEmails([
      email(actor.email, 'export_ready', {
        name: actor.name,
        fileName,
        rowCount,
        url: new URL(path, getEnv().appUrl).toString(),
        expiresAt: utc(expiresAt),
      }),
    ]);
    return 'ready';
  } catch (error) {
    const message = describeFailure(error);
    await db.transaction(async (tx) => {
      const failed = await tx
        .update(exportFiles)
        .set({ status: 'failed', error: message })
        .where(and(eq(exportFiles.id, exportId), eq(exportFiles.status, 'queued')))
        .returning({ id: exportFiles.id });
      if (failed.length)
        await tx.insert(notifications).values({
          userId: actor.userId,
          kind: 'export_ready',
          title: `Your export could not be built`,
          body: `${message}. Nothing was sent; try the export again.`,
          url: `/o/${row.org.slug}`,
        });
    });
    console.error(`[export] ${exportId} failed: ${message}`);
    return 'failed';
  }
}

/**
 * The file of a signed download link. The signature is the proof (it works from the email on any
 * device), and the member who asked must still belong to the organization.
 * @returns the file name and its bytes, streamed from the file store.
 * @throws NotFoundError for a tampered link, a removed file or a member who left;
 *         ValidationError for a link past its 24 hours (the message says to export again).
 */
export async function downloadExport({
  input,
}: VerbArgs<{ exportId: string; expires: string; signature: string }>): Promise<{ fileName: string; chunks: AsyncGenerator<Buffer> }> {
  if (!uuid.safeParse(input.exportId).success) throw new NotFoundError('Export');
  const check = checkExportSignature(input.exportId, input.expires ?? '', input.signature ?? '');
  if (check === 'invalid') throw new NotFoundError('Export');
  if (check === 'expired')
    throw new ValidationError('This download link has expired (links work for 24 hours). Export the file again from Reachboard.');
  const db = await getDb();
  const [file] = await db
    .select({ fileName: exportFiles.fileName, storageKey: exportFiles.storageKey, status: exportFiles.status, member: memberships.userId })
    .from(exportFiles)
    .leftJoin(memberships, and(eq(memberships.orgId, exportFiles.orgId), eq(memberships.userId, exportFiles.requestedBy)))
    .where(eq(exportFiles.id, input.exportId));
  if (!file || file.status !== 'ready' || file.storageKey === null || !file.member) throw new NotFoundError('Export');
  const chunks = getFileStore().read(file.storageKey);
  // The first read checks the file is there, so a missing file is a 404, not a broken download.
  const first = await chunks.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return { fileName: file.fileName ?? 'export.csv', chunks: all() };
}
