import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { connect } from '@/db/connect';
import { users } from '@/db/schema';

const dir = mkdtempSync(path.join(tmpdir(), 'reachboard-prepare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prepare(env: Record<string, string>) {
  return spawnSync('node_modules/.bin/tsx', ['--import', './scripts/server-runtime.mjs', 'scripts/prepare-db.ts'], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: 'prepare-db-test-secret-0123456789abcdef',
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      DATABASE_URL: '',
      PGLITE_DIR: path.join(dir, 'db'),
      ...env,
    },
  });
}

describe('npm start on an empty database', () => {
  it('creates no user and says how to create the first admin', async () => {
    const run = prepare({});
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('The database has no users yet. Create the first admin');
    expect(run.stdout).toContain('npm run admin:create -- --email');
    expect(run.stdout).not.toContain('reachboard-demo');
    expect(run.stdout).not.toContain('admin@reachboard.example');

    const connection = await connect({ pgliteDir: path.join(dir, 'db') });
    try {
      const [{ n }] = await connection.db.select({ n: count() }).from(users);
      expect(n).toBe(0);
    } finally {
      await connection.close();
    }
  }, 60_000);
});
