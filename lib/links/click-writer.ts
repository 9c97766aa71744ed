import { sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db';
import { BinaryCopy, copyInto, uuidBytes } from '@/db/copy';
import { pgArray, rowsOf } from '@/db/sql';
import type { linkClicks } from '@/db/schema';
import { databaseErrorCode } from '../errors';
import { getEnv } from '../env';
import { onShutdown } from '../jobs/shutdown';

/** A click as recorded (db/schema/tracking.ts `link_clicks`). */
export type ClickRow = typeof linkClicks.$inferInsert;

/** Rows written per statement. */
const BATCH = 1_000;
/** Clicks kept while the database is unreachable; beyond this the oldest are dropped (and counted in the log). */
const MAX_PENDING = 200_000;
const UNIQUE_VIOLATION = '23505';
/** `link_clicks`' columns in the order both writes send them ({@link copyData}, {@link insertSql}). */
const COLUMNS = ['id', 'org_id', 'tracking_link_id', 'clicked_at', 'visitor_hash', 'country', 'device', 'referrer_host', 'is_bot'];

type State = { pending: ClickRow[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null; hooked: boolean };
// One buffer per process, even when Next loads this module in several bundles.
const state: State = ((globalThis as { __reachboardClicks?: State }).__reachboardClicks ??= {
  pending: [],
  timer: null,
  flushing: null,
  hooked: false,
});

/**
 * Queues a click to be written with others: the visitor's redirect never waits for the database.
 * The queue is written at least every `CLICK_FLUSH_MS` (default 1 s), at once when it holds 1,000
 * clicks, and on graceful shutdown (SIGTERM). A crash (kill -9, power loss) loses at most the clicks
 * of the last flush interval; docs/attribution.md says so.
 */
export function enqueueClick(row: ClickRow): void {
  state.pending.push(row);
  if (state.pending.length > MAX_PENDING) {
    const dropped = state.pending.splice(0, state.pending.length - MAX_PENDING).length;
    console.error(`[clicks] the database is not taking clicks: dropped the ${dropped} oldest of ${MAX_PENDING + dropped} waiting`);
  }
  if (!state.hooked) {
    state.hooked = true;
    onShutdown(() => flushClicks());
  }
  if (state.pending.length < BATCH) armTimer();
  else if (!state.flushing) void writeQueued(false);
}

/** Writes the queue in `CLICK_FLUSH_MS` unless a write is already due then. */
function armTimer(): void {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void flushClicks();
  }, getEnv().CLICK_FLUSH_MS);
  state.timer.unref();
}

/** One statement for a batch: each column as one array parameter (nine parameters whatever the size). */
function insertSql(batch: ClickRow[]) {
  const column = <T>(pick: (r: ClickRow) => T) => pgArray(batch.map(pick) as (string | boolean | Date | null)[]);
  return sql`
    insert into link_clicks (${sql.raw(COLUMNS.join(', '))})
    select * from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.orgId)}::uuid[], ${column((r) => r.trackingLinkId)}::uuid[],
      ${column((r) => r.clickedAt ?? null)}::timestamptz[], ${column((r) => r.visitorHash)}::text[], ${column((r) => r.country ?? null)}::char(2)[],
      ${column((r) => r.device)}::text[], ${column((r) => r.referrerHost ?? null)}::text[], ${column((r) => r.isBot)}::boolean[])
    on conflict (id) do nothing`;
}

/**
 * A batch in COPY's binary format, {@link COLUMNS} order: about 120 bytes a click, where the
 * statement of {@link insertSql} sends each uuid and time as text (~180 bytes), and the server
 * stores the values as they come instead of parsing nine text arrays.
 */
function copyData(batch: ClickRow[]): Buffer {
  const copy = new BinaryCopy(batch.length * 160);
  // A batch names few links (and their organizations): each id's bytes once.
  const bytesOf = new Map<string, Buffer>();
  const shared = (id: string) => {
    let bytes = bytesOf.get(id);
    if (!bytes) bytesOf.set(id, (bytes = uuidBytes(id)));
    return bytes;
  };
  for (const r of batch) {
    copy.row(COLUMNS.length);
    copy.uuid(uuidBytes(r.id));
    copy.uuid(shared(r.orgId));
    copy.uuid(shared(r.trackingLinkId));
    copy.timestamptz(r.clickedAt);
    copy.text(r.visitorHash);
    copy.text(r.country ?? null);
    copy.text(r.device);
    copy.text(r.referrerHost ?? null);
    copy.bool(r.isBot);
  }
  return copy.finish();
}

/** What {@link writeBatch} left out of a batch: clicks of deleted links, and clicks naming another organization than their link's. */
type Dropped = { ofDeletedLinks: number; deletedLinks: number; ofAnotherOrganization: number };

/**
 * The clicks of `batch` whose link exists in the click's organization, with those links locked
 * (`FOR KEY SHARE`) until `tx` ends: a link cannot be deleted between this check and the commit,
 * and a link deleted after it takes the clicks with it (trigger `tracking_links_delete_clicks`).
 * One statement per batch — what the foreign key the table no longer has did once per click
 * (docs/attribution.md, "What a click costs the database").
 */
