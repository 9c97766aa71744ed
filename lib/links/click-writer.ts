import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { pgArray } from '@/db/sql';
import type { linkClicks } from '@/db/schema';
import { getEnv } from '../env';
import { onShutdown } from '../jobs/shutdown';

/** A click as recorded (db/schema/tracking.ts `link_clicks`). */
export type ClickRow = typeof linkClicks.$inferInsert;

/** Rows written per statement. */
const BATCH = 1_000;
/** Clicks kept while the database is unreachable; beyond this the oldest are dropped (and counted in the log). */
const MAX_PENDING = 200_000;

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
  if (state.pending.length >= BATCH) void flushClicks();
  else if (!state.timer) {
    state.timer = setTimeout(() => {
      state.timer = null;
      void flushClicks();
    }, getEnv().CLICK_FLUSH_MS);
    state.timer.unref();
  }
}

/** One statement for a batch: each column as one array parameter (nine parameters whatever the size). */
function insertSql(batch: ClickRow[]) {
  const column = <T>(pick: (r: ClickRow) => T) => pgArray(batch.map(pick) as (string | boolean | Date | null)[]);
  return sql`
    insert into link_clicks (id, org_id, tracking_link_id, clicked_at, visitor_hash, country, device, referrer_host, is_bot)
    select * from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.orgId)}::uuid[], ${column((r) => r.trackingLinkId)}::uuid[],
      ${column((r) => r.clickedAt ?? null)}::timestamptz[], ${column((r) => r.visitorHash)}::text[], ${column((r) => r.country ?? null)}::char(2)[],
      ${column((r) => r.device)}::text[], ${column((r) => r.referrerHost ?? null)}::text[], ${column((r) => r.isBot)}::boolean[])
    on conflict (id) do nothing`;
}

/**
 * Writes every queued click now (in 1,000-row statements; a click id already stored is skipped, so a
 * retried batch never doubles). On a database error the clicks stay queued and are retried on the
 * next flush. Resolves when the queue as it was at the call is written or has failed.
 */
export async function flushClicks(): Promise<void> {
  while (state.flushing) await state.flushing;
  if (!state.pending.length) return;
  state.flushing = (async () => {
    const db = await getDb();
    while (state.pending.length) {
      const batch = state.pending.slice(0, BATCH);
      try {
        await db.execute(insertSql(batch));
        state.pending.splice(0, batch.length);
      } catch (error) {
        console.error(`[clicks] writing ${batch.length} clicks failed; retrying on the next flush: ${(error as Error).message}`);
        if (!state.timer) {
          state.timer = setTimeout(() => {
            state.timer = null;
            void flushClicks();
          }, getEnv().CLICK_FLUSH_MS);
          state.timer.unref();
        }
        return;
      }
    }
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
}
