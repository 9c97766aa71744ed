import { InngestTestEngine } from '@inngest/test';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox, exportFiles, memberships, notifications, storedFiles } from '@/db/schema';
import { exportCsvFunction } from '@/inngest/functions/export-csv';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { buildExport, downloadExport, requestExport } from '@/lib/exports/background-export';
import { exportCsvRequested } from '@/inngest/events';
import { rosterCsv } from '@/lib/exports/roster-csv';
import { signedExportPath } from '@/lib/exports/signed-link';
import { getFileStore } from '@/lib/storage/file-store';
import { createOrg, ctxOf, textOf } from '../factories';
import { importYoutube } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg({ approved: true }), createOrg({ approved: true })]);
  await importYoutube(brand.org.slug);
});

/** The link's id and query, as the download route reads them. */
function linkParts(url: string) {
  const u = new URL(url, 'http://localhost');
  return { exportId: u.pathname.split('/').pop()!, expires: u.searchParams.get('expires')!, signature: u.searchParams.get('signature')! };
}

const text = textOf;

/** A background export's stored file, as its download returns it. */
async function storedText(storageKey: string | null) {
  return text(getFileStore().read(storageKey!));
}

describe('background CSV export', () => {
  it('builds the roster export the page would download, then notifies and emails a link signed for 24 hours', async () => {
    const query = { sort: 'followers' as const, dir: 'desc' as const };
    const { id } = await requestExport({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, kind: 'roster', query } });
    const db = await getDb();
    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.id, id));
    expect(file.status).toBe('ready');
    const direct = await rosterCsv({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query } });
    const expected = await text(direct.chunks);
    expect(file.storageKey).toMatch(new RegExp(`^exports/${id}-[0-9a-f-]{36}\\.csv$`));
    expect(await storedText(file.storageKey)).toBe(expected);
    expect(direct.rows()).toBe(file.rowCount);
    expect(file.fileName).toBe(direct.fileName);
    expect(file.rowCount).toBe(expected.trimEnd().split('\r\n').length - 1);
    expect(file.rowCount).toBeGreaterThan(10);
    expect(file.expiresAt!.getTime() - file.readyAt!.getTime()).toBe(24 * 60 * 60 * 1000);

    const [notice] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, brand.viewer.id), eq(notifications.kind, 'export_ready')));
    expect(notice.title).toBe(`Your export ${file.fileName} is ready`);
    expect(notice.body).toMatch(/^\d[\d,]* rows\. The download link works until \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC\.$/);
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, brand.viewer.email), eq(emailOutbox.kind, 'export_ready')));
    expect(mail.text).toContain(`${file.fileName} (${file.rowCount!.toLocaleString('en-US')} rows) is ready`);
    expect(mail.text).toContain(`http://localhost:3000${notice.url}`);

    // The signed link is the proof: it works without a session.
    const download = await downloadExport({ ctx: ctxOf(null), input: linkParts(notice.url!) });
    expect(download.fileName).toBe(file.fileName);
    expect(await text(download.chunks)).toBe(expected);
  });

  it('refuses a tampered, an expired or a foreign link, and a member who has left', async () => {
    const { id } = await requestExport({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, kind: 'roster', query: {} } });
    const db = await getDb();
    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.id, id));
    const good = linkParts(signedExportPath(id, file.expiresAt!));
    await expect(downloadExport({ ctx: ctxOf(null), input: { ...good, signature: good.signature.slice(0, -2) + 'xx' } })).rejects.toThrow(
      NotFoundError,
    );
    // Moving the expiry forward breaks the signature.
    await expect(downloadExport({ ctx: ctxOf(null), input: { ...good, expires: String(Number(good.expires) + 3600) } })).rejects.toThrow(
      NotFoundError,
    );
    const expired = linkParts(signedExportPath(id, new Date(Date.now() - 1000)));
    await expect(downloadExport({ ctx: ctxOf(null), input: expired })).rejects.toThrow(ValidationError);
    await expect(downloadExport({ ctx: ctxOf(null), input: expired })).rejects.toThrow(/expired/);
    await expect(
      requestExport({ ctx: ctxOf(other.manager), input: { orgSlug: brand.org.slug, kind: 'roster', query: {} } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      requestExport({ ctx: ctxOf(brand.manager), input: { orgSlug: brand.org.slug, kind: 'campaign', campaignId: 'nope' } as never }),
    ).rejects.toThrow(ValidationError);
    await db.delete(memberships).where(and(eq(memberships.orgId, brand.org.id), eq(memberships.userId, brand.manager.id)));
    await expect(downloadExport({ ctx: ctxOf(null), input: good })).rejects.toThrow(NotFoundError);
    await db.insert(memberships).values({ orgId: brand.org.id, userId: brand.manager.id, role: 'manager' });
    expect(await text((await downloadExport({ ctx: ctxOf(null), input: good })).chunks)).toBe(await storedText(file.storageKey));
  });

  it('export-csv builds a queued export once: a re-run sends no second email', async () => {
    const db = await getDb();
    const [queued] = await db
      .insert(exportFiles)
      .values({ orgId: brand.org.id, requestedBy: brand.owner.id, kind: 'roster', params: {} })
      .returning({ id: exportFiles.id });
    const events: [{ name: string; data: Record<string, unknown> }] = [{ name: exportCsvRequested.name, data: { exportId: queued.id } }];
    expect((await new InngestTestEngine({ function: exportCsvFunction, events }).execute()).result).toEqual({
      exportId: queued.id,
      status: 'ready',
    });
    await new InngestTestEngine({ function: exportCsvFunction, events }).execute();
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, brand.owner.email), eq(emailOutbox.kind, 'export_ready')));
    expect(mails).toHaveLength(1);
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, brand.owner.id), eq(notifications.kind, 'export_ready')));
    expect(notices).toHaveLength(1);
  });

  it('two builds of one export at once (a duplicated event) store one file and send one email', async () => {
    const db = await getDb();
    const readyMails = async () =>
      (
        await db
          .select()
          .from(emailOutbox)
          .where(and(eq(emailOutbox.to, brand.manager.email), eq(emailOutbox.kind, 'export_ready')))
      ).length;
    const [queued] = await db
      .insert(exportFiles)
      .values({ orgId: brand.org.id, requestedBy: brand.manager.id, kind: 'roster', params: {} })
      .returning({ id: exportFiles.id });
    const before = await readyMails();
    expect(await Promise.all([buildExport(queued.id), buildExport(queued.id)])).toEqual(['ready', 'ready']);
    const files = await db
      .select()
      .from(storedFiles)
      .where(like(storedFiles.key, `exports/${queued.id}-%`));
    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.id, queued.id));
    expect(files.map((f) => f.key)).toEqual([file.storageKey]);
    expect(await storedText(file.storageKey)).toMatch(/^influencer_id,name,/);
    expect(await readyMails()).toBe(before + 1);
  });

  it('a campaign export that cannot be built is marked failed and the member is told', async () => {
    const db = await getDb();
    const [queued] = await db
      .insert(exportFiles)
      // A campaign of another organization: the requester may not read it.
      .values({
        orgId: brand.org.id,
        requestedBy: brand.owner.id,
        kind: 'campaign',
        params: { campaignId: '00000000-0000-4000-8000-000000000000' },
      })
      .returning({ id: exportFiles.id });
    const events: [{ name: string; data: Record<string, unknown> }] = [{ name: exportCsvRequested.name, data: { exportId: queued.id } }];
    expect((await new InngestTestEngine({ function: exportCsvFunction, events }).execute()).result).toMatchObject({ status: 'failed' });
    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.id, queued.id));
    expect(file.error).toMatch(/not found/i);
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, brand.owner.id), eq(notifications.title, 'Your export could not be built')));
    expect(notices).toHaveLength(1);
  });
});
