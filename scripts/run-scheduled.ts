/**
 * `npm run scheduled -- <function id> [--slot <ISO time>] [--json]`: runs a scheduled function
 * (snapshot-schedule, reminders-daily, reports-weekly, uploads-cleanup) now, as the embedded
 * scheduler would at `--slot` (default: this minute). The slot is claimed first, so a slot that
 * any instance already ran is not run again. Prints whether this process ran it.
 */
import { parseArgs } from 'node:util';
import { runScheduled, SCHEDULED_FUNCTIONS, slotOf } from '@/inngest/embedded';
import { withDatabase } from './open-db';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { slot: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const [id] = positionals;
if (!id || !SCHEDULED_FUNCTIONS.some((f) => f.id === id)) {
  console.error(`Usage: npm run scheduled -- <${SCHEDULED_FUNCTIONS.map((f) => f.id).join(' | ')}> [--slot <ISO time>] [--json]`);
  process.exit(2);
}
const slot = slotOf(values.slot ? new Date(values.slot) : new Date());
if (Number.isNaN(slot.getTime())) {
  console.error(`--slot must be an ISO 8601 time, e.g. 2026-12-07T08:00:00Z (got ${values.slot})`);
  process.exit(2);
}
await withDatabase(async () => {
  const ran = await runScheduled(id, slot);
  if (values.json) console.log(JSON.stringify({ id, slot: slot.toISOString(), ran }));
  else
    console.log(
      ran ? `Ran ${id} for ${slot.toISOString()}.` : `${id} for ${slot.toISOString()} was already run (by this or another instance).`,
    );
});
