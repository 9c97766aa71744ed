import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-create-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Opens (creating it when new) the embedded database at `dir` in a fresh process; its answer and peak RSS. */
function openInFreshProcess(dir: string): { answer: number; peakMb: number } {
  const script = `const { connect } = await import('@/db/connect');
const { sql } = await import('drizzle-orm');
const connection = await connect({ pgliteDir: ${JSON.stringify(dir)} });
const { rows } = await connection.db.execute(sql\`select 6 * 7 as answer\`);
await connection.close();
console.log(JSON.stringify({ answer: rows[0].answer, peakMb: process.resourceUsage().maxRSS / 1024 }));`;
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/server-runtime.mjs', '--input-type=module', '--eval', script],
    {
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

describe('creating the embedded database', () => {
  it('runs initdb in a child process, so the process that opens a new database never holds its memory', () => {
    const dir = path.join(root, 'pglite');
    const created = openInFreshProcess(dir);
    expect(created.answer).toBe(42);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    const reopened = openInFreshProcess(dir);
    expect(reopened.answer).toBe(42);
    // Run in the opening process, initdb's second database instance and WebAssembly module took
    // its peak to ~910 MB; opening an existing database peaks at ~410 MB.
    expect(created.peakMb).toBeLessThan(600);
    expect(reopened.peakMb).toBeLessThan(600);
  });
});
