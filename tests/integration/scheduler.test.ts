import { spawn } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import postgres from 'postgres';
import { closeDb, getConnection, getDb } from '@/db';
import { migrateDatabase } from '@/db/connect';
import { scheduledRuns } from '@/db/schema';
import { runScheduled, slotOf, startEmbeddedScheduler } from '@/inngest/embedded';
import { sendOffer } from '@/lib/offers/send-offer';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, digestsTo, uniq } from '../factories';

// On a Postgres server, a database of this file's own: the scheduled functions act on every
// organization's data (today's reminders, due refreshes), and the shared test database holds the
// other test files' people and accounts.
const shared = process.env.DATABASE_URL;
const own = `reachboard_scheduler_${process.pid}_${Date.now()}`;
if (shared) {
  const admin = postgres(shared, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${own}`);
  await admin.end();
  const url = new URL(shared);
  url.pathname = `/${own}`;
  process.env.DATABASE_URL = url.toString();
}

type Org = Awaited<ReturnType<typeof createOrg>>;
type Creator = Awaited<ReturnType<typeof createInfluencerUser>>;
let brand: Org;
let creator: Creator;
/** Days the reminders ran on in this file (the fake clock's, the real one's). */
const reminderDays = new Set<string>();

async function runOf(functionId: string, slot: Date) {
  const db = await getDb();
  return db
    .select()
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.functionId, functionId), eq(scheduledRuns.slot, slot)));
}

/** An offer of a new campaign of the brand, waiting for `to`'s answer: the next reminder digest has it. */
async function offerWaitingFor(to: Creator) {
  const c = await createCampaign({
    orgId: brand.org.id,
    name: `Scheduler ${uniq()}`,
    currency: 'USD',
    status: 'active',
    visibility: 'public',
  });
  await sendOffer({
    ctx: ctxOf(brand.manager),
    input: {
      orgSlug: brand.org.slug,
      campaignId: c.id,
      influencerId: to.profile.id,
      terms: { fee: '500', deliverables: [{ title: 'One video', platform: 'youtube', dueOn: '2031-01-10' }] },
    },
  });
}

beforeAll(async () => {
  if (shared) await migrateDatabase(await getConnection());
  [brand, creator] = await Promise.all([createOrg({ approved: true }), createInfluencerUser()]);
  await offerWaitingFor(creator);
});

afterAll(async () => {
  vi.useRealTimers();
  if (shared) {
    await closeDb();
    const admin = postgres(shared, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${own} with (force)`);
    await admin.end();
  }
});

describe('the embedded scheduler (no Inngest server), on a fake clock', () => {
  it('runs the daily reminders at 08:00 UTC and the hourly refresh schedule, each slot once', async () => {
    // The next 08:00 UTC after now, 3 seconds before it.
    const eight = new Date();
    eight.setUTCHours(8, 0, 0, 0);
    if (eight.getTime() <= Date.now()) eight.setUTCDate(eight.getUTCDate() + 1);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date(eight.getTime() - 3_000));
    reminderDays.add(eight.toISOString().slice(0, 10));
    const scheduler = startEmbeddedScheduler();
    try {
      expect(await runOf('reminders-daily', eight)).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      // Not yet 08:00: nothing ran.
      expect(await runOf('reminders-daily', eight)).toEqual([]);
      expect(await digestsTo(creator.user.email)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(2_000);
      await vi.waitFor(
        async () => {
          const [run] = await runOf('reminders-daily', eight);
          expect(run?.finishedAt).toBeInstanceOf(Date);
        },
        { timeout: 20_000, interval: 100 },
      );
      const [reminders] = await runOf('reminders-daily', eight);
      expect(reminders.error).toBeNull();
      const mails = await digestsTo(creator.user.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Reachboard: 1 thing waiting for you');
      expect(mails[0].text).toMatch(/\nOffers waiting for your answer\n+• /);
      // The hourly refresh schedule ran for 08:00 too (no connector configured: nothing was due).
      await vi.waitFor(
        async () => {
          const [run] = await runOf('snapshot-schedule', eight);
          expect(run?.finishedAt).toBeInstanceOf(Date);
        },
        { timeout: 20_000, interval: 100 },
      );
      expect((await runOf('snapshot-schedule', eight))[0].error).toBeNull();
      // The weekly reports and the cleanup are not due at 08:00.
      expect(await runOf('reports-weekly', eight)).toEqual([]);
      expect(await runOf('uploads-cleanup', eight)).toEqual([]);
    } finally {
      scheduler.stop();
      vi.useRealTimers();
    }
  });

  it('a slot already run is not run again; an instance whose clock put the tick in another slot sends no second digest', async () => {
    const now = slotOf(new Date());
    reminderDays.add(now.toISOString().slice(0, 10));
    expect(await runScheduled('reminders-daily', now)).toBe(true);
    expect(await runScheduled('reminders-daily', now)).toBe(false);
    // One digest per day run (the fake clock's 08:00 may have been today's).
    expect(await digestsTo(creator.user.email)).toHaveLength(reminderDays.size);
    const other = new Date(now.getTime() + 60_000);
    expect(await runScheduled('reminders-daily', other)).toBe(true);
    expect(await digestsTo(creator.user.email)).toHaveLength(reminderDays.size);
  });
});

/** Runs `npm run scheduled -- <id> --slot <iso>` as its own process: its JSON answer. */
function scheduledProcess(id: string, slot: Date): Promise<{ ran: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        './scripts/server-runtime.mjs',
        '--import',
        'tsx',
        'scripts/run-scheduled.ts',
        id,
        '--slot',
        slot.toISOString(),
        '--json',
      ],
      { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe.runIf(process.env.DATABASE_URL)('two processes on one Postgres, without Inngest', () => {
  it('run a scheduled slot once between them, and never send a digest twice', async () => {
    const fresh = await createInfluencerUser();
    await offerWaitingFor(fresh);
    const slot = new Date(Date.UTC(2031, 0, 6, 8, 0));
    const [a, b] = await Promise.all([scheduledProcess('reminders-daily', slot), scheduledProcess('reminders-daily', slot)]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(await runOf('reminders-daily', slot)).toHaveLength(1);
    // Both in different slots (their clocks disagree): both run, and the day's claim per person holds.
    const [skewedA, skewedB] = await Promise.all([
      scheduledProcess('reminders-daily', new Date(slot.getTime() + 60_000)),
      scheduledProcess('reminders-daily', new Date(slot.getTime() + 120_000)),
    ]);
    expect([skewedA.ran, skewedB.ran]).toEqual([true, true]);
    expect(await digestsTo(fresh.user.email)).toHaveLength(1);
  }, 120_000);
});
