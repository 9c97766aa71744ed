/**
 * `npm run test:e2e`: builds the app and runs the Playwright suite against `next start` on a fresh
 * embedded database. The browser is CHROMIUM_PATH, else Debian's /usr/bin/chromium, else one that
 * Playwright installed; nothing is downloaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chromium } from '@playwright/test';

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    /* no Playwright-managed browser */
  }
  return candidates.find((c): c is string => !!c && existsSync(c));
}

const browser = findChromium();
if (!browser) {
  console.error(
    '\nNo Chromium found for the end-to-end tests. Install one:\n' +
      '  apt-get install chromium            (Debian/Ubuntu; found at /usr/bin/chromium)\n' +
      '  npx playwright install chromium     (Playwright-managed browser)\n' +
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.\n',
  );
  process.exit(1);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.env.E2E_SKIP_BUILD) run('node_modules/.bin/next', ['build']);
const pgliteDir = process.env.E2E_PGLITE_DIR ?? './.data/e2e';
rmSync(pgliteDir, { recursive: true, force: true });
rmSync(`${pgliteDir}.lock`, { force: true });
rmSync('e2e/.auth', { recursive: true, force: true });
run('node_modules/.bin/playwright', ['test', ...process.argv.slice(2)], {
  ...process.env,
  CHROMIUM_PATH: browser,
  E2E_PGLITE_DIR: pgliteDir,
});
