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
/** Clicks kept while the database is unreachable; beyond this the oldest batch waiting is dropped (and counted in the log). */
const MAX_PENDING = 200_000;
const UNIQUE_VIOLATION = '23505';
/** `link_clicks`' columns, in the order of the table and of each row of a {@link Batch}. */
const COLUMNS = ['id', 'org_id', 'tracking_link_id', 'clicked_at', 'visitor_hash', 'country', 'device', 'referrer_host', 'is_bot'];

/** A link and organization the clicks of a batch name, with their ids' bytes and how many clicks name them. */
type Pair = { linkId: string; orgId: string; linkBytes: Buffer; orgBytes: Buffer; index: number; clicks: number };

/**
 * Up to 1,000 queued clicks, each encoded as a row of COPY's binary format as it is queued: the
 * click's object is garbage at once instead of waiting in the queue for its write (which made the
 * redirect's garbage collector copy every queued click), and the batch is sent as it is. A batch
 * taken by a write (`sealed`) takes no more clicks.
 */
type Batch = {
  copy: BinaryCopy;
  /** The byte where each row starts, in queue order. */
  starts: number[];
  /** Each row's index in `pairs`. */
  pairOf: number[];
  pairs: Pair[];
  /** Pairs by link id (a link's clicks all name its organization, unless one was forged). */
  byLink: Map<string, Pair[]>;
  sealed: boolean;
  /** The COPY data, once the batch is sealed. */
  data: Buffer | null;
};

type State = {
  batches: Batch[];
  /** Clicks in `batches`. */
  queued: number;
  writing: Batch | null;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  hooked: boolean;
};
// One queue per process, even when Next loads this module in several bundles.
const state: State = ((globalThis as { __reachboardClickBatches?: State }).__reachboardClickBatches ??= {
  batches: [],
  queued: 0,
  writing: null,
  timer: null,
  flushing: null,
  hooked: false,
});

function newBatch(): Batch {
  return { copy: new BinaryCopy(BATCH * 140), starts: [], pairOf: [], pairs: [], byLink: new Map(), sealed: false, data: null };
}

function pairOf(batch: Batch, linkId: string, orgId: string): Pair {
  let pairs = batch.byLink.get(linkId);
  if (!pairs) batch.byLink.set(linkId, (pairs = []));
  let pair = pairs.find((p) => p.orgId === orgId);
  if (!pair) {
    const bytes = pairs[0]?.linkBytes ?? uuidBytes(linkId);
    pair = { linkId, orgId, linkBytes: bytes, orgBytes: uuidBytes(orgId), index: batch.pairs.length, clicks: 0 };
    pairs.push(pair);
    batch.pairs.push(pair);
  }
  return pair;
}

/** Clicks queued and not being written. */
function waiting(): number {
  return state.queued - (state.writing?.starts.length ?? 0);
}

/**
 * Queues a click to be written with others: the visitor's redirect never waits for the database.
 * The queue is written at least every `CLICK_FLUSH_MS` (default 1 s), at once when it holds 1,000
 * clicks, and on graceful shutdown (SIGTERM). A crash (kill -9, power loss) loses at most the clicks
 * of the last flush interval; docs/attribution.md says so. `idBytes`: the click id's 16 bytes when
 * the caller has them (the redirect makes them), else they are read from `row.id`.
 */
export function enqueueClick(row: ClickRow, idBytes?: Uint8Array): void {
  let batch = state.batches.at(-1);
  if (!batch || batch.sealed || batch.starts.length >= BATCH) state.batches.push((batch = newBatch()));
  const pair = pairOf(batch, row.trackingLinkId, row.orgId);
  pair.clicks++;
  const copy = batch.copy;
  batch.starts.push(copy.size);
  batch.pairOf.push(pair.index);
  copy.row(COLUMNS.length);
  copy.uuid(idBytes ?? uuidBytes(row.id));
  copy.uuid(pair.orgBytes);
  copy.uuid(pair.linkBytes);
  copy.timestamptz(row.clickedAt);
  copy.text(row.visitorHash);
  copy.text(row.country ?? null);
  copy.text(row.device);
  copy.text(row.referrerHost ?? null);
  copy.bool(row.isBot);
  state.queued++;
  if (state.queued > MAX_PENDING) dropOverflow();
  if (!state.hooked) {
    state.hooked = true;
    onShutdown(() => flushClicks());
  }
  if (batch.starts.length < BATCH) armTimer();
  else if (!state.flushing) void writeQueued(false);
}

