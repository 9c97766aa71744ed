import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { testServiceAccountJson } from './tests/connectors/fake-ga4';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

// The suite signs up users, resets passwords and floods sign-in: never against a shared database.
const databaseUrl = process.env.E2E_DATABASE_URL;
if (databaseUrl && !['localhost', '127.0.0.1', '::1', '[::1]'].includes(new URL(databaseUrl).hostname)) {
  throw new Error(`Refusing to run end-to-end tests against a non-local database (${new URL(databaseUrl).hostname}).`);
}

// GA4 in the end-to-end run: a fake Data API (scripts/fake-ga4-server.ts) knowing one fresh service
// account, whose key the test pastes as the organization's. Set here once: the workers inherit it.
const GA4_PORT = Number(process.env.E2E_GA4_PORT ?? 3198);
// Twitch: a fake OAuth + Helix server (scripts/fake-twitch-server.ts) the app reaches through @twurple's mock port.
const TWITCH_PORT = Number(process.env.E2E_TWITCH_PORT ?? 3197);
// Instagram: a fake Business Login + Graph API (scripts/fake-instagram-server.ts) the app is pointed at.
const INSTAGRAM_PORT = Number(process.env.E2E_INSTAGRAM_PORT ?? 3196);
const instagramUrl = `http://127.0.0.1:${INSTAGRAM_PORT}`;
process.env.E2E_GA4_SERVICE_ACCOUNT_JSON ??= testServiceAccountJson();
// The key sealing secrets at rest in the run's database (required in production), one per run.
process.env.E2E_ENCRYPTION_KEYS ??= `e2e:${randomBytes(32).toString('base64')}`;

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || undefined, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      command: 'node_modules/.bin/tsx scripts/fake-twitch-server.ts',
      url: `http://localhost:${TWITCH_PORT}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_TWITCH_PORT: String(TWITCH_PORT) },
    },
    {
      command: 'node_modules/.bin/tsx scripts/fake-instagram-server.ts',
      url: `${instagramUrl}/__fake/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_INSTAGRAM_PORT: String(INSTAGRAM_PORT) },
    },
    {
      command: 'node_modules/.bin/tsx scripts/fake-ga4-server.ts',
      url: `http://127.0.0.1:${GA4_PORT}/__fake/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_GA4_SERVICE_ACCOUNT_JSON: process.env.E2E_GA4_SERVICE_ACCOUNT_JSON, E2E_GA4_PORT: String(GA4_PORT) },
    },
    {
      command: `node_modules/.bin/tsx --import ./scripts/server-runtime.mjs scripts/prepare-db.ts && node_modules/.bin/next start -p ${PORT}`,
      url: `${baseURL}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        NODE_ENV: 'production',
        PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? './.data/e2e',
        DATABASE_URL: databaseUrl ?? '',
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: 'e2e-only-secret-0123456789abcdef0123456789',
        DEV_MAILBOX: 'true',
        DEMO_DATA: 'true',
        RESEND_API_KEY: '',
        // The suite's own clock: no hourly refresh or cleanup runs in the middle of a test (tests/integration/scheduler.test.ts covers the scheduler).
        EMBEDDED_SCHEDULER: 'false',
        ENCRYPTION_KEYS: process.env.E2E_ENCRYPTION_KEYS,
        GA4_API_BASE_URL: `http://127.0.0.1:${GA4_PORT}`,
        TWITCH_CLIENT_ID: 'fake-twitch-client-id',
        TWITCH_CLIENT_SECRET: 'fake-twitch-client-secret',
        TWURPLE_MOCK_API_PORT: String(TWITCH_PORT),
        INSTAGRAM_APP_ID: '990602627938098',
        INSTAGRAM_APP_SECRET: 'fake-instagram-app-secret-0123456789',
        INSTAGRAM_AUTHORIZE_URL: `${instagramUrl}/oauth/authorize`,
        INSTAGRAM_OAUTH_BASE_URL: instagramUrl,
        INSTAGRAM_GRAPH_BASE_URL: instagramUrl,
      },
    },
  ],
});