async function clicksOfExistingLinks(tx: Tx, batch: ClickRow[]): Promise<{ kept: ClickRow[]; dropped: Dropped }> {
  const linkIds = [...new Set(batch.map((r) => r.trackingLinkId))];
  const orgOfLink = new Map(
    rowsOf<{ id: string; org_id: string }>(
      await tx.execute(sql`select id, org_id from tracking_links where id = any(${pgArray(linkIds)}::uuid[]) for key share`),
    ).map((r) => [r.id, r.org_id]),
  );
  const kept = batch.filter((r) => orgOfLink.get(r.trackingLinkId) === r.orgId);
  const ofDeletedLinks = batch.filter((r) => !orgOfLink.has(r.trackingLinkId)).length;
  return {
    kept,
    dropped: {
      ofDeletedLinks,
      deletedLinks: linkIds.length - orgOfLink.size,
      ofAnotherOrganization: batch.length - kept.length - ofDeletedLinks,
    },
  };
}

/**
 * Writes the clicks of `batch` whose link still exists in the click's organization
 * ({@link clicksOfExistingLinks}) with one `COPY` — the cheapest write for the server and for this
 * process, which also answers the visits — and drops the others: a link deleted (with its campaign
 * or organization) after a visit was queued, or while another instance still had it cached, takes
 * its clicks with it, as it takes the stored ones. `COPY` cannot skip a row: a click id already
 * stored — a batch retried after its commit was not acknowledged — fails it, and the batch is then
 * written with {@link insertSql}, which skips what is stored. Returns what was dropped.
 */
async function writeBatch(db: Db, batch: ClickRow[]): Promise<Dropped> {
  try {
    return await db.transaction(async (tx) => {
      const { kept, dropped } = await clicksOfExistingLinks(tx, batch);
      if (kept.length) await copyInto(tx, 'link_clicks', COLUMNS, copyData(kept));
      return dropped;
    });
  } catch (error) {
    if (databaseErrorCode(error) !== UNIQUE_VIOLATION) throw error;
    return db.transaction(async (tx) => {
      const { kept, dropped } = await clicksOfExistingLinks(tx, batch);
      if (kept.length) await tx.execute(insertSql(kept));
      return dropped;
    });
  }
}

/** Logs what a written batch left out (never from a visit: its organization is read with its link). */
function logDropped({ ofDeletedLinks, deletedLinks, ofAnotherOrganization }: Dropped): void {
  if (ofDeletedLinks) console.error(`[clicks] dropped ${ofDeletedLinks} clicks of ${deletedLinks} links deleted before they were written`);
  if (ofAnotherOrganization)
    console.error(`[clicks] dropped ${ofAnotherOrganization} clicks naming another organization than their link’s`);
}

/**
 * Takes a written batch off the queue. It is the queue's head unless the queue overflowed while it
 * was written ({@link enqueueClick} dropped the oldest clicks, some of them the batch's): then the
 * batch's clicks are taken out wherever they are, and none that was not written.
 */
function forget(batch: ClickRow[]): void {
  if (state.pending[0] === batch[0]) state.pending.splice(0, batch.length);
  else {
    const written = new Set(batch);
    state.pending = state.pending.filter((row) => !written.has(row));
  }
}

/**
 * Writes every queued click now (in 1,000-row statements; a click id already stored is skipped, so a
 * retried batch never doubles); the clicks of links deleted since their visit are dropped and logged
 * ({@link writeBatch}). On a database error the clicks stay queued and are retried on the next
 * flush. Resolves when the queue as it was at the call is written or has failed.
 */
export function flushClicks(): Promise<void> {
  return writeQueued(true);
}

/**
 * Writes queued clicks in batches of 1,000: all of them (`drain`: the timer, a shutdown, a caller
 * of {@link flushClicks}), or only full batches (a queue that reached 1,000 under load). The rest
 * of a queue waits for the next 1,000 or the timer, so under load every statement carries a full
 * batch: writing each tail at once made batches of ~400 clicks at 30,000 visits/s, and each batch
 * costs the server a commit (its WAL flush) and three statements whatever its size.
 */
async function writeQueued(drain: boolean): Promise<void> {
  while (state.flushing) await state.flushing;
  // A drain owes the clicks queued now; those queued while it writes go in full batches, or wait.
  let owed = drain ? state.pending.length : 0;
  const due = () => (owed > 0 && state.pending.length > 0) || state.pending.length >= BATCH;
  if (!due()) return;
  state.flushing = (async () => {
    const db = await getDb();
    while (due()) {
      const batch = state.pending.slice(0, BATCH);
      try {
        logDropped(await writeBatch(db, batch));
        forget(batch);
        owed -= batch.length;
      } catch (error) {
        console.error(`[clicks] writing ${batch.length} clicks failed; retrying on the next flush: ${(error as Error).message}`);
        armTimer();
        return;
      }
    }
    if (state.pending.length) armTimer();
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
}