/** Drops the oldest batches waiting (never the one being written) while more than `MAX_PENDING` clicks wait. */
function dropOverflow(): void {
  let over = waiting() - MAX_PENDING;
  if (over <= 0) return;
  const before = over + MAX_PENDING;
  let dropped = 0;
  while (over > 0) {
    const oldest = state.batches.find((b) => b !== state.writing)!;
    state.batches.splice(state.batches.indexOf(oldest), 1);
    dropped += oldest.starts.length;
    over -= oldest.starts.length;
    state.queued -= oldest.starts.length;
  }
  console.error(`[clicks] the database is not taking clicks: dropped the ${dropped} oldest of ${before} waiting`);
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

/** What {@link writeBatch} left out of a batch: clicks of deleted links, and clicks naming another organization than their link's. */
type Dropped = { ofDeletedLinks: number; deletedLinks: number; ofAnotherOrganization: number };

/**
 * The COPY data of the clicks of `batch` whose link exists in the click's organization, with those
 * links locked (`FOR KEY SHARE`) until `tx` ends: a link cannot be deleted between this check and
 * the commit, and a link deleted after it takes the clicks with it (trigger
 * `tracking_links_delete_clicks`). One statement per batch — what the foreign key the table no
 * longer has did once per click (docs/attribution.md, "What a click costs the database").
 */
async function clicksOfExistingLinks(tx: Tx, batch: Batch): Promise<{ data: Buffer; kept: number; dropped: Dropped }> {
  const linkIds = [...batch.byLink.keys()];
  const orgOfLink = new Map(
    rowsOf<{ id: string; org_id: string }>(
      await tx.execute(sql`select id, org_id from tracking_links where id = any(${pgArray(linkIds)}::uuid[]) for key share`),
    ).map((r) => [r.id, r.org_id]),
  );
  const data = (batch.data ??= batch.copy.finish());
  const dropped: Dropped = { ofDeletedLinks: 0, deletedLinks: linkIds.length - orgOfLink.size, ofAnotherOrganization: 0 };
  const keep = batch.pairs.map((p) => {
    const org = orgOfLink.get(p.linkId);
    if (org === undefined) dropped.ofDeletedLinks += p.clicks;
    else if (org !== p.orgId) dropped.ofAnotherOrganization += p.clicks;
    return org === p.orgId;
  });
  if (keep.every(Boolean)) return { data, kept: batch.starts.length, dropped };
  // Rare (a link deleted since its visits, a forged organization): the rows kept, copied out.
  const { starts, pairOf } = batch;
  const end = data.length - 2; // the trailer
  const parts = [data.subarray(0, starts[0] ?? end)];
  let kept = 0;
  for (let i = 0; i < starts.length; i++)
    if (keep[pairOf[i]]) {
      parts.push(data.subarray(starts[i], starts[i + 1] ?? end));
      kept++;
    }
  parts.push(data.subarray(end));
  return { data: Buffer.concat(parts), kept, dropped };
}

/**
 * Writes the clicks of `batch` whose link still exists in the click's organization
 * ({@link clicksOfExistingLinks}) with one `COPY` — the cheapest write for the server and for this
 * process, which also answers the visits — and drops the others: a link deleted (with its campaign
 * or organization) after a visit was queued, or while another instance still had it cached, takes
 * its clicks with it, as it takes the stored ones. `COPY` cannot skip a row: a click id already
 * stored — a batch retried after its commit was not acknowledged — fails it, and the batch is then
 * copied into a temporary table and inserted from it skipping what is stored. Returns what was dropped.
 */
async function writeBatch(db: Db, batch: Batch): Promise<Dropped> {
  try {
    return await db.transaction(async (tx) => {
      const { data, kept, dropped } = await clicksOfExistingLinks(tx, batch);
      if (kept) await copyInto(tx, 'link_clicks', COLUMNS, data);
      return dropped;
    });
  } catch (error) {
    if (databaseErrorCode(error) !== UNIQUE_VIOLATION) throw error;
    return db.transaction(async (tx) => {
      const { data, kept, dropped } = await clicksOfExistingLinks(tx, batch);
      if (kept) {
        await tx.execute(sql`create temporary table if not exists link_clicks_retried (like link_clicks) on commit delete rows`);
        await copyInto(tx, 'link_clicks_retried', COLUMNS, data);
        const columns = sql.raw(COLUMNS.join(', '));
        await tx.execute(sql`insert into link_clicks (${columns}) select ${columns} from link_clicks_retried on conflict (id) do nothing`);
      }
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
 * Writes every queued click now (in 1,000-row statements; a click id already stored is skipped, so a
 * retried batch never doubles); the clicks of links deleted since their visit are dropped and logged
 * ({@link writeBatch}). On a database error the clicks stay queued and are retried on the next
 * flush. Resolves when the queue as it was at the call is written or has failed.
 */
export function flushClicks(): Promise<void> {
  return writeQueued(true);
}

/**
 * Writes queued batches in order: all of them (`drain`: the timer, a shutdown, a caller of
 * {@link flushClicks}), or only full ones (a queue that reached 1,000 under load). The rest waits
 * for the next 1,000 or the timer, so under load every statement carries a full batch: writing
 * each tail at once made batches of ~400 clicks at 30,000 visits/s, and each batch costs the
 * server a commit (its WAL flush) and three statements whatever its size.
 */
async function writeQueued(drain: boolean): Promise<void> {
  while (state.flushing) await state.flushing;
  // A drain owes the clicks queued now: up to the batch that takes them. Those queued while it
  // writes go in full batches, or wait.
  const owed = drain ? state.batches.at(-1) : undefined;
  const due = () => {
    const head = state.batches[0];
    return head !== undefined && (head.starts.length >= BATCH || (owed !== undefined && state.batches.includes(owed)));
  };
  if (!due()) return;
  state.flushing = (async () => {
    const db = await getDb();
    while (due()) {
      const batch = state.batches[0];
      batch.sealed = true;
      state.writing = batch;
      try {
        logDropped(await writeBatch(db, batch));
        const at = state.batches.indexOf(batch);
        if (at >= 0) {
          state.batches.splice(at, 1);
          state.queued -= batch.starts.length;
        }
      } catch (error) {
        console.error(`[clicks] writing ${batch.starts.length} clicks failed; retrying on the next flush: ${(error as Error).message}`);
        armTimer();
        return;
      } finally {
        state.writing = null;
      }
    }
    if (state.batches.length) armTimer();
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
}
