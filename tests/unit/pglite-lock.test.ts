import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, DatabaseLockedError } from '@/db/connect';

function tempDir() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rb-lock-')), 'pglite');
}

describe('embedded database lock', () => {
  it('refuses a data dir held by another live process, naming it', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    const error = await connect({ pgliteDir: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect(error.message).toContain(`in use by process ${process.ppid}`);
    expect(error.message).toContain('DATABASE_URL');
  });

  it('takes over the lock of a process that died, and releases it on close', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    fs.writeFileSync(`${dir}.lock`, String(dead));
    const connection = await connect({ pgliteDir: dir });
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    await connection.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
